// Which manifest environments an import creates: the configs' own [env.*] names, and a name for
// their top level (the manifest's default environment) that none of them uses. Pure.
import { ENVIRONMENT_NAME, matchesRule } from "../manifest/names.ts";

/** Tried in order for the top level when --default-env is not given. */
const DEFAULT_NAME_CANDIDATES = ["development", "default", "base", "top-level"];

export interface ConfigEnvironmentNames {
  /** The config, as given on the command line, for messages. */
  readonly file: string;
  /** Its [env.*] names, in the config's order. */
  readonly environments: readonly string[];
}

export type EnvironmentNamesResult =
  | { readonly ok: true; readonly defaultEnvironment: string; readonly named: readonly string[] }
  | { readonly ok: false; readonly errors: readonly string[] };

export function planEnvironmentNames(configs: readonly ConfigEnvironmentNames[], requested: string | undefined): EnvironmentNamesResult {
  const named = [...new Set(configs.flatMap((config) => config.environments))];
  const errors = named
    .filter((name) => !matchesRule(ENVIRONMENT_NAME, name))
    .map((name) => {
      const files = configs.filter((config) => config.environments.includes(name)).map((config) => config.file);
      return `[env.${name}] in ${files.join(", ")} cannot become a manifest environment: its name is not ${ENVIRONMENT_NAME.expected}.\n  fix: rename the environment in the config (and in your deploy scripts), then import again`;
    });
  if (requested !== undefined) {
    if (!matchesRule(ENVIRONMENT_NAME, requested)) errors.push(`--default-env ${JSON.stringify(requested)} is not ${ENVIRONMENT_NAME.expected}.\n  fix: pass a name such as --default-env development`);
    const users = configs.filter((config) => config.environments.includes(requested)).map((config) => config.file);
    if (users.length > 0) {
      errors.push(
        `--default-env ${requested} names the top level of every config, but ${users.join(", ")} already ${users.length === 1 ? "has" : "have"} an [env.${requested}] of ${users.length === 1 ? "its" : "their"} own; the two would become one environment.\n` +
          `  fix: pass a name no config uses for its top level, e.g. --default-env ${freeName(named)}, or leave --default-env out`,
      );
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, defaultEnvironment: requested ?? freeName(named), named };
}

function freeName(taken: readonly string[]): string {
  const free = DEFAULT_NAME_CANDIDATES.find((name) => !taken.includes(name));
  if (free !== undefined) return free;
  let n = 2;
  while (taken.includes(`default-${n}`)) n++;
  return `default-${n}`;
}
