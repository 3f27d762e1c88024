// Complete environments -> the worker's fields plus each environment's own, the inverse of the
// manifest's merge rule (mergeEnvironment in manifest/merge.ts), written as a person would: a field
// every environment has goes to the worker once, with the value most of them have (the first
// environment's, the config's top level, on a tie), and only the environments whose value differs
// override it. A field some environment lacks stays with the environments that have it, because an
// environment cannot unset what it inherits. `vars` and `define` are split name by name, as the
// merge rule joins them. Pure.
import { isDeepStrictEqual } from "node:util";
import { MERGED_BY_NAME } from "../manifest/merge.ts";
import type { Fields } from "./config-environments.ts";

export interface FactoredFields {
  readonly worker: Record<string, unknown>;
  /** Per environment name, only the fields that differ from the worker's. */
  readonly environments: ReadonlyMap<string, Record<string, unknown>>;
}

type Environment = { readonly name: string; readonly fields: Fields };

const isMap = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);

export function factorEnvironments(environments: readonly Environment[]): FactoredFields {
  const worker: Record<string, unknown> = {};
  const own = new Map(environments.map((env) => [env.name, {} as Record<string, unknown>]));
  const fieldOrder = [...new Set(environments.flatMap((env) => Object.keys(env.fields)))];
  for (const field of fieldOrder) {
    const values = environments.map((env) => env.fields[field]);
    if (MERGED_BY_NAME.has(field) && values.every((value) => value === undefined || isMap(value))) {
      splitByName(field, environments, worker, own);
      continue;
    }
    if (values.every((value) => value !== undefined)) {
      const common = mostCommon(values);
      worker[field] = common;
      environments.forEach((env, index) => {
        if (!isDeepStrictEqual(values[index], common)) own.get(env.name)![field] = values[index];
      });
      continue;
    }
    environments.forEach((env, index) => {
      if (values[index] !== undefined) own.get(env.name)![field] = values[index];
    });
  }
  return { worker, environments: own };
}

/** A name every environment has goes to the worker with its most common value; the rest stay per environment. */
function splitByName(field: string, environments: readonly Environment[], worker: Record<string, unknown>, own: Map<string, Record<string, unknown>>): void {
  const maps = environments.map((env) => (env.fields[field] ?? {}) as Fields);
  const names = [...new Set(maps.flatMap((map) => Object.keys(map)))];
  const shared = new Map(names.filter((key) => maps.every((map) => Object.hasOwn(map, key))).map((key) => [key, mostCommon(maps.map((map) => map[key]))]));
  // Object.fromEntries, not assignment: a var named __proto__ stays a var.
  if (shared.size > 0) worker[field] = Object.fromEntries(shared);
  environments.forEach((env, index) => {
    const rest = Object.entries(maps[index]!).filter(([key, value]) => !shared.has(key) || !isDeepStrictEqual(value, shared.get(key)));
    if (rest.length > 0) own.get(env.name)![field] = Object.fromEntries(rest);
  });
}

/** The value most entries have; on a tie, the one that comes first (undefined for none). */
export function mostCommon(values: readonly unknown[]): unknown {
  let best = values[0];
  let bestCount = 0;
  for (const candidate of values) {
    const count = values.filter((value) => isDeepStrictEqual(value, candidate)).length;
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}
