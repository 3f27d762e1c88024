// The resolved configs: the merge rule, deployTo, per-environment store names and accounts, and the
// Wrangler fields that pass through. Whole outputs are covered by the golden files; these pin the rules.
import { describe, expect, it } from "vitest";
import { validateManifest } from "../../src/manifest/validate.ts";
import { mergeEnvironment } from "../../src/manifest/merge.ts";
import { formatPath } from "../../src/manifest/issues.ts";
import type { ResolvedManifest } from "../../src/manifest/model.ts";
import { OPTIONS, validManifest } from "./valid-manifest.ts";

type Manifest = ReturnType<typeof validManifest>;

function resolve(mutate: (m: Manifest) => void): ResolvedManifest {
  const manifest = validManifest();
  mutate(manifest);
  const result = validateManifest(manifest, OPTIONS);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.code}@${formatPath(e.path)}: ${e.message}`).join("\n"));
  return result.manifest;
}

const configOf = (manifest: ResolvedManifest, env: string) => manifest.workers[0]!.environments.find((e) => e.environment === env)!.config;

describe("the merge rule", () => {
  it("replaces a field the environment sets, and merges vars and define name by name", () => {
    const worker = { main: "a.ts", vars: { A: "1", B: "2" }, define: { X: "1" }, kv_namespaces: [{ binding: "K", id: "1" }] };
    const env = { main: "b.ts", vars: { B: "3", C: "4" }, define: { Y: "2" }, kv_namespaces: [{ binding: "L", id: "2" }] };
    expect(mergeEnvironment(worker, env)).toEqual({
      main: "b.ts",
      vars: { A: "1", B: "3", C: "4" },
      define: { X: "1", Y: "2" },
      kv_namespaces: [{ binding: "L", id: "2" }],
    });
  });

  it("keeps the worker's key order, then the environment's new keys", () => {
    expect(Object.keys(mergeEnvironment({ a: 1, b: 2 }, { c: 3, a: 4 }))).toEqual(["a", "b", "c"]);
  });

  it("an environment's secrets replace the worker's there", () => {
    const manifest = resolve((m) => {
      m.workers["openai"]!.environments = { staging: { secrets: ["OPENAI_API_KEY"] } };
    });
    const [worker] = manifest.workers;
    expect(worker!.environments.map((env) => env.secrets.map((b) => b.binding))).toEqual([["OPENAI_API_KEY", "AI_GATEWAY_ID"], ["OPENAI_API_KEY"]]);
  });
});

describe("the resolved config of each environment", () => {
  it("holds the owned fields in Wrangler's names, passthrough fields in order, then vars and bindings", () => {
    const manifest = resolve((m) => {
      Object.assign(m.workers["openai"]!, { compatibilityFlags: ["nodejs_compat"], workers_dev: false, kv_namespaces: [{ binding: "KV", id: "k" }], workerSecrets: { required: ["TOKEN"] } });
    });
    const config = configOf(manifest, "production");
    expect(Object.keys(config)).toEqual([
      "name", "main", "compatibility_date", "compatibility_flags", "account_id", "workers_dev", "kv_namespaces", "vars", "secrets", "secrets_store_secrets",
    ]);
    expect(config["secrets"]).toEqual({ required: ["TOKEN"] });
    expect(configOf(manifest, "staging")["name"]).toBe("ai-openai-staging");
  });

  it("keeps top-level-only Wrangler fields out of the environments", () => {
    const manifest = resolve((m) => {
      Object.assign(m.workers["openai"]!, { keep_vars: true, alias: { foo: "./foo.ts" } });
    });
    expect(manifest.workers[0]!.topLevelSettings).toEqual({ keep_vars: true, alias: { foo: "./foo.ts" } });
    expect(configOf(manifest, "production")).not.toHaveProperty("keep_vars");
  });

  it("lives only in the environments of deployTo, the default one always", () => {
    const manifest = resolve((m) => {
      m.environments["preview"] = { ...m.environments["staging"]!, secretPrefix: "PREVIEW_" };
      m.workers["openai"]!.deployTo = ["preview"];
    });
    expect(manifest.workers[0]!.environments.map((env) => env.environment)).toEqual(["production", "preview"]);
    expect(manifest.environments.map((env) => env.name)).toEqual(["production", "staging", "preview"]);
  });

  it("uses a secret's per-environment store name, the prefix elsewhere", () => {
    const manifest = resolve((m) => {
      m.secrets["OPENAI_API_KEY"]!.storeNames = { production: "OPENAI_API_KEY_PROD" };
    });
    const names = (env: string) => manifest.workers[0]!.environments.find((e) => e.environment === env)!.secrets.map((b) => b.storeSecretName);
    expect(names("production")).toEqual(["OPENAI_API_KEY_PROD", "AI_GATEWAY_ID"]);
    expect(names("staging")).toEqual(["STAGING_OPENAI_API_KEY", "STAGING_AI_GATEWAY_ID"]);
    expect(manifest.secrets[0]!.storeNames).toEqual({ production: "OPENAI_API_KEY_PROD", staging: "STAGING_OPENAI_API_KEY" });
  });

  it("writes account_id where the environment has one, and none without", () => {
    const manifest = resolve((m) => {
      delete m.environments["production"]!.accountId;
      delete m.environments["staging"]!.accountId;
    });
    expect(configOf(manifest, "production")).not.toHaveProperty("account_id");
    expect(manifest.environments[0]!.accountId).toBeUndefined();
  });

  it("writes a worker's own account where it overrides its environments', and none where it says null", () => {
    const other = "fedcba9876543210fedcba9876543210";
    const manifest = resolve((m) => {
      delete m.environments["production"]!.accountId;
      delete m.environments["staging"]!.accountId;
      m.workers["openai"]!.secrets = [];
      m.workers["openai"]!.accountId = other;
      m.workers["openai"]!.environments = { production: { accountId: null } };
    });
    expect(configOf(manifest, "production")).not.toHaveProperty("account_id");
    expect(configOf(manifest, "staging")["account_id"]).toBe(other);
    expect(manifest.workers[0]!.environments.map((env) => env.accountId)).toEqual([undefined, other]);
    // The environments keep their own (absent) accounts: provisioning is not moved by a worker.
    expect(manifest.environments.map((env) => env.accountId)).toEqual([undefined, undefined]);
  });

  it("an override equal to the environment's account, or on a worker, writes account_id as the environment would", () => {
    const manifest = resolve((m) => {
      m.workers["openai"]!.environments = { staging: { accountId: "0123456789abcdef0123456789abcdef" } };
    });
    expect(configOf(manifest, "production")["account_id"]).toBe("0123456789abcdef0123456789abcdef");
    expect(configOf(manifest, "staging")["account_id"]).toBe("0123456789abcdef0123456789abcdef");
    expect(Object.keys(configOf(manifest, "staging"))).not.toContain("accountId");
  });

  it("accepts the entry points docs and build tools use", () => {
    for (const main of ["./src/index.ts", "dist/index.js", ".output/server/index.mjs", "src/worker.mjs"]) {
      expect(configOf(resolve((m) => void (m.workers["openai"]!.main = main)), "production")["main"]).toBe(main);
    }
  });

  it("takes JSON vars", () => {
    const manifest = resolve((m) => void (m.workers["openai"]!.vars = { FLAGS: { beta: true, limits: [1, 2] } }));
    expect(configOf(manifest, "production")["vars"]).toEqual({ FLAGS: { beta: true, limits: [1, 2] } });
  });
});

describe("what Wrangler would warn about is a warning here", () => {
  it("a binding the default environment has and another lacks", () => {
    const manifest = validManifest();
    manifest.workers["openai"]!.environments = { production: { kv_namespaces: [{ binding: "CACHE", id: "c" }] } };
    const result = validateManifest(manifest, OPTIONS);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => `${w.code}@${formatPath(w.path)}`)).toEqual(["wrangler-will-warn@workers.openai.environments.production.kv_namespaces"]);
    expect(result.warnings[0]!.message).toMatch(/has kv_namespaces CACHE that staging lacks/);
  });

  it("none when only a non-default environment has the binding", () => {
    const manifest = validManifest();
    manifest.workers["openai"]!.environments = { staging: { kv_namespaces: [{ binding: "CACHE", id: "c" }] } };
    const result = validateManifest(manifest, OPTIONS);
    expect(result.ok && result.warnings).toEqual([]);
  });
});
