// One Wrangler config seen as the environments Wrangler makes of it: the top level (the manifest's
// default environment) and each [env.NAME], each complete as Wrangler reads it for `--env NAME`:
// its own fields plus those it inherits from the top level (Wrangler's table, wrangler-fields.ts).
// Values stay as the team wrote them (raw JSON data, relative paths), never Wrangler's normalised
// reading. Pure.
import { inheritanceOf } from "../manifest/wrangler-fields.ts";

export type Fields = Readonly<Record<string, unknown>>;

export interface ConfigEnvironment {
  /** The manifest environment: the config's [env.NAME], or the import's default environment. */
  readonly name: string;
  readonly isDefault: boolean;
  /** The Worker's name there as Wrangler reads it (`<name>-<env>` when [env.NAME] has none). */
  readonly workerName: string | undefined;
  /** Every other field Wrangler applies in this environment, in Wrangler's field names. */
  readonly fields: Fields;
}

export interface ConfigLayout {
  /** Fields Wrangler allows only at the top of a config (`dev`, `alias`, `keep_vars`, `$schema`, ...). */
  readonly topLevelOnly: Fields;
  /** The default environment first, then each [env.NAME] in the config's order. */
  readonly environments: readonly ConfigEnvironment[];
}

const isObject = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);

export function readConfigEnvironments(config: Fields, defaultEnvironment: string): ConfigLayout {
  const topLevelOnly: Record<string, unknown> = {};
  const top: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(config)) {
    if (field === "env" || field === "name" || value === undefined) continue;
    if (inheritanceOf(field) === "top-level-only") topLevelOnly[field] = value;
    else top[field] = value;
  }
  const topName = typeof config.name === "string" ? config.name : undefined;
  const environments: ConfigEnvironment[] = [{ name: defaultEnvironment, isDefault: true, workerName: topName, fields: top }];
  const named = isObject(config.env) ? config.env : {};
  for (const [name, raw] of Object.entries(named)) {
    const own = isObject(raw) ? raw : {};
    const fields: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(top)) if (inheritanceOf(field) === "inherited") fields[field] = value;
    for (const [field, value] of Object.entries(own)) if (field !== "name" && value !== undefined) fields[field] = value;
    const workerName = typeof own.name === "string" ? own.name : topName === undefined ? undefined : `${topName}-${name}`;
    environments.push({ name, isDefault: false, workerName, fields });
  }
  return { topLevelOnly, environments };
}
