// Assertions that compare rendered output with the resolved model it came from, written against
// the model (not the renderer) so that the renderer cannot agree with itself by construction.
import { parse } from "smol-toml";
import { expect } from "vitest";
import { environmentInterfaceName } from "../../src/generate/env-types.ts";
import { canonicalVar, readInterfaces, type MemberShape } from "./support.ts";
import { inheritanceOf } from "../../src/manifest/wrangler-fields.ts";
import type { ResolvedWorker, ResolvedWorkerEnvironment } from "../../src/manifest/model.ts";

type Table = Record<string, unknown>;

/**
 * The parsed config says exactly what the model says, as Wrangler reads it: the top level is the
 * default environment's config plus the top-level settings, and for `--env X` an inherited field
 * falls back to the top level while a per-environment field does not.
 */
export function expectConfigMatchesWorker(text: string, worker: ResolvedWorker): void {
  const config = (worker.configFormat === "toml" ? parse(text) : parseJsonc(text)) as Table;
  const named = worker.environments.filter((env) => !env.isDefault);
  const top = worker.environments.find((env) => env.isDefault)!;
  const { env: envTables = {}, ...topLevel } = config as Table & { env?: Record<string, Table> };
  expect(topLevel).toEqual({ ...top.config, ...worker.topLevelSettings });
  expect(Object.keys(topLevel)).toEqual(Object.keys({ ...top.config, ...worker.topLevelSettings }));
  expect(Object.keys(envTables)).toEqual(named.map((env) => env.environment));
  for (const env of named) {
    const section = envTables[env.environment]!;
    expect(section.name, env.environment).toBe(env.workerName);
    const read: Table = {};
    for (const field of new Set([...Object.keys(top.config), ...Object.keys(section)])) {
      const value = field in section ? section[field] : inheritanceOf(field) === "inherited" ? top.config[field] : undefined;
      if (!isEmpty(value)) read[field] = value;
    }
    expect(read, env.environment).toEqual(Object.fromEntries(Object.entries(env.config).filter(([, value]) => !isEmpty(value))));
  }
}

/** `[]`, `{}` and `{ bindings: [] }`-like values say "none": Wrangler reads them as absent. */
function isEmpty(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object" && value !== null) return Object.values(value).every(isEmpty);
  return false;
}

function parseJsonc(text: string): unknown {
  // The stamp is the only comment the renderer writes: whole `//` lines at the top.
  return JSON.parse(text.replace(/^\/\/.*$/gm, ""));
}

/** What the model says `<Env>Env` must contain. */
export function expectedEnvironmentShape(env: ResolvedWorkerEnvironment): Map<string, MemberShape> {
  const shape = new Map<string, MemberShape>();
  for (const b of env.secrets) shape.set(b.binding, { optional: false, types: ["SecretsStoreSecret"] });
  for (const v of env.vars) shape.set(v.name, { optional: false, types: [canonicalVar(v.value)] });
  return shape;
}

/** What the model says the aggregate `Env` must contain (the rules of `wrangler types`). */
export function expectedAggregateShape(worker: ResolvedWorker): Map<string, MemberShape> {
  const perEnv = worker.environments.map(expectedEnvironmentShape);
  const names = new Set(perEnv.flatMap((shape) => [...shape.keys()]));
  const aggregate = new Map<string, MemberShape>();
  for (const name of names) {
    const present = perEnv.filter((shape) => shape.has(name));
    const types = [...new Set(present.flatMap((shape) => shape.get(name)!.types))].sort();
    aggregate.set(name, { optional: present.length < perEnv.length, types });
  }
  return aggregate;
}

/** The generated env types declare exactly the model's members, per environment and aggregated. */
export function expectEnvTypesMatchWorker(source: string, worker: ResolvedWorker): void {
  const interfaces = readInterfaces(source);
  for (const env of worker.environments) {
    const name = environmentInterfaceName(env.environment);
    expect(sortedEntries(interfaces.get(name)), name).toEqual(sortedEntries(expectedEnvironmentShape(env)));
  }
  expect(sortedEntries(interfaces.get("Env")), "Env").toEqual(sortedEntries(expectedAggregateShape(worker)));
  const names = worker.environments.map((env) => JSON.stringify(env.environment)).join(" | ");
  expect(source).toContain(`export type EnvironmentName = ${names};`);
}

export function sortedEntries(shape: Map<string, MemberShape> | undefined): [string, MemberShape][] {
  if (shape === undefined) return [];
  return [...shape].map(([k, v]): [string, MemberShape] => [k, { optional: v.optional, types: [...v.types].sort() }]).sort(([a], [b]) => (a < b ? -1 : 1));
}
