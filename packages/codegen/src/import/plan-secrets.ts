// The configs' Secrets Store bindings as the manifest says them: one store per environment, a
// prefix per environment where one prefix explains every name, and `storeNames` for the names no
// prefix explains (e.g. CATALOG_DATABASE_URL_PROD), so that every binding resolves to exactly the
// store secret it names today. Pure.

export interface StoreBinding {
  readonly binding: string;
  readonly store_id: string;
  readonly secret_name: string;
}

/** One worker's Secrets Store bindings in each of its environments (absent: none there). */
export interface WorkerStoreBindings {
  readonly app: string;
  readonly file: string;
  readonly environments: ReadonlyMap<string, readonly StoreBinding[]>;
}

export interface PlannedSecrets {
  readonly storeIds: ReadonlyMap<string, string>;
  readonly prefixes: ReadonlyMap<string, string>;
  /** Manifest secret -> its store name per environment where prefix + name is not it. */
  readonly secrets: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** app -> environment -> binding -> manifest secret. */
  readonly bindings: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, string>>>;
}

export type PlanSecretsResult = { readonly ok: true; readonly plan: PlannedSecrets } | { readonly ok: false; readonly errors: readonly string[] };

interface Pair {
  readonly app: string;
  readonly binding: string;
  /** environment -> store name */
  readonly names: ReadonlyMap<string, string>;
}

export function planSecrets(workers: readonly WorkerStoreBindings[], environments: { readonly defaultEnvironment: string; readonly named: readonly string[] }): PlanSecretsResult {
  const all = [environments.defaultEnvironment, ...environments.named];
  const storeIds = new Map<string, string>();
  const errors: string[] = [];
  for (const env of all) {
    const stores = new Map<string, string[]>();
    for (const worker of workers) for (const b of worker.environments.get(env) ?? []) stores.set(b.store_id, [...new Set([...(stores.get(b.store_id) ?? []), worker.file])]);
    if (stores.size > 1) {
      errors.push(
        `The configs bind ${stores.size} different stores in ${env} (${[...stores].map(([id, files]) => `${id} in ${files.join(", ")}`).join("; ")}); the manifest has one store per environment.\n` +
          "  fix: bind one store per environment (Cloudflare gives an account one store), then import again",
      );
    } else if (stores.size === 1) storeIds.set(env, [...stores.keys()][0]!);
  }
  if (errors.length > 0) return { ok: false, errors };

  const pairs: Pair[] = workers.flatMap((worker) => {
    const byBinding = new Map<string, Map<string, string>>();
    for (const [env, list] of worker.environments) for (const b of list) byBinding.set(b.binding, (byBinding.get(b.binding) ?? new Map()).set(env, b.secret_name));
    return [...byBinding].map(([binding, names]) => ({ app: worker.app, binding, names }));
  });
  const prefixes = new Map(all.map((env) => [env, env === environments.defaultEnvironment ? "" : inferPrefix(pairs, environments.defaultEnvironment, env)]));

  const secrets = new Map<string, Map<string, string>>();
  /** secret -> environment -> the store name it resolves to there, for the pairs bound there */
  const resolved = new Map<string, Map<string, string>>();
  const bindings = new Map<string, Map<string, Map<string, string>>>();
  const nameOf = new Map<Pair, string>();
  // Named first: the pairs that say the most about a secret (bound at the top level, then in more
  // environments), so that a store secret bound by several takes its name from the best of them.
  const byInformation = [...pairs].sort((a, b) => informationOf(b, environments.defaultEnvironment) - informationOf(a, environments.defaultEnvironment));
  for (const pair of byInformation) {
    const base = baseName(pair, environments.defaultEnvironment, prefixes);
    // A store secret has one manifest name: a binding reading one that another binding already
    // reads (in any environment) takes that binding's secret, whatever name it would get alone.
    let name = sameStoreSecret(pair, resolved) ?? base;
    for (let n = 2; !fits(name, pair, resolved); n++) name = `${base}_${n}`;
    const storeNames = secrets.get(name) ?? new Map<string, string>();
    const seen = resolved.get(name) ?? new Map<string, string>();
    for (const [env, storeName] of pair.names) {
      if (prefixes.get(env)! + name !== storeName) storeNames.set(env, storeName);
      seen.set(env, storeName);
    }
    secrets.set(name, storeNames);
    resolved.set(name, seen);
    nameOf.set(pair, name);
    const perEnv = bindings.get(pair.app) ?? new Map<string, Map<string, string>>();
    for (const env of pair.names.keys()) perEnv.set(env, (perEnv.get(env) ?? new Map()).set(pair.binding, name));
    bindings.set(pair.app, perEnv);
  }
  // Each environment lists its bindings in its own order (pairs follow the first environment that binds each).
  for (const worker of workers) {
    const perEnv = bindings.get(worker.app);
    for (const [env, list] of worker.environments) {
      const bound = perEnv?.get(env);
      if (bound) perEnv!.set(env, new Map(list.map((b) => [b.binding, bound.get(b.binding)!])));
    }
  }
  // The manifest lists secrets in the order the configs first bind them.
  const ordered = new Map(pairs.map((pair) => nameOf.get(pair)!).map((name) => [name, secrets.get(name)!]));
  return { ok: true, plan: { storeIds, prefixes, secrets: ordered, bindings } };
}

function informationOf(pair: Pair, defaultEnvironment: string): number {
  return (pair.names.has(defaultEnvironment) ? 1000 : 0) + pair.names.size;
}

/** The manifest secret that already stores, in an environment the pair binds, the store secret the pair reads there (and fits it everywhere). */
function sameStoreSecret(pair: Pair, resolved: ReadonlyMap<string, ReadonlyMap<string, string>>): string | undefined {
  for (const [name, seen] of resolved) {
    if ([...pair.names].some(([env, storeName]) => seen.get(env) === storeName) && fits(name, pair, resolved)) return name;
  }
  return undefined;
}

/** A name may serve a second binding when, in every environment both use it, it names the same store secret. */
function fits(name: string, pair: Pair, resolved: ReadonlyMap<string, ReadonlyMap<string, string>>): boolean {
  const seen = resolved.get(name);
  return seen === undefined || [...pair.names].every(([env, storeName]) => !seen.has(env) || seen.get(env) === storeName);
}

/** The prefix that turns the default environment's names into `env`'s, if one prefix does so for every binding both have. */
function inferPrefix(pairs: readonly Pair[], defaultEnvironment: string, env: string): string {
  const found = new Set<string>();
  for (const pair of pairs) {
    const base = pair.names.get(defaultEnvironment);
    const here = pair.names.get(env);
    if (base === undefined || here === undefined) continue;
    found.add(here.endsWith(base) ? here.slice(0, here.length - base.length) : "\u0000");
  }
  const [only] = found;
  return found.size === 1 && only !== "\u0000" ? only! : "";
}

/**
 * The manifest's name for a binding's secret: its store name in the default environment; else
 * the part its names share across environments (`BUILDS_API_TOKEN` for `BUILDS_API_TOKEN_STAGING`
 * and `BUILDS_API_TOKEN_PROD`) when they differ only by a last `_` segment; else the first name.
 */
function baseName(pair: Pair, defaultEnvironment: string, prefixes: ReadonlyMap<string, string>): string {
  const top = pair.names.get(defaultEnvironment);
  if (top !== undefined) return top;
  const names = [...pair.names].map(([env, storeName]) => {
    const prefix = prefixes.get(env) ?? "";
    return prefix !== "" && storeName.startsWith(prefix) ? storeName.slice(prefix.length) : storeName;
  });
  const segments = names.map((name) => name.split("_"));
  const shortest = Math.min(...segments.map((parts) => parts.length));
  let common = 0;
  while (common < shortest && segments.every((parts) => parts[common] === segments[0]![common])) common++;
  const shared = segments[0]!.slice(0, common).join("_");
  return names.length > 1 && common > 0 && common >= shortest - 1 && shared !== "" ? shared : names[0]!;
}
