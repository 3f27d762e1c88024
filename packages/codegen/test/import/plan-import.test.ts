// The import's pure planning: environment names, the inverse of the merge rule, Secrets Store names.
import fc from "fast-check";
import { describe, expect, it, test } from "vitest";
import { readConfigEnvironments } from "../../src/import/config-environments.ts";
import { planEnvironmentNames } from "../../src/import/environment-names.ts";
import { factorEnvironments } from "../../src/import/factor-environments.ts";
import { planImport } from "../../src/import/plan-import.ts";
import { planSecrets, type StoreBinding } from "../../src/import/plan-secrets.ts";
import type { WranglerConfigFile } from "../../src/import/read-wrangler-configs.ts";
import { mergeEnvironment } from "../../src/manifest/merge.ts";
import { validateManifest } from "../../src/manifest/validate.ts";
import { resolveWrangler } from "../../src/import/load-wrangler.ts";
import { findUnknownFields, readConfigSchema } from "../../src/import/unknown-fields.ts";
import { CODEGEN_DIR } from "../helpers/sandbox.ts";

const STORE = "66c9bb0faef644b4a0671bb7d90d98bd";
const config = (file: string, body: Record<string, unknown>, devVars: WranglerConfigFile["devVars"] = []): WranglerConfigFile => ({
  file,
  dir: file.split("/").slice(0, -1).join("/"),
  configFile: file.split("/").pop()!,
  config: body,
  devVars,
  unknownFields: [],
});

describe("planEnvironmentNames", () => {
  const configs = [
    { file: "a/wrangler.toml", environments: ["staging", "production"] },
    { file: "b/wrangler.jsonc", environments: ["development", "production"] },
  ];
  it("names the top level so that it collides with no config's [env.*]", () => {
    expect(planEnvironmentNames(configs, undefined)).toEqual({ ok: true, defaultEnvironment: "default", named: ["staging", "production", "development"] });
    expect(planEnvironmentNames([{ file: "c/wrangler.toml", environments: [] }], undefined)).toEqual({ ok: true, defaultEnvironment: "development", named: [] });
  });
  it("honours --default-env, and refuses one that a config already uses, naming the configs", () => {
    expect(planEnvironmentNames(configs, "local")).toMatchObject({ ok: true, defaultEnvironment: "local" });
    const clash = planEnvironmentNames(configs, "production");
    expect(clash.ok).toBe(false);
    expect(!clash.ok && clash.errors[0]).toContain("a/wrangler.toml, b/wrangler.jsonc already have an [env.production]");
    expect(!clash.ok && clash.errors[0]).toContain("fix: pass a name no config uses for its top level, e.g. --default-env default");
  });
});

describe("factorEnvironments", () => {
  it("writes what all environments share once, and splits vars name by name", () => {
    const { worker, environments } = factorEnvironments([
      { name: "dev", fields: { main: "src/index.ts", vars: { A: "1", B: "dev" }, kv_namespaces: [{ binding: "KV", id: "x" }] } },
      { name: "prod", fields: { main: "src/index.ts", vars: { A: "1", B: "prod" }, kv_namespaces: [{ binding: "KV", id: "y" }], workers_dev: false } },
    ]);
    expect(worker).toEqual({ main: "src/index.ts", vars: { A: "1", B: "dev" }, kv_namespaces: [{ binding: "KV", id: "x" }] });
    expect(Object.fromEntries(environments)).toEqual({
      dev: {},
      prod: { vars: { B: "prod" }, kv_namespaces: [{ binding: "KV", id: "y" }], workers_dev: false },
    });
  });

  it("writes at the worker the value most environments have, so that only the environments that differ repeat the field", () => {
    // As a person writes it (and as the config's top level did): the common value once, the odd one out overriding it.
    const { worker, environments } = factorEnvironments([
      { name: "development", fields: { main: "src/index.ts", compatibility_date: "2026-06-01", workers_dev: false, vars: { MODE: "dev", API: "v2" } } },
      { name: "preview", fields: { main: "src/preview.ts", compatibility_date: "2026-07-01", workers_dev: true, vars: { MODE: "preview", API: "v2" } } },
      { name: "production", fields: { main: "src/index.ts", compatibility_date: "2026-06-01", workers_dev: false, vars: { MODE: "prod", API: "v2" }, routes: ["x.example.com/*"] } },
    ]);
    expect(worker).toEqual({ main: "src/index.ts", compatibility_date: "2026-06-01", workers_dev: false, vars: { MODE: "dev", API: "v2" } });
    expect(Object.fromEntries(environments)).toEqual({
      development: {},
      preview: { main: "src/preview.ts", compatibility_date: "2026-07-01", workers_dev: true, vars: { MODE: "preview" } },
      production: { vars: { MODE: "prod" }, routes: ["x.example.com/*"] },
    });
  });

  const json = fc.jsonValue({ maxDepth: 2, noNullPrototype: true } as fc.JsonSharedConstraints).filter((value) => value !== null);
  const fieldName = fc.constantFrom("main", "routes", "kv_namespaces", "workers_dev", "observability", "triggers", "limits");
  const mapField = fc.dictionary(fc.constantFrom("A", "B", "C", "__proto__", "constructor"), json, { maxKeys: 3, noNullPrototype: true });
  const environment = fc.record({ plain: fc.dictionary(fieldName, json, { maxKeys: 4, noNullPrototype: true }), vars: fc.option(mapField, { nil: undefined }), define: fc.option(mapField, { nil: undefined }) });
  test("merging the worker's fields with each environment's gives back that environment exactly (the merge rule's inverse)", () => {
    fc.assert(
      fc.property(fc.array(environment, { minLength: 1, maxLength: 4 }), (envs) => {
        const input = envs.map((env, index) => ({
          name: `e${index}`,
          fields: { ...env.plain, ...(env.vars === undefined ? {} : { vars: env.vars }), ...(env.define === undefined ? {} : { define: env.define }) },
        }));
        const { worker, environments } = factorEnvironments(input);
        for (const env of input) {
          const merged = mergeEnvironment(worker, environments.get(env.name));
          // An absent vars/define map and an empty one are the same to Wrangler.
          const drop = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([k, v]) => !((k === "vars" || k === "define") && Object.keys(v as object).length === 0)));
          expect(drop(merged)).toStrictEqual(drop(env.fields));
        }
      }),
    );
  });
});

describe("readConfigEnvironments", () => {
  it("gives each [env.*] what Wrangler gives it: its own fields, the inheritable ones of the top level, never its bindings or vars", () => {
    const layout = readConfigEnvironments(
      { name: "api", main: "src/index.ts", keep_vars: true, workers_dev: false, kv_namespaces: [{ binding: "KV", id: "a" }], vars: { A: "1" }, env: { staging: { vars: { A: "2" } }, production: { name: "api" } } },
      "development",
    );
    expect(layout.topLevelOnly).toEqual({ keep_vars: true });
    expect(layout.environments.map((env) => [env.name, env.workerName, env.fields])).toEqual([
      ["development", "api", { main: "src/index.ts", workers_dev: false, kv_namespaces: [{ binding: "KV", id: "a" }], vars: { A: "1" } }],
      ["staging", "api-staging", { main: "src/index.ts", workers_dev: false, vars: { A: "2" } }],
      ["production", "api", { main: "src/index.ts", workers_dev: false }],
    ]);
  });
});

describe("planSecrets", () => {
  const b = (binding: string, secret: string): StoreBinding => ({ binding, store_id: STORE, secret_name: secret });
  const names = { defaultEnvironment: "development", named: ["staging", "production"] };
  it("keeps per-environment store names exactly: a prefix where one explains them all, storeNames for the rest", () => {
    const result = planSecrets(
      [
        { app: "catalog", file: "c", environments: new Map([["staging", [b("DATABASE_URL", "CATALOG_DATABASE_URL")]], ["production", [b("DATABASE_URL", "CATALOG_DATABASE_URL_PROD")]]]) },
        { app: "users", file: "u", environments: new Map([["staging", [b("DATABASE_URL", "USERS_DATABASE_URL")]], ["production", [b("DATABASE_URL", "USERS_DATABASE_URL_PROD")]]]) },
        { app: "doorbell", file: "d", environments: new Map([["staging", [b("TOKEN", "BUILDS_API_TOKEN_STAGING")]], ["production", [b("TOKEN", "BUILDS_API_TOKEN_PROD")]]]) },
        { app: "openai", file: "o", environments: new Map([["development", [b("KEY", "OPENAI_KEY")]], ["staging", [b("KEY", "STAGING_OPENAI_KEY")]]]) },
      ],
      names,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { prefixes, secrets, bindings, storeIds } = result.plan;
    expect(Object.fromEntries(prefixes)).toEqual({ development: "", staging: "STAGING_", production: "" });
    expect(Object.fromEntries([...secrets].map(([name, stored]) => [name, Object.fromEntries(stored)]))).toEqual({
      CATALOG_DATABASE_URL: { staging: "CATALOG_DATABASE_URL", production: "CATALOG_DATABASE_URL_PROD" },
      USERS_DATABASE_URL: { staging: "USERS_DATABASE_URL", production: "USERS_DATABASE_URL_PROD" },
      BUILDS_API_TOKEN: { staging: "BUILDS_API_TOKEN_STAGING", production: "BUILDS_API_TOKEN_PROD" },
      OPENAI_KEY: {},
    });
    expect(Object.fromEntries(bindings.get("catalog")!.get("production")!)).toEqual({ DATABASE_URL: "CATALOG_DATABASE_URL" });
    expect(storeIds.get("staging")).toBe(STORE);
  });

  it("gives one store secret one manifest name, and two different ones two", () => {
    const result = planSecrets(
      [
        { app: "a", file: "a", environments: new Map([["development", [b("KEY", "SHARED")]], ["production", [b("KEY", "SHARED_PROD")]]]) },
        { app: "b", file: "b", environments: new Map([["development", [b("K", "SHARED")]], ["production", [b("K", "SHARED_PROD")]]]) },
        { app: "c", file: "c", environments: new Map([["development", [b("KEY", "SHARED")]], ["production", [b("KEY", "OTHER")]]]) },
      ],
      names,
    );
    expect(result.ok && [...result.plan.secrets.keys()]).toEqual(["SHARED", "SHARED_2"]);
    expect(result.ok && Object.fromEntries(result.plan.secrets.get("SHARED_2")!)).toEqual({ development: "SHARED", production: "OTHER" });
  });

  it("lists each environment's bindings in that environment's own order, whatever order another environment gave them", () => {
    // As in a real config (lifeodyssey/animichi workers/edge): production declares its bindings first,
    // staging binds the same ones with its own two in between.
    const result = planSecrets(
      [
        {
          app: "edge",
          file: "e",
          environments: new Map([
            ["production", [b("MODEL_KEY", "MODEL_KEY_PROD"), b("DSN", "DSN_PROD")]],
            ["staging", [b("MODEL_KEY", "MODEL_KEY"), b("TURNSTILE", "TURNSTILE"), b("DSN", "DSN")]],
          ]),
        },
      ],
      names,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([...result.plan.bindings.get("edge")!.get("staging")!.keys()]).toEqual(["MODEL_KEY", "TURNSTILE", "DSN"]);
    expect([...result.plan.bindings.get("edge")!.get("production")!.keys()]).toEqual(["MODEL_KEY", "DSN"]);
  });

  it("refuses two stores in one environment: the manifest has one", () => {
    const result = planSecrets([{ app: "a", file: "a/wrangler.toml", environments: new Map([["staging", [b("X", "X"), { binding: "Y", store_id: "f".repeat(32), secret_name: "Y" }]]]) }], names);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toContain("bind 2 different stores in staging");
  });
});

describe("planImport", () => {
  it("gives a worker deployTo with exactly its environments, and lists per-Worker secrets as migrate candidates", () => {
    const result = planImport(
      [
        config("workers/jobs/wrangler.toml", { name: "jobs", main: "src/index.ts", compatibility_date: "2026-08-03", env: { production: { name: "jobs", secrets: { required: ["AGENT_DATABASE_URL"] } } } }, [
          { file: "workers/jobs/.dev.vars", names: ["AGENT_DATABASE_URL", "DEBUG_TOKEN"] },
        ]),
        config("workers/users/wrangler.toml", { name: "users", main: "src/index.ts", compatibility_date: "2025-09-23", env: { staging: {}, production: {} } }),
      ],
      {},
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { manifest, candidates, configs } = result.plan;
    expect(Object.keys(manifest.environments)).toEqual(["development", "production", "staging"]);
    expect(manifest.workers.jobs).toMatchObject({ dir: "workers/jobs", configFile: "wrangler.toml", deployTo: ["development", "production"] });
    expect(manifest.workers.jobs!.environments).toEqual({ production: { name: "jobs", workerSecrets: { required: ["AGENT_DATABASE_URL"] } } });
    expect(manifest.workers.users!.deployTo).toBeUndefined();
    expect(candidates).toEqual([
      { app: "jobs", name: "AGENT_DATABASE_URL", seenIn: ["secrets.required (production)", "workers/jobs/.dev.vars"] },
      { app: "jobs", name: "DEBUG_TOKEN", seenIn: ["workers/jobs/.dev.vars"] },
    ]);
    expect(Object.fromEntries(configs)).toEqual({ jobs: "workers/jobs/wrangler.toml", users: "workers/users/wrangler.toml" });
  });

  it("keeps every config's account_id exactly: the environment gets the one most configs have, a worker that differs says its own (null: none)", () => {
    const worker = (file: string, top: string | undefined, staging: string | undefined) =>
      config(file, { name: file.split("/")[1], main: "src/index.ts", compatibility_date: "2026-01-01", ...(top ? { account_id: top } : {}), env: { staging: staging ? { account_id: staging } : {} } });
    const A = "a".repeat(32);
    const B = "b".repeat(32);
    const result = planImport(
      [
        worker("apps/one/wrangler.toml", A, undefined), // Wrangler inherits A into [env.staging]
        worker("apps/two/wrangler.toml", undefined, A),
        worker("apps/three/wrangler.toml", undefined, undefined),
        worker("apps/four/wrangler.toml", undefined, B),
        worker("apps/five/wrangler.toml", undefined, A),
      ],
      {},
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { manifest, warnings } = result.plan;
    expect(manifest.environments).toEqual({ development: {}, staging: { accountId: A } });
    expect(manifest.workers.one!.accountId).toBe(A);
    expect(manifest.workers.two).not.toHaveProperty("accountId");
    expect(manifest.workers.two).not.toHaveProperty("environments");
    expect(manifest.workers.three!.accountId).toBeNull();
    expect(manifest.workers.four).not.toHaveProperty("accountId");
    expect(manifest.workers.four!.environments).toEqual({ staging: { accountId: B } });
    expect(warnings.filter((warning) => /account/.test(warning))).toEqual([]);

    const resolved = validateManifest(manifest, { manifestPath: "secrets.manifest.ts" });
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    const accounts = Object.fromEntries(resolved.manifest.workers.map((w) => [w.id, w.environments.map((env) => env.config["account_id"])]));
    expect(accounts).toEqual({ one: [A, A], two: [undefined, A], three: [undefined, undefined], four: [undefined, B], five: [undefined, A] });
  });

  it("gives a binding the manifest secret that already names its store secret, though the top level does not bind it", () => {
    // One Worker reads API_TOKEN_STAGING / API_TOKEN_PROD, a production-only Worker reads API_TOKEN_PROD
    // under another binding: one store secret, so one manifest secret (two would share one value).
    const P = "6f".repeat(16);
    const bound = (binding: string, store: string, secret: string) => [{ binding, store_id: store, secret_name: secret }];
    const base = { main: "src/index.ts", compatibility_date: "2026-07-01" };
    const result = planImport(
      [
        config("w/p/wrangler.toml", { name: "p", ...base, env: { staging: { secrets_store_secrets: bound("API_TOKEN", STORE, "API_TOKEN_STAGING") }, production: { secrets_store_secrets: bound("API_TOKEN", P, "API_TOKEN_PROD") } } }),
        config("w/r/wrangler.jsonc", { name: "r", ...base, env: { production: { secrets_store_secrets: bound("TOKEN", P, "API_TOKEN_PROD") } } }),
      ],
      {},
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.manifest.secrets).toEqual({ API_TOKEN: { storeNames: { staging: "API_TOKEN_STAGING", production: "API_TOKEN_PROD" } } });
    expect(result.plan.manifest.workers.r!.environments).toEqual({ production: { secrets: { TOKEN: "API_TOKEN" } } });
    expect(validateManifest(result.plan.manifest, { manifestPath: "secrets.manifest.ts" })).toMatchObject({ ok: true });
    // Whichever config comes first: the name comes from the binding that says the most about it.
    const reversed = planImport([config("w/r/wrangler.jsonc", { name: "r", ...base, env: { production: { secrets_store_secrets: bound("TOKEN", P, "API_TOKEN_PROD") } } }), config("w/p/wrangler.toml", { name: "p", ...base, env: { staging: { secrets_store_secrets: bound("API_TOKEN", STORE, "API_TOKEN_STAGING") }, production: { secrets_store_secrets: bound("API_TOKEN", P, "API_TOKEN_PROD") } } })], {});
    expect(reversed.ok && reversed.plan.manifest.secrets).toEqual({ API_TOKEN: { storeNames: { staging: "API_TOKEN_STAGING", production: "API_TOKEN_PROD" } } });
  });

  it("tells apart configs that share a folder by their file names, each with its own Env types file", () => {
    const result = planImport(
      [
        config("apps/web/wrangler.indexing.toml", { name: "indexing", main: "workers/indexing.ts", compatibility_date: "2025-01-01" }),
        config("apps/web/wrangler.jsonc", { name: "web", main: "src/index.ts", compatibility_date: "2025-01-01" }),
      ],
      {},
    );
    expect(result.ok && Object.keys(result.plan.manifest.workers)).toEqual(["indexing", "web"]);
    expect(result.ok && result.plan.manifest.workers.indexing).toMatchObject({ dir: "apps/web", configFile: "wrangler.indexing.toml", envTypesFile: "src/indexing.env.generated.ts" });
    // Real repositories keep several Workers in one folder (backrunner/skillscat: 13 in apps/web);
    // the manifest accepts that as long as no two of them write one file.
    const manifest = result.ok ? result.plan.manifest : undefined;
    expect(validateManifest(manifest, { manifestPath: "secrets.manifest.ts" })).toMatchObject({ ok: true });
    delete manifest!.workers.web!.envTypesFile;
    manifest!.workers.indexing!.envTypesFile = "src/env.generated.ts";
    const clash = validateManifest(manifest, { manifestPath: "secrets.manifest.ts" });
    expect(clash.ok).toBe(false);
    expect(!clash.ok && clash.errors.map((issue) => issue.code)).toEqual(["duplicate-output"]);
  });
});

describe("findUnknownFields", () => {
  it("names the keys Wrangler's own schema does not allow where they are, such as TOML keys written after a [[rules]] header", () => {
    const schemaFile = resolveWrangler(CODEGEN_DIR)?.schemaFile;
    expect(schemaFile).toMatch(/wrangler\/config-schema\.json$/);
    const schema = readConfigSchema(schemaFile!);
    const config = {
      name: "migrator",
      main: "src/index.ts",
      rules: [{ type: "Text", globs: ["**/*.sql"], fallthrough: true, workers_dev: true, preview_urls: false }],
      env: { staging: { kv_namespaces: [{ binding: "KV", id: "x", ttl: 5 }] } },
    };
    expect(findUnknownFields(schema, config).sort()).toEqual(["env.staging.kv_namespaces[0].ttl", "rules[0].preview_urls", "rules[0].workers_dev"]);
    expect(findUnknownFields(schema, { name: "ok", main: "src/index.ts", workers_dev: false })).toEqual([]);
  });
});
