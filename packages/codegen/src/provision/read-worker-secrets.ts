// Lists each Worker's own secrets (`wrangler secret put`) with `wrangler secret list --format json`,
// for the Workers of one environment, using each app's generated config.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedEnvironment, ResolvedManifest } from "../manifest/model.ts";
import { StoreError } from "./store.ts";
import type { WranglerRunner } from "./wrangler-runner.ts";

export interface WorkerSecrets {
  readonly app: string;
  readonly workerName: string;
  /** The account its config deploys to here (the worker's own, else the environment's); undefined:
   *  CLOUDFLARE_ACCOUNT_ID as the caller has it. */
  readonly accountId: string | undefined;
  /** Config path relative to the output root. */
  readonly config: string;
  /** Names of the Worker's own secrets; empty when the Worker is not deployed. */
  readonly secrets: readonly string[];
  readonly deployed: boolean;
}

/** `--env NAME`, or `--env=` for the top level, so wrangler never has to guess. */
export function wranglerEnvFlag(env: ResolvedEnvironment): string[] {
  return env.isDefault ? ["--env="] : ["--env", env.name];
}

export async function readWorkerSecrets(options: {
  manifest: ResolvedManifest;
  environment: ResolvedEnvironment;
  root: string;
  wrangler: WranglerRunner;
}): Promise<WorkerSecrets[]> {
  const out: WorkerSecrets[] = [];
  for (const worker of options.manifest.workers) {
    const env = worker.environments.find((candidate) => candidate.environment === options.environment.name);
    // A worker that does not live in this environment has no Worker there to read.
    if (env === undefined) continue;
    const config = `${worker.dir}/${worker.configFile}`;
    if (!existsSync(join(options.root, config))) {
      throw new StoreError(`${config} does not exist.\n  fix: run \`secrets-manifest generate\` first: migrate deploys the generated configs`);
    }
    const result = await options.wrangler.run(["secret", "list", "--format", "json", "-c", join(options.root, config), ...wranglerEnvFlag(options.environment)], accountEnv(env.accountId));
    const text = `${result.stdout}\n${result.stderr}`;
    if (result.status !== 0) {
      if (/code: 10007|does not exist/i.test(text)) {
        out.push({ app: worker.id, workerName: env.workerName, accountId: env.accountId, config, secrets: [], deployed: false });
        continue;
      }
      throw new StoreError(`wrangler could not list the secrets of Worker ${env.workerName} (${config}, exit ${result.status}):\n${text.trim()}\n  fix: check CLOUDFLARE_API_TOKEN and the account id of ${worker.id} in ${options.environment.name} in the manifest`);
    }
    out.push({ app: worker.id, workerName: env.workerName, accountId: env.accountId, config, secrets: parseSecretList(result.stdout, env.workerName), deployed: true });
  }
  return out;
}

/** The worker's account for wrangler: its config's `account_id`, which a worker may set apart from
 *  its environment's. Without one, CLOUDFLARE_ACCOUNT_ID stays as the caller has it. */
export function accountEnv(accountId: string | undefined): { env: Record<string, string> } {
  return { env: accountId === undefined ? {} : { CLOUDFLARE_ACCOUNT_ID: accountId } };
}

export function parseSecretList(stdout: string, workerName: string): string[] {
  const start = stdout.indexOf("[");
  const end = stdout.lastIndexOf("]");
  try {
    const list = JSON.parse(stdout.slice(start, end + 1)) as { name?: unknown; type?: unknown }[];
    return list.filter((entry) => entry.type === undefined || entry.type === "secret_text").map((entry) => String(entry.name));
  } catch {
    throw new StoreError(`Could not read wrangler's secret list for ${workerName}: expected JSON, received:\n${stdout.trim()}`);
  }
}
