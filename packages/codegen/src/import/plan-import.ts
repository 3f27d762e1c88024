// From existing Wrangler configs to a starter manifest, as plain data. Pure. What the manifest
// cannot say (other binding kinds, a secret bound in one environment only) becomes a warning, and
// what the configs do not say (an account id) becomes a TODO in the output.
import type { VarValue } from "../manifest/define.ts";
import type { WranglerConfigFile } from "./read-wrangler-configs.ts";
import { collectEnvironments, type ConfigEnvironment } from "./config-environments.ts";

export interface ImportedWorker {
  name?: string;
  main: string;
  compatibilityDate: string;
  compatibilityFlags?: string[];
  dir?: string;
  secrets?: string[] | Record<string, string>;
  vars?: Record<string, VarValue>;
  environments?: Record<string, { name?: string; vars?: Record<string, VarValue> }>;
}

export interface ImportedManifest {
  environments: Record<string, { accountId: string; storeId: string; secretPrefix?: string }>;
  defaultEnvironment: string;
  secrets: Record<string, Record<string, never>>;
  workers: Record<string, ImportedWorker>;
}

export interface ImportPlan {
  readonly manifest: ImportedManifest;
  /** Key paths whose value is a placeholder, with what to put there. */
  readonly todos: readonly { readonly path: readonly string[]; readonly note: string }[];
  readonly warnings: readonly string[];
}

export const PLACEHOLDER_ID = "0".repeat(32);

export function planImport(configs: readonly WranglerConfigFile[], options: { defaultEnvironment: string }): ImportPlan {
  const warnings: string[] = [];
  const todos: { path: string[]; note: string }[] = [];
  const perConfig = configs.map((file) => ({ file, envs: collectEnvironments(file, options.defaultEnvironment, warnings) }));
  const envNames = [options.defaultEnvironment, ...new Set(perConfig.flatMap(({ envs }) => envs.filter((env) => !env.isDefault).map((env) => env.name)))];
  const prefixes = new Map(envNames.map((name) => [name, name === options.defaultEnvironment ? "" : inferPrefix(perConfig.map((c) => c.envs), name, warnings)]));

  const environments: ImportedManifest["environments"] = {};
  for (const name of envNames) {
    const all = perConfig.flatMap(({ envs }) => envs.filter((env) => env.name === name));
    const accountId = single(all.map((env) => env.accountId), `account ids in ${name}`, warnings);
    const storeId = single(all.flatMap((env) => env.bindings.map((b) => b.store_id)), `store ids in ${name}`, warnings);
    if (!accountId) todos.push({ path: ["environments", name, "accountId"], note: "the configs name no account_id: put the Cloudflare account id here" });
    if (!storeId) todos.push({ path: ["environments", name, "storeId"], note: "no config binds a store here: put the store id (`wrangler secrets-store store list --remote`)" });
    const prefix = prefixes.get(name)!;
    environments[name] = { accountId: accountId ?? PLACEHOLDER_ID, storeId: storeId ?? PLACEHOLDER_ID, ...(prefix ? { secretPrefix: prefix } : {}) };
  }

  const secrets = new Set<string>();
  const workers: ImportedManifest["workers"] = {};
  const usedIds = new Set<string>();
  for (const { file, envs } of perConfig) {
    const id = uniqueId(appIdOf(file), usedIds);
    workers[id] = planWorker({ id, file, envs, envNames, prefixes, secrets, warnings, todos });
  }
  return {
    manifest: { environments, defaultEnvironment: options.defaultEnvironment, secrets: Object.fromEntries([...secrets].map((name) => [name, {}])), workers },
    todos,
    warnings,
  };
}

function planWorker(input: {
  id: string;
  file: WranglerConfigFile;
  envs: ConfigEnvironment[];
  envNames: string[];
  prefixes: Map<string, string>;
  secrets: Set<string>;
  warnings: string[];
  todos: { path: string[]; note: string }[];
}): ImportedWorker {
  const { id, file, envs } = input;
  const config = file.config;
  const top = envs.find((env) => env.isDefault)!;
  const name = typeof config.name === "string" ? config.name : id;
  const main = typeof config.main === "string" ? config.main : undefined;
  const date = typeof config.compatibility_date === "string" ? config.compatibility_date : undefined;
  if (!main) input.todos.push({ path: ["workers", id, "main"], note: `${file.file} has no main: point it at the Worker's entry module` });
  if (!date) input.todos.push({ path: ["workers", id, "compatibilityDate"], note: `${file.file} has no compatibility_date` });
  const flags = Array.isArray(config.compatibility_flags) ? config.compatibility_flags.map(String) : [];
  // Keys in the order a person writes them: name first.
  const worker: ImportedWorker = {
    ...(name !== id ? { name } : {}),
    main: main ?? "src/index.ts",
    compatibilityDate: date ?? "2026-08-01",
    ...(flags.length > 0 ? { compatibilityFlags: flags } : {}),
    ...(file.dir !== `apps/${id}` ? { dir: file.dir } : {}),
  };

  for (const missing of input.envNames.filter((env) => !envs.some((e) => e.name === env))) {
    input.warnings.push(`${file.file} has no [env.${missing}]: the generated config will add one with the same secrets and vars.`);
  }
  const bindingMap = new Map<string, string>();
  for (const env of envs) {
    const prefix = input.prefixes.get(env.name) ?? "";
    for (const binding of env.bindings) {
      const secret = prefix && binding.secret_name.startsWith(prefix) ? binding.secret_name.slice(prefix.length) : binding.secret_name;
      const known = bindingMap.get(binding.binding);
      if (known === undefined) bindingMap.set(binding.binding, secret);
      else if (known !== secret) input.warnings.push(`${file.file}: binding ${binding.binding} names ${known} in one environment and ${binding.secret_name} in ${env.name}; the manifest keeps ${known}.`);
    }
  }
  for (const env of envs) {
    const missing = [...bindingMap.keys()].filter((binding) => !env.bindings.some((b) => b.binding === binding));
    if (missing.length > 0) input.warnings.push(`${file.file}: ${env.isDefault ? "the top level" : `[env.${env.name}]`} does not bind ${missing.join(", ")}; the manifest binds a worker's secrets in every environment.`);
  }
  for (const secret of bindingMap.values()) input.secrets.add(secret);
  if (bindingMap.size > 0) {
    const same = [...bindingMap].every(([binding, secret]) => binding === secret);
    worker.secrets = same ? [...bindingMap.keys()] : Object.fromEntries(bindingMap);
  }

  const common = Object.fromEntries(Object.entries(top.vars).filter(([key, value]) => envs.every((env) => key in env.vars && env.vars[key] === value)));
  if (Object.keys(common).length > 0) worker.vars = common;
  const overrides: NonNullable<ImportedWorker["environments"]> = {};
  for (const env of envs) {
    const entry: { name?: string; vars?: Record<string, VarValue> } = {};
    const expectedName = env.isDefault ? name : `${name}-${env.name}`;
    if (env.workerName !== undefined && env.workerName !== expectedName) entry.name = env.workerName;
    const own = Object.fromEntries(Object.entries(env.vars).filter(([key]) => !(key in common)));
    if (Object.keys(own).length > 0) entry.vars = own;
    if (Object.keys(entry).length > 0) overrides[env.name] = entry;
  }
  if (Object.keys(overrides).length > 0) worker.environments = overrides;
  return worker;
}

/** The prefix that turns the top level's secret names into this environment's, from every binding both share. */
function inferPrefix(perConfig: readonly ConfigEnvironment[][], name: string, warnings: string[]): string {
  const counts = new Map<string, number>();
  for (const envs of perConfig) {
    const top = envs.find((env) => env.isDefault);
    const other = envs.find((env) => env.name === name);
    for (const binding of other?.bindings ?? []) {
      const base = top?.bindings.find((b) => b.binding === binding.binding);
      if (base && binding.secret_name.endsWith(base.secret_name)) {
        const prefix = binding.secret_name.slice(0, binding.secret_name.length - base.secret_name.length);
        counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
      }
    }
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  if (ranked.length > 1) warnings.push(`The secret names of ${name} do not share one prefix (${ranked.map(([p]) => JSON.stringify(p)).join(", ")}); the manifest uses ${JSON.stringify(ranked[0]![0])}.`);
  return ranked[0]?.[0] ?? "";
}

function single(values: readonly (string | undefined)[], what: string, warnings: string[]): string | undefined {
  const distinct = [...new Set(values.filter((value): value is string => value !== undefined))];
  if (distinct.length > 1) warnings.push(`Several ${what} (${distinct.join(", ")}): the manifest keeps the first; one environment has one account and one store.`);
  return distinct[0];
}

function appIdOf(file: WranglerConfigFile): string {
  const folder = file.dir.split("/").filter(Boolean).pop() ?? (typeof file.config.name === "string" ? file.config.name : "app");
  return folder.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^[^a-z0-9]+/, "") || "app";
}

function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
  used.add(candidate);
  return candidate;
}
