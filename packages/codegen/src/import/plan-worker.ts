// One config -> one worker of the manifest input: identity (app id, folder, config file name,
// environments), then the factored Wrangler fields under the manifest's names. Pure.
import type { ConfigEnvironment, Fields } from "./config-environments.ts";
import { factorEnvironments } from "./factor-environments.ts";
import type { WorkerAccounts } from "./plan-accounts.ts";

/** Wrangler's name -> the manifest's name, for the fields the manifest spells its own way. */
const MANIFEST_NAMES: ReadonlyMap<string, string> = new Map([
  ["compatibility_date", "compatibilityDate"],
  ["compatibility_flags", "compatibilityFlags"],
  ["secrets", "workerSecrets"],
  ["secrets_store_secrets", "secrets"],
]);

/** Fields every worker must have at its own level (the manifest requires them there). */
const REQUIRED_AT_WORKER = ["main", "compatibility_date"];

export interface WorkerIdentity {
  readonly app: string;
  readonly dir: string;
  readonly configFile: string;
  /** Set when another worker shares the folder, so that their Env types files do not collide. */
  readonly envTypesFile?: string;
}

export interface PlanWorkerInput {
  readonly identity: WorkerIdentity;
  readonly topLevelOnly: Fields;
  /** The worker's environments, the default first, each with its Secrets Store bindings as
   *  `secrets_store_secrets: { BINDING: "MANIFEST_SECRET" }` and without `account_id`. */
  readonly environments: readonly ConfigEnvironment[];
  /** Where the worker's account differs from its environments' (plan-accounts.ts). */
  readonly accounts: WorkerAccounts;
  /** Every environment of the manifest, the default first. */
  readonly manifestEnvironments: readonly string[];
}

export function planWorker(input: PlanWorkerInput): Record<string, unknown> {
  const { identity, environments } = input;
  const defaultEnv = environments[0]!;
  const factored = factorEnvironments(environments);
  const shared = factored.worker;
  const perEnv = new Map([...factored.environments].map(([env, fields]) => [env, { ...fields }]));
  // The default environment always exists, so its value can stand at the worker for a required field.
  for (const field of REQUIRED_AT_WORKER) {
    const own = perEnv.get(defaultEnv.name)!;
    if (!(field in shared) && field in own) {
      shared[field] = own[field];
      delete own[field];
    }
  }

  const name = defaultEnv.workerName ?? identity.app;
  const worker: Record<string, unknown> = {
    ...(name !== identity.app ? { name } : {}),
    ...(identity.dir !== `apps/${identity.app}` ? { dir: identity.dir } : {}),
    ...(identity.configFile !== `wrangler-${identity.app}.toml` ? { configFile: identity.configFile } : {}),
    ...(identity.envTypesFile !== undefined ? { envTypesFile: identity.envTypesFile } : {}),
  };
  const lives = environments.map((env) => env.name);
  if (!input.manifestEnvironments.every((env) => lives.includes(env))) worker.deployTo = input.manifestEnvironments.filter((env) => lives.includes(env));
  if (input.accounts.worker !== undefined) worker.accountId = input.accounts.worker;
  Object.assign(worker, input.topLevelOnly, toManifestFields(shared));

  const overrides: Record<string, unknown> = {};
  for (const env of environments) {
    const own = toManifestFields(perEnv.get(env.name)!);
    const expectedName = env.isDefault ? name : `${name}-${env.name}`;
    const account = input.accounts.environments.get(env.name);
    const entry = {
      ...(env.workerName !== undefined && env.workerName !== expectedName ? { name: env.workerName } : {}),
      ...(account !== undefined ? { accountId: account } : {}),
      ...own,
    };
    if (Object.keys(entry).length > 0) overrides[env.name] = entry;
  }
  if (Object.keys(overrides).length > 0) worker.environments = overrides;
  return worker;
}

function toManifestFields(fields: Fields): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([field, value]) => [MANIFEST_NAMES.get(field) ?? field, field === "secrets_store_secrets" ? storeBindings(value as Fields) : value]),
  );
}

/** `["A", "B"]` when every binding has its secret's name, else `{ BINDING: "SECRET" }`. */
function storeBindings(map: Fields): readonly string[] | Fields {
  const entries = Object.entries(map);
  return entries.every(([binding, secret]) => binding === secret) ? entries.map(([binding]) => binding) : map;
}
