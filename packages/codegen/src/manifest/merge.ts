// The manifest's one merge rule, documented in the README ("How an environment inherits").

/** The name -> value maps that an environment extends instead of replacing. */
export const MERGED_BY_NAME: ReadonlySet<string> = new Set(["vars", "define"]);

type Fields = Readonly<Record<string, unknown>>;

const isMap = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * An environment inherits every field of its worker. A field the environment sets replaces the
 * worker's field of the same name; `vars` and `define` are merged name by name instead (the
 * environment's value wins). Key order: the worker's fields, then the environment's new ones.
 */
export function mergeEnvironment(worker: Fields, environment: Fields | undefined): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...worker };
  for (const [field, value] of Object.entries(environment ?? {})) {
    if (value === undefined) continue;
    const inherited = merged[field];
    merged[field] = MERGED_BY_NAME.has(field) && isMap(inherited) && isMap(value) ? { ...inherited, ...value } : value;
  }
  return merged;
}
