// Turns a schema-valid, rule-checked manifest into the resolved model the generators accept.
import type { ParsedManifest, ParsedWorker } from "./schema.ts";
import type {
  ConfigFormat,
  ResolvedBinding,
  ResolvedEnvironment,
  ResolvedManifest,
  ResolvedSecret,
  ResolvedWorker,
  ResolvedWorkerEnvironment,
} from "./model.ts";
import type { VarValue, WorkerSecretsInput } from "./define.ts";
import { DEFAULT_SECRETS_PER_ACCOUNT } from "./store-rules.ts";
import { mergeEnvironment } from "./merge.ts";
import { inheritanceOf } from "./wrangler-fields.ts";
import { OWN_WORKER_FIELDS } from "./own-fields.ts";

export const ENV_TYPES_FILE = "src/env.generated.ts";
export const DEFAULT_PROVISION_DIR = "provision";

/** Worker fields that say where and in which environments, not how: never merged into a config. */
const PLACEMENT_FIELDS: ReadonlySet<string> = new Set(["name", "dir", "configFile", "envTypesFile", "deployTo", "environments"]);

export function defaultConfigFile(id: string): string {
  return `wrangler-${id}.toml`;
}

export function configFormatOf(file: string): ConfigFormat {
  if (file.endsWith(".jsonc")) return "jsonc";
  if (file.endsWith(".json")) return "json";
  return "toml";
}

/** The environments a worker lives in (`deployTo`), the default one always; reads raw input defensively. */
export function livingEnvironments(worker: { readonly deployTo?: unknown }, environments: readonly string[], defaultEnvironment: string | undefined): string[] {
  const deployTo = Array.isArray(worker.deployTo) ? (worker.deployTo as unknown[]) : undefined;
  return environments.filter((env) => env === defaultEnvironment || deployTo === undefined || deployTo.includes(env));
}

export function normalizeManifest(parsed: ParsedManifest, options: { manifestPath: string }): ResolvedManifest {
  const environments = Object.entries(parsed.environments)
    .map(([name, env]): ResolvedEnvironment => ({
      name,
      isDefault: name === parsed.defaultEnvironment,
      accountId: env.accountId,
      storeId: env.storeId,
      secretPrefix: env.secretPrefix ?? "",
    }))
    // The default environment renders at the top level, so it leads everywhere.
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  const storeNames = new Map(
    Object.entries(parsed.secrets).map(([name, secret]) => [
      name,
      Object.fromEntries(environments.map((env) => [env.name, secret.storeNames?.[env.name] ?? `${env.secretPrefix}${name}`])),
    ]),
  );
  const workers = Object.entries(parsed.workers).map(([id, worker]) => resolveWorker({ id, worker, environments, storeNames }));
  const boundBy = new Map<string, Set<string>>();
  for (const worker of workers) {
    for (const binding of worker.environments.flatMap((env) => env.secrets)) {
      const ids = boundBy.get(binding.secret) ?? new Set<string>();
      boundBy.set(binding.secret, ids.add(worker.id));
    }
  }
  return {
    manifestPath: options.manifestPath,
    defaultEnvironment: parsed.defaultEnvironment,
    environments,
    secrets: Object.entries(parsed.secrets).map(([name, secret]): ResolvedSecret => ({
      name,
      description: secret.description,
      scopes: secret.scopes ?? ["workers"],
      rotateEveryDays: secret.rotateEveryDays,
      storeNames: storeNames.get(name)!,
      boundBy: [...(boundBy.get(name) ?? [])],
    })),
    workers,
    provisionDir: parsed.provisionDir ?? DEFAULT_PROVISION_DIR,
    limits: { secretsPerAccount: parsed.limits?.secretsPerAccount ?? DEFAULT_SECRETS_PER_ACCOUNT },
  };
}

interface WorkerContext {
  readonly id: string;
  readonly worker: ParsedWorker;
  readonly environments: readonly ResolvedEnvironment[];
  readonly storeNames: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

function resolveWorker({ id, worker, environments, storeNames }: WorkerContext): ResolvedWorker {
  const name = worker.name ?? id;
  const configFile = worker.configFile ?? defaultConfigFile(id);
  const base: Record<string, unknown> = {};
  const topLevelSettings: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(worker)) {
    if (value === undefined || PLACEMENT_FIELDS.has(field)) continue;
    if (!OWN_WORKER_FIELDS.has(field) && inheritanceOf(field) === "top-level-only") topLevelSettings[field] = value;
    else base[field] = value;
  }
  const defaultEnvironment = environments.find((env) => env.isDefault)?.name ?? "";
  const livesIn = new Set(livingEnvironments(worker, environments.map((env) => env.name), defaultEnvironment));
  const lives = environments.filter((env) => livesIn.has(env.name));
  return {
    id,
    dir: worker.dir ?? `apps/${id}`,
    configFile,
    configFormat: configFormatOf(configFile),
    envTypesFile: worker.envTypesFile ?? ENV_TYPES_FILE,
    main: worker.main,
    compatibilityDate: worker.compatibilityDate,
    compatibilityFlags: worker.compatibilityFlags ?? [],
    topLevelSettings,
    environments: lives.map((env): ResolvedWorkerEnvironment => {
      const override = worker.environments?.[env.name];
      const { name: overrideName, ...overrideFields } = override ?? {};
      const merged = mergeEnvironment(base, overrideFields);
      const workerName = overrideName ?? (env.isDefault ? name : `${name}-${env.name}`);
      const secrets = bindingPairs(merged["secrets"] as WorkerSecretsInput<string> | undefined).map(([binding, secret]): ResolvedBinding => ({
        binding,
        secret,
        storeSecretName: storeNames.get(secret)?.[env.name] ?? `${env.secretPrefix}${secret}`,
        // The store rules require a store id wherever a worker binds a secret.
        storeId: env.storeId ?? "",
      }));
      const vars = (merged["vars"] ?? {}) as Record<string, VarValue>;
      // The merge rule applies: the environment's override, else the worker's; null says "none".
      const accountId = "accountId" in merged ? ((merged["accountId"] as string | null) ?? undefined) : env.accountId;
      return {
        environment: env.name,
        isDefault: env.isDefault,
        workerName,
        accountId,
        vars: Object.entries(vars).map(([varName, value]) => ({ name: varName, value })),
        secrets,
        config: wranglerConfig({ merged, workerName, accountId, secrets }),
      };
    }),
  };
}

function bindingPairs(secrets: WorkerSecretsInput<string> | undefined): [string, string][] {
  if (secrets === undefined) return [];
  return Array.isArray(secrets) ? secrets.map((secret: string): [string, string] => [secret, secret]) : Object.entries(secrets);
}

interface ConfigParts {
  readonly merged: Readonly<Record<string, unknown>>;
  readonly workerName: string;
  readonly accountId: string | undefined;
  readonly secrets: readonly ResolvedBinding[];
}

/** One environment in Wrangler's field names, keys in write order. */
function wranglerConfig({ merged, workerName, accountId, secrets }: ConfigParts): Record<string, unknown> {
  const config: Record<string, unknown> = { name: workerName, main: merged["main"], compatibility_date: merged["compatibilityDate"] };
  const flags = merged["compatibilityFlags"] as readonly string[] | undefined;
  if (flags !== undefined && flags.length > 0) config["compatibility_flags"] = [...flags];
  if (accountId !== undefined) config["account_id"] = accountId;
  for (const [field, value] of Object.entries(merged)) {
    if (!OWN_WORKER_FIELDS.has(field)) config[field] = value;
  }
  const vars = merged["vars"] as Record<string, unknown> | undefined;
  if (vars !== undefined && Object.keys(vars).length > 0) config["vars"] = vars;
  if (merged["workerSecrets"] !== undefined) config["secrets"] = merged["workerSecrets"];
  if (secrets.length > 0) {
    config["secrets_store_secrets"] = secrets.map((b) => ({ binding: b.binding, store_id: b.storeId, secret_name: b.storeSecretName }));
  }
  return config;
}
