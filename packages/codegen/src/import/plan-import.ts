// Existing Wrangler configs -> a manifest in the input shape, as plain data. Pure. Every
// environment a config has is kept (and none added: a worker gets `deployTo` with exactly its own),
// every config's account_id is kept (plan-accounts.ts), every Wrangler field passes through under Wrangler's name, values shared by all of a worker's
// environments are written once, and each Secrets Store binding keeps the store secret it names.
import { APP_ID, matchesRule } from "../manifest/names.ts";
import { readConfigEnvironments, type ConfigLayout } from "./config-environments.ts";
import { planEnvironmentNames } from "./environment-names.ts";
import { planSecrets, type StoreBinding } from "./plan-secrets.ts";
import { planAccounts } from "./plan-accounts.ts";
import { planWorker } from "./plan-worker.ts";
import type { WranglerConfigFile } from "./read-wrangler-configs.ts";

export interface ImportedManifest {
  environments: Record<string, { accountId?: string; storeId?: string; secretPrefix?: string }>;
  defaultEnvironment: string;
  secrets: Record<string, { storeNames?: Record<string, string> }>;
  workers: Record<string, Record<string, unknown>>;
}

/** A per-Worker secret (`wrangler secret put`) a worker uses today: a candidate for `migrate`. */
export interface WorkerSecretCandidate {
  readonly app: string;
  readonly name: string;
  /** Where the import saw it: `secrets.required` in which environments, or a `.dev.vars` file. */
  readonly seenIn: readonly string[];
}

export interface ImportPlan {
  readonly manifest: ImportedManifest;
  /** Key paths whose value the configs did not give, with what to put there. */
  readonly todos: readonly { readonly path: readonly string[]; readonly note: string }[];
  readonly warnings: readonly string[];
  readonly candidates: readonly WorkerSecretCandidate[];
  /** app -> the config `generate` will replace (its path relative to the output root). */
  readonly configs: ReadonlyMap<string, string>;
}

export type PlanImportResult = { readonly ok: true; readonly plan: ImportPlan } | { readonly ok: false; readonly errors: readonly string[] };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function planImport(configs: readonly WranglerConfigFile[], options: { defaultEnvironment?: string | undefined }): PlanImportResult {
  const names = planEnvironmentNames(
    configs.map((config) => ({ file: config.file, environments: isObject(config.config.env) ? Object.keys(config.config.env) : [] })),
    options.defaultEnvironment,
  );
  if (!names.ok) return names;
  const atRoot = configs.filter((config) => config.dir === "");
  if (atRoot.length > 0) {
    return {
      ok: false,
      errors: atRoot.map(
        (config) =>
          `${config.file} is in the manifest's own folder; a worker's dir must be a folder below it (the manifest cannot yet hold a Worker at its root).\n` +
          "  fix: write the manifest one folder up (--manifest ../secrets.manifest.ts), or move the Worker into a folder of its own",
      ),
    };
  }
  const all = [names.defaultEnvironment, ...names.named];
  const warnings: string[] = [];
  const todos: { path: string[]; note: string }[] = [];
  const apps = appIds(configs);
  const layouts = configs.map((config) => readConfigEnvironments(config.config, names.defaultEnvironment));

  const secretsPlan = planSecrets(
    configs.map((config, index) => ({
      app: apps[index]!,
      file: config.file,
      environments: new Map(layouts[index]!.environments.map((env) => [env.name, storeBindingsOf(env.fields.secrets_store_secrets)])),
    })),
    names,
  );
  if (!secretsPlan.ok) return secretsPlan;
  const { storeIds, prefixes, secrets, bindings } = secretsPlan.plan;

  const accountPlan = planAccounts(layouts, all);
  const accounts = accountPlan.environments;
  const sharedDirs = new Set(configs.map((config) => config.dir).filter((dir, index, dirs) => dirs.indexOf(dir) !== index));
  const workers: ImportedManifest["workers"] = {};
  const candidates: WorkerSecretCandidate[] = [];
  const replaced = new Map<string, string>();
  configs.forEach((config, index) => {
    const app = apps[index]!;
    const layout = layouts[index]!;
    const environments = layout.environments.map((env) => {
      const { account_id: _account, secrets_store_secrets: _bindings, ...fields } = env.fields;
      const bound = bindings.get(app)?.get(env.name);
      return { ...env, fields: bound && bound.size > 0 ? { ...fields, secrets_store_secrets: Object.fromEntries(bound) } : fields };
    });
    if (config.unknownFields.length > 0) {
      warnings.push(
        `${config.file}: Wrangler's schema (config-schema.json) does not know ${config.unknownFields.join(", ")}. ` +
          "The manifest keeps them where they are, so Wrangler reads the generated config as before, but its types flag them in the editor: " +
          "move or delete them (in TOML, keys written after a [[table]] header belong to that table).",
      );
    }
    if (layout.environments[0]!.workerName === undefined) warnings.push(`${config.file} has no name: the manifest names the Worker "${app}" (its app id).`);
    workers[app] = planWorker({
      identity: { app, dir: config.dir, configFile: config.configFile, ...(sharedDirs.has(config.dir) ? { envTypesFile: `src/${app}.env.generated.ts` } : {}) },
      topLevelOnly: layout.topLevelOnly,
      environments,
      accounts: accountPlan.workers[index]!,
      manifestEnvironments: all,
    });
    if (typeof workers[app].main !== "string") {
      workers[app].main = "src/index.ts";
      todos.push({ path: ["workers", app, "main"], note: `${config.file} has no main; the manifest needs the Worker's entry module` });
    }
    candidates.push(...candidatesOf(app, config, layout));
    replaced.set(app, `${config.dir}/${config.configFile}`);
  });

  const environments: ImportedManifest["environments"] = {};
  for (const env of all) {
    const prefix = prefixes.get(env) ?? "";
    // An account has one store: an environment that binds no secret still shares its account's store.
    const sibling = all.find((other) => accounts.has(env) && accounts.get(other) === accounts.get(env) && storeIds.has(other));
    const storeId = storeIds.get(env) ?? (sibling === undefined ? undefined : storeIds.get(sibling));
    environments[env] = {
      ...(accounts.has(env) ? { accountId: accounts.get(env)! } : {}),
      ...(storeId !== undefined ? { storeId } : {}),
      ...(prefix !== "" ? { secretPrefix: prefix } : {}),
    };
  }
  const manifestSecrets = Object.fromEntries(
    [...secrets].map(([name, storeNames]) => [name, storeNames.size > 0 ? { storeNames: Object.fromEntries(all.filter((env) => storeNames.has(env)).map((env) => [env, storeNames.get(env)!])) } : {}]),
  );
  return {
    ok: true,
    plan: { manifest: { environments, defaultEnvironment: names.defaultEnvironment, secrets: manifestSecrets, workers }, todos, warnings, candidates, configs: replaced },
  };
}

function storeBindingsOf(value: unknown): StoreBinding[] {
  if (!Array.isArray(value)) return [];
  return value.filter((entry): entry is StoreBinding => isObject(entry) && typeof entry.binding === "string" && typeof entry.store_id === "string" && typeof entry.secret_name === "string");
}

function candidatesOf(app: string, config: WranglerConfigFile, layout: ConfigLayout): WorkerSecretCandidate[] {
  const seen = new Map<string, string[]>();
  const note = (name: string, where: string) => seen.set(name, [...(seen.get(name) ?? []), where]);
  for (const env of layout.environments) {
    const required = isObject(env.fields.secrets) && Array.isArray(env.fields.secrets.required) ? env.fields.secrets.required : [];
    for (const name of required) if (typeof name === "string") note(name, `secrets.required (${env.name})`);
  }
  for (const file of config.devVars) for (const name of file.names) note(name, file.file);
  return [...seen].map(([name, seenIn]) => ({ app, name, seenIn }));
}

/** App ids from folder names; configs sharing a folder are told apart by their file names (wrangler.indexing.toml -> indexing). */
function appIds(configs: readonly WranglerConfigFile[]): string[] {
  const used = new Set<string>();
  return configs.map((config) => {
    const folder = config.dir.split("/").filter(Boolean).pop() ?? "";
    const shared = configs.filter((other) => other.dir === config.dir).length > 1;
    const stem = config.configFile.replace(/\.(toml|jsonc?)$/, "").replace(/^wrangler(?:[.-]|$)/, "");
    const raw = (shared && stem !== "" ? stem : folder) || (typeof config.config.name === "string" ? config.config.name : "") || "app";
    let id = raw.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^[^a-z0-9]+/, "").slice(0, APP_ID.maxLength) || "app";
    if (!matchesRule(APP_ID, id)) id = "app";
    const base = id;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}
