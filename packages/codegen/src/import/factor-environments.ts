// Complete environments -> the worker's shared fields plus each environment's own, the inverse of
// the manifest's merge rule (mergeEnvironment in manifest/merge.ts): a value every environment has
// alike is written once, at the worker; any other value stays with the environments that have it.
// `vars` and `define` are split name by name, as the merge rule joins them. Because the worker only
// gets what every environment has, an environment never needs to unset anything. Pure.
import { isDeepStrictEqual } from "node:util";
import { MERGED_BY_NAME } from "../manifest/merge.ts";
import type { Fields } from "./config-environments.ts";

export interface FactoredFields {
  readonly worker: Record<string, unknown>;
  /** Per environment name, only the fields that differ from the worker's. */
  readonly environments: ReadonlyMap<string, Record<string, unknown>>;
}

const isMap = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);

export function factorEnvironments(environments: readonly { readonly name: string; readonly fields: Fields }[]): FactoredFields {
  const worker: Record<string, unknown> = {};
  const own = new Map(environments.map((env) => [env.name, {} as Record<string, unknown>]));
  const fieldOrder = [...new Set(environments.flatMap((env) => Object.keys(env.fields)))];
  for (const field of fieldOrder) {
    const values = environments.map((env) => env.fields[field]);
    if (MERGED_BY_NAME.has(field) && values.every((value) => value === undefined || isMap(value))) {
      splitByName(field, environments, worker, own);
      continue;
    }
    if (values.every((value) => value !== undefined && isDeepStrictEqual(value, values[0]))) {
      worker[field] = values[0];
      continue;
    }
    environments.forEach((env, index) => {
      if (values[index] !== undefined) own.get(env.name)![field] = values[index];
    });
  }
  return { worker, environments: own };
}

/** A name every environment gives the same value goes to the worker; the rest stay per environment. */
function splitByName(field: string, environments: readonly { readonly name: string; readonly fields: Fields }[], worker: Record<string, unknown>, own: Map<string, Record<string, unknown>>): void {
  const maps = environments.map((env) => (env.fields[field] ?? {}) as Fields);
  const has = (map: Fields, key: string) => Object.hasOwn(map, key);
  const names = [...new Set(maps.flatMap((map) => Object.keys(map)))];
  const shared = new Set(names.filter((key) => maps.every((map) => has(map, key) && isDeepStrictEqual(map[key], maps[0]![key]))));
  // Object.fromEntries, not assignment: a var named __proto__ stays a var.
  if (shared.size > 0) worker[field] = Object.fromEntries([...shared].map((key) => [key, maps[0]![key]]));
  environments.forEach((env, index) => {
    const rest = Object.entries(maps[index]!).filter(([key]) => !shared.has(key));
    if (rest.length > 0) own.get(env.name)![field] = Object.fromEntries(rest);
  });
}
