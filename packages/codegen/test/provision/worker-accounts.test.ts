// migrate runs wrangler for each Worker with that Worker's own account (its config's account_id),
// which a worker may set apart from its environment's; null leaves CLOUDFLARE_ACCOUNT_ID as it is.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { validateManifest } from "../../src/manifest/validate.ts";
import { readWorkerSecrets } from "../../src/provision/read-worker-secrets.ts";
import { applyMigration } from "../../src/provision/apply-migration.ts";
import type { WranglerRunner } from "../../src/provision/wrangler-runner.ts";
import type { SecretStore } from "../../src/provision/store.ts";
import { makeSandbox, removeSandbox } from "../helpers/sandbox.ts";
import { OPTIONS, validManifest } from "../manifest/valid-manifest.ts";

const dir = makeSandbox("worker-accounts");
afterAll(() => removeSandbox(dir));

function recordingWrangler(): { runner: WranglerRunner; calls: { args: readonly string[]; env: Readonly<Record<string, string>> | undefined }[] } {
  const calls: { args: readonly string[]; env: Readonly<Record<string, string>> | undefined }[] = [];
  return { calls, runner: { command: "wrangler", run: async (args, options) => (calls.push({ args, env: options?.env }), { status: 0, stdout: "[]", stderr: "" }) } };
}

it("lists and deploys each Worker under its own account: the environment's, or none where it says accountId: null", async () => {
  const input = validManifest();
  input.workers["cron"] = { main: "src/index.ts", compatibilityDate: "2026-08-01", accountId: null };
  const result = validateManifest(input, OPTIONS);
  if (!result.ok) throw new Error(result.errors.map((issue) => issue.message).join("\n"));
  const manifest = result.manifest;
  for (const worker of manifest.workers) {
    mkdirSync(join(dir, worker.dir), { recursive: true });
    writeFileSync(join(dir, worker.dir, worker.configFile), "");
  }
  const environment = manifest.environments.find((env) => env.name === "production")!;
  const listing = recordingWrangler();
  const workers = await readWorkerSecrets({ manifest, environment, root: dir, wrangler: listing.runner });
  expect(workers.map((w) => [w.app, w.accountId])).toEqual([["openai", "0123456789abcdef0123456789abcdef"], ["cron", undefined]]);
  expect(listing.calls.map((call) => call.env)).toEqual([{ CLOUDFLARE_ACCOUNT_ID: "0123456789abcdef0123456789abcdef" }, {}]);

  const deploying = recordingWrangler();
  const outcome = await applyMigration({
    plan: {
      environment: "production",
      moves: [],
      kept: [],
      steps: workers.map((w) => ({ kind: "deploy" as const, app: w.app, workerName: w.workerName, accountId: w.accountId, config: w.config })),
    },
    store: {} as SecretStore,
    values: new Map(),
    wrangler: deploying.runner,
    root: dir,
    environment,
    waitMs: 0,
  });
  expect(outcome.failed).toBeUndefined();
  expect(deploying.calls.map((call) => [call.args[0], call.env])).toEqual([["deploy", { CLOUDFLARE_ACCOUNT_ID: "0123456789abcdef0123456789abcdef" }], ["deploy", {}]]);
});
