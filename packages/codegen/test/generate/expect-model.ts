// Assertions that compare rendered output with the resolved model it came from, written against
// the model (not the renderer) so that the renderer cannot agree with itself by construction.
import { parse } from "smol-toml";
import { expect } from "vitest";
import { environmentInterfaceName } from "../../src/generate/env-types.ts";
import { canonicalVar, readInterfaces, type MemberShape } from "./support.ts";
import type { ResolvedWorker, ResolvedWorkerEnvironment } from "../../src/manifest/model.ts";

type Table = Record<string, unknown>;

/** The parsed TOML holds exactly the model's names, vars and bindings for every environment. */
export function expectConfigMatchesWorker(toml: string, worker: ResolvedWorker): void {
  const config = parse(toml) as Table;
  const named = worker.environments.filter((env) => !env.isDefault);
  const top = worker.environments.find((env) => env.isDefault)!;

  const expectedKeys = ["name", "main", "compatibility_date"];
  if (worker.compatibilityFlags.length > 0) expectedKeys.push("compatibility_flags");
  if (top.vars.length > 0) expectedKeys.push("vars");
  if (top.secrets.length > 0) expectedKeys.push("secrets_store_secrets");
  if (named.length > 0) expectedKeys.push("env");
  expect(Object.keys(config)).toEqual(expectedKeys);

  expect(config.main).toBe(worker.main);
  expect(config.compatibility_date).toBe(worker.compatibilityDate);
  expect(config.compatibility_flags ?? []).toEqual(worker.compatibilityFlags);
  expectSection(config, top);
  const envTables = (config.env ?? {}) as Record<string, Table>;
  expect(Object.keys(envTables)).toEqual(named.map((env) => env.environment));
  for (const env of named) expectSection(envTables[env.environment]!, env);
}

function expectSection(section: Table, env: ResolvedWorkerEnvironment): void {
  const where = env.isDefault ? "top level" : `env.${env.environment}`;
  expect(section.name, where).toBe(env.workerName);
  expect(section.vars ?? {}, where).toEqual(Object.fromEntries(env.vars.map((v) => [v.name, v.value])));
  expect(section.secrets_store_secrets ?? [], where).toEqual(
    env.secrets.map((b) => ({ binding: b.binding, store_id: b.storeId, secret_name: b.storeSecretName })),
  );
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
