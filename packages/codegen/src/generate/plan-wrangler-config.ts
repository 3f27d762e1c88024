// The whole Wrangler config of one worker as plain data: the default environment at the top level,
// every other environment it lives in as `env.<name>`. Wrangler does not inherit bindings, vars and
// the like into environments (wrangler-fields.ts says which), so each `env.<name>` repeats them.
import type { ResolvedWorker } from "../manifest/model.ts";
import { EMPTY_OBJECT_VALUES, inheritanceOf } from "../manifest/wrangler-fields.ts";

type Config = Record<string, unknown>;

export function planWranglerConfig(worker: ResolvedWorker): Config {
  const top = worker.environments.find((env) => env.isDefault);
  if (top === undefined) throw new Error(`Worker "${worker.id}" has no default environment in the resolved manifest.`);
  const config: Config = { ...top.config, ...worker.topLevelSettings };
  const named = worker.environments.filter((env) => !env.isDefault);
  if (named.length > 0) {
    config["env"] = Object.fromEntries(named.map((env) => [env.environment, environmentSection(env.config, top.config)]));
  }
  return config;
}

/**
 * What `[env.X]` must say so that Wrangler reads exactly X's config: every per-environment field,
 * inherited fields only where they differ from the top level, and an empty value for a field the
 * top level has and X has not (so that Wrangler neither inherits it nor warns that it is missing).
 */
function environmentSection(env: Readonly<Config>, top: Readonly<Config>): Config {
  const section: Config = {};
  for (const [field, value] of Object.entries(env)) {
    if (field === "name" || inheritanceOf(field) !== "inherited" || !sameValue(value, top[field])) section[field] = value;
  }
  for (const [field, value] of Object.entries(top)) {
    if (field in env) continue;
    const empty = Array.isArray(value) ? [] : EMPTY_OBJECT_VALUES.get(field);
    // The manifest rules reject (inherited) or warn about (per-environment) a field with no empty form.
    if (empty !== undefined) section[field] = empty;
  }
  return section;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === "object" && a !== null && JSON.stringify(a) === JSON.stringify(b));
}
