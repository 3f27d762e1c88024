import { describe, expect, it } from "vitest";
import { validateManifest } from "../../src/manifest/validate.ts";
import { formatPath } from "../../src/manifest/issues.ts";
import { OPTIONS, validManifest } from "./valid-manifest.ts";

type Manifest = ReturnType<typeof validManifest>;

interface Case {
  readonly rule: string;
  readonly mutate: (m: Manifest) => void;
  readonly code: string;
  readonly path: string;
  readonly message: RegExp;
  readonly expected?: RegExp;
  readonly fix?: RegExp;
}

const openai = (m: Manifest) => m.workers["openai"]!;

const cases: Case[] = [
  { rule: "binding names are JS identifiers", mutate: (m) => { openai(m).secrets = { "1BAD": "OPENAI_API_KEY" }; }, code: "invalid-name", path: 'workers.openai.secrets["1BAD"]', message: /Invalid binding name/, expected: /JavaScript identifier/ },
  { rule: "var names are JS identifiers", mutate: (m) => { openai(m).vars = { "base-url": "x" }; }, code: "invalid-name", path: 'workers.openai.vars["base-url"]', message: /binding name/ },
  { rule: "secret names follow Cloudflare's rules", mutate: (m) => { m.secrets["OPENAI KEY"] = { description: "x" }; }, code: "invalid-name", path: 'secrets["OPENAI KEY"]', message: /Invalid secret name/, expected: /letters, digits, _ and -/ },
  { rule: "worker names follow Cloudflare's rules", mutate: (m) => { openai(m).name = "AI_OpenAI"; }, code: "invalid-format", path: "workers.openai.name", message: /Invalid Worker name/, expected: /lowercase/ },
  { rule: "app ids reject ../", mutate: (m) => { m.workers["../x"] = { ...openai(m), name: "x" }; }, code: "invalid-name", path: 'workers["../x"]', message: /Invalid app id/, expected: /one folder name/ },
  { rule: "app ids reject a/b", mutate: (m) => { m.workers["a/b"] = { ...openai(m), name: "x" }; }, code: "invalid-name", path: 'workers["a/b"]', message: /Invalid app id/ },
  { rule: "app ids reject absolute paths", mutate: (m) => { m.workers["/abs"] = { ...openai(m), name: "x" }; }, code: "invalid-name", path: 'workers["/abs"]', message: /Invalid app id/ },
  { rule: "app ids reject empty", mutate: (m) => { m.workers[""] = { ...openai(m), name: "x" }; }, code: "invalid-name", path: 'workers[""]', message: /Invalid app id/ },
  { rule: "app folders stay inside the root", mutate: (m) => { openai(m).dir = "../elsewhere"; }, code: "invalid-format", path: "workers.openai.dir", message: /Invalid app folder/ },
  { rule: "account ids are 32 hex chars", mutate: (m) => { m.environments["production"]!.accountId = "0123"; }, code: "invalid-format", path: "environments.production.accountId", message: /Invalid account id/, expected: /32 lowercase hexadecimal/ },
  { rule: "store ids are 32 hex chars", mutate: (m) => { m.environments["production"]!.storeId = "Z".repeat(32); }, code: "invalid-format", path: "environments.production.storeId", message: /Invalid store id/ },
  { rule: "scopes are Cloudflare's", mutate: (m) => { m.secrets["OPENAI_API_KEY"]!.scopes = ["worker"]; }, code: "invalid-value", path: "secrets.OPENAI_API_KEY.scopes[0]", message: /not allowed/, expected: /"workers"/, fix: /did you mean "workers"/ },
  { rule: "every referenced secret exists", mutate: (m) => { openai(m).secrets = ["OPENAI_API_KEY", "OPENAI_KEY"]; }, code: "unknown-secret", path: "workers.openai.secrets[1]", message: /not declared under secrets/, fix: /did you mean "OPENAI_API_KEY"/ },
  { rule: "a renamed binding's secret exists", mutate: (m) => { openai(m).secrets = { OPENAI: "NOPE" }; }, code: "unknown-secret", path: "workers.openai.secrets.OPENAI", message: /"NOPE"/ },
  { rule: "no binding name repeats (secrets)", mutate: (m) => { openai(m).secrets = ["OPENAI_API_KEY", "OPENAI_API_KEY"]; }, code: "duplicate-binding", path: "workers.openai.secrets[1]", message: /twice/ },
  { rule: "no binding name repeats (secrets and vars)", mutate: (m) => { openai(m).vars = { AI_GATEWAY_ID: "x" }; }, code: "duplicate-binding", path: "workers.openai.vars.AI_GATEWAY_ID", message: /a var and a secret/ },
  { rule: "no binding name repeats (environment vars)", mutate: (m) => { openai(m).environments = { staging: { vars: { OPENAI_API_KEY: "x" } } }; }, code: "duplicate-binding", path: "workers.openai.environments.staging.vars.OPENAI_API_KEY", message: /twice/ },
  { rule: "compatibility dates are real dates", mutate: (m) => { openai(m).compatibilityDate = "2026-02-30"; }, code: "invalid-format", path: "workers.openai.compatibilityDate", message: /real calendar date/, expected: /YYYY-MM-DD/ },
  { rule: "compatibility dates are not later than the runtime", mutate: (m) => { openai(m).compatibilityDate = "2026-12-01"; }, code: "compatibility-date-too-new", path: "workers.openai.compatibilityDate", message: /later than the installed Workers runtime/, expected: /no later than 2026-11-02/ },
  { rule: "environment names are valid for [env.X]", mutate: (m) => { m.environments["Stag ing"] = m.environments["staging"]!; }, code: "invalid-name", path: 'environments["Stag ing"]', message: /Invalid environment name/ },
  { rule: "environments on one account share its store", mutate: (m) => { m.environments["staging"]!.storeId = "b".repeat(32); }, code: "store-mismatch", path: "environments.staging.storeId", message: /only one store/ },
  { rule: "a store's secret count stays within the quota", mutate: (m) => { for (let i = 0; i < 50; i++) m.secrets[`EXTRA_${i}`] = { description: "x" }; }, code: "store-quota", path: "secrets", message: /104 secrets.*over the limit of 100/ },
  { rule: "the quota is configurable", mutate: (m) => { m.limits = { secretsPerAccount: 3 }; }, code: "store-quota", path: "secrets", message: /4 secrets.*limit of 3/ },
  { rule: "defaultEnvironment is declared", mutate: (m) => { m.defaultEnvironment = "prod"; }, code: "unknown-default-environment", path: "defaultEnvironment", message: /not declared/, fix: /did you mean "production"/ },
  { rule: "Wrangler spellings of owned fields are reported", mutate: (m) => { openai(m).compatibility_date = "2026-08-01"; }, code: "wrangler-spelling", path: "workers.openai.compatibility_date", message: /Wrangler.s name/, fix: /did you mean "compatibilityDate"/ },
  { rule: "near-misses of our own keys are reported", mutate: (m) => { openai(m).compatibilitydate = "2026-08-01"; }, code: "unknown-key", path: "workers.openai.compatibilitydate", message: /misspelling/, fix: /did you mean "compatibilityDate"/ },
  { rule: "worker overrides name declared environments", mutate: (m) => { openai(m).environments = { stagin: {} }; }, code: "unknown-environment", path: "workers.openai.environments.stagin", message: /not declared/, fix: /did you mean "staging"/ },
  { rule: "bound secrets carry the workers scope", mutate: (m) => { m.secrets["AI_GATEWAY_ID"]!.scopes = ["ai_gateway"]; }, code: "missing-workers-scope", path: "workers.openai.secrets[1]", message: /scopes include "workers"/ },
  { rule: "main is a relative module path", mutate: (m) => { openai(m).main = "/etc/passwd"; }, code: "invalid-format", path: "workers.openai.main", message: /Invalid entry point/ },
  { rule: "required fields are present", mutate: (m) => { delete openai(m).main; }, code: "invalid-type", path: "workers.openai.main", message: /required field is missing/ },
  { rule: "two apps may not deploy under one name", mutate: (m) => { m.workers["openai2"] = { ...openai(m), secrets: [] }; }, code: "duplicate-worker-name", path: "workers.openai2.name", message: /would both deploy as "ai-openai"/ },
  { rule: "descriptions are one line", mutate: (m) => { m.secrets["OPENAI_API_KEY"]!.description = "a\nb"; }, code: "invalid-format", path: "secrets.OPENAI_API_KEY.description", message: /single line/ },
  { rule: "prefixes use safe characters", mutate: (m) => { m.environments["staging"]!.secretPrefix = "STAGING $"; }, code: "invalid-format", path: "environments.staging.secretPrefix", message: /Invalid secret prefix/ },
  // Issue 8: Wrangler's whole config, environments per worker, per-environment store names.
  { rule: "deployTo names declared environments", mutate: (m) => { openai(m).deployTo = ["stagign"]; }, code: "unknown-environment", path: "workers.openai.deployTo[0]", message: /deployTo.*not declared/, fix: /did you mean "staging"/ },
  { rule: "overrides only for environments the worker lives in", mutate: (m) => { m.environments["preview"] = { ...m.environments["staging"]!, secretPrefix: "PREVIEW_" }; openai(m).deployTo = ["staging"]; openai(m).environments = { preview: { vars: { X: "1" } } }; }, code: "override-outside-deploy-to", path: "workers.openai.environments.preview", message: /does not live there/, fix: /add "preview" to workers.openai.deployTo/ },
  { rule: "storeNames name declared environments", mutate: (m) => { m.secrets["OPENAI_API_KEY"]!.storeNames = { prod: "OPENAI_PROD" }; }, code: "unknown-environment", path: "secrets.OPENAI_API_KEY.storeNames.prod", message: /storeNames names environment "prod"/, fix: /did you mean "production"/ },
  { rule: "per-environment store names are valid store names", mutate: (m) => { m.secrets["OPENAI_API_KEY"]!.storeNames = { production: "OPENAI PROD" }; }, code: "invalid-format", path: "secrets.OPENAI_API_KEY.storeNames.production", message: /Invalid stored secret name/ },
  { rule: "two secrets may not share a stored name", mutate: (m) => { m.secrets["OPENAI_API_KEY"]!.storeNames = { staging: "STAGING_AI_GATEWAY_ID" }; }, code: "duplicate-stored-name", path: "secrets.AI_GATEWAY_ID", message: /both be stored as "STAGING_AI_GATEWAY_ID" in staging/ },
  { rule: "a store id where a worker binds a secret", mutate: (m) => { delete m.environments["staging"]!.storeId; delete m.environments["staging"]!.accountId; delete m.environments["production"]!.accountId; }, code: "missing-store-id", path: "environments.staging", message: /"openai" binds Secrets Store secrets in staging, but environments.staging has no storeId/ },
  { rule: "no environment silently inherits the default's account", mutate: (m) => { delete m.environments["staging"]!.accountId; }, code: "missing-account-id", path: "environments.staging", message: /would deploy staging to production's account/ },
  { rule: "a worker's account override is 32 hex chars or null", mutate: (m) => { openai(m).accountId = "0123"; }, code: "invalid-format", path: "workers.openai.accountId", message: /Invalid account id/, expected: /32 lowercase hexadecimal/ },
  { rule: "a worker environment's account override is 32 hex chars or null", mutate: (m) => { openai(m).environments = { staging: { accountId: "nope" } }; }, code: "invalid-format", path: "workers.openai.environments.staging.accountId", message: /Invalid account id/ },
  { rule: "no account_id in one environment of a worker whose top level names one", mutate: (m) => { openai(m).environments = { staging: { accountId: null } }; }, code: "missing-account-id", path: "workers.openai.environments.staging.accountId", message: /would deploy staging to production's account/, fix: /workers.openai.accountId: null/ },
  { rule: "an account override still leaves an environment without account under a top level with one", mutate: (m) => { delete m.environments["production"]!.accountId; delete m.environments["staging"]!.accountId; delete m.environments["staging"]!.storeId; openai(m).secrets = []; openai(m).environments = { production: { accountId: "0123456789abcdef0123456789abcdef" } }; }, code: "missing-account-id", path: "environments.staging", message: /"openai".*would deploy staging to production's account/, fix: /workers.openai.environments.staging.accountId/ },
  { rule: "a worker binds only its own account's store", mutate: (m) => { openai(m).environments = { staging: { accountId: "fedcba9876543210fedcba9876543210" } }; }, code: "store-account-mismatch", path: "workers.openai.environments.staging.accountId", message: /deploys to account fedcba9876543210fedcba9876543210.*store a1b2c3d4e5f60718293a4b5c6d7e8f90 of account 0123456789abcdef0123456789abcdef/, fix: /environment of its own/ },
  { rule: "environment secrets name declared secrets", mutate: (m) => { openai(m).environments = { staging: { secrets: ["OPENAI_KEY"] } }; }, code: "unknown-secret", path: "workers.openai.environments.staging.secrets[0]", message: /not declared under secrets/, fix: /did you mean "OPENAI_API_KEY"/ },
  { rule: "environment secrets and merged vars do not collide", mutate: (m) => { openai(m).environments = { staging: { secrets: { AI_GATEWAY_BASE_URL: "OPENAI_API_KEY" } } }; }, code: "duplicate-binding", path: "workers.openai.vars.AI_GATEWAY_BASE_URL", message: /a var and a secret/ },
  { rule: "environment binding names are JS identifiers", mutate: (m) => { openai(m).environments = { staging: { secrets: { "bad-name": "OPENAI_API_KEY" } } }; }, code: "invalid-name", path: 'workers.openai.environments.staging.secrets["bad-name"]', message: /binding name/ },
  { rule: "Wrangler's account_id is the environment's accountId", mutate: (m) => { openai(m).account_id = "0123456789abcdef0123456789abcdef"; }, code: "wrangler-spelling", path: "workers.openai.account_id", message: /accountId/, fix: /accountId/ },
  { rule: "Wrangler's env is the manifest's environments", mutate: (m) => { openai(m).env = { staging: {} }; }, code: "wrangler-spelling", path: "workers.openai.env", message: /environments/, fix: /did you mean "environments"/ },
  { rule: "secrets_store_secrets is the manifest's secrets", mutate: (m) => { openai(m).secrets_store_secrets = []; }, code: "wrangler-spelling", path: "workers.openai.secrets_store_secrets", message: /secrets/ },
  { rule: "near-misses are caught in environments too", mutate: (m) => { openai(m).environments = { staging: { compatibility_flags: ["nodejs_compat"] } }; }, code: "wrangler-spelling", path: "workers.openai.environments.staging.compatibility_flags", message: /compatibilityFlags/, fix: /did you mean "compatibilityFlags"/ },
  { rule: "top-level-only Wrangler fields stay at the top", mutate: (m) => { openai(m).environments = { staging: { keep_vars: true } }; }, code: "top-level-only-field", path: "workers.openai.environments.staging.keep_vars", message: /only at the top/, fix: /workers.openai.keep_vars/ },
  { rule: "Wrangler fields take JSON data", mutate: (m) => { openai(m).observability = { enabled: () => true }; }, code: "not-json", path: "workers.openai.observability.enabled", message: /JSON data/ },
  { rule: "TOML configs hold no null", mutate: (m) => { openai(m).vars = { SETTINGS: { mode: null } }; openai(m).limits = { cpu_ms: null }; }, code: "null-in-toml", path: "workers.openai.limits.cpu_ms", message: /TOML has no null/, fix: /\.jsonc/ },
  { rule: "config files are plain .toml/.json/.jsonc names", mutate: (m) => { openai(m).configFile = "config/wrangler.toml"; }, code: "invalid-format", path: "workers.openai.configFile", message: /Invalid config file name/, expected: /no folder/ },
  { rule: "config files are .toml/.json/.jsonc", mutate: (m) => { openai(m).configFile = "wrangler.yaml"; }, code: "invalid-format", path: "workers.openai.configFile", message: /Invalid config file name/ },
  { rule: "two workers may not write one file", mutate: (m) => { m.workers["nested"] = { ...openai(m), name: "nested", dir: "apps/openai/nested", envTypesFile: "../x.ts" }; openai(m).envTypesFile = "nested/src/env.generated.ts"; }, code: "invalid-format", path: "workers.nested.envTypesFile", message: /Invalid Env types file/ },
  { rule: "outputs of nested apps do not collide", mutate: (m) => { m.workers["nested"] = { ...openai(m), name: "nested", dir: "apps/openai/nested" }; openai(m).envTypesFile = "nested/src/env.generated.ts"; }, code: "duplicate-output", path: "workers.nested.envTypesFile", message: /would both write apps\/openai\/nested\/src\/env.generated.ts/ },
  { rule: "an inherited field set only for the default environment", mutate: (m) => { openai(m).environments = { production: { workers_dev: false } }; }, code: "inherited-from-default", path: "workers.openai.environments.production.workers_dev", message: /Wrangler inherits workers_dev into \[env.staging\]/, fix: /set workers_dev on workers.openai/ },
  { rule: "environment compatibility dates are checked too", mutate: (m) => { openai(m).environments = { staging: { compatibilityDate: "2026-12-01" } }; }, code: "compatibility-date-too-new", path: "workers.openai.environments.staging.compatibilityDate", message: /later than the installed Workers runtime/ },
];

describe("validateManifest: one invalid manifest per rule", () => {
  it("accepts the valid base manifest", () => {
    const result = validateManifest(validManifest(), OPTIONS);
    expect(result.ok).toBe(true);
  });

  it.each(cases)("$rule", ({ mutate, code, path, message, expected, fix }) => {
    const manifest = validManifest();
    mutate(manifest);
    const result = validateManifest(manifest, OPTIONS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.errors.find((candidate) => candidate.code === code && formatPath(candidate.path) === path);
    expect(issue, `no ${code} at ${path}; got ${result.errors.map((e) => `${e.code}@${formatPath(e.path)}`).join(", ")}`).toBeDefined();
    expect(issue!.message).toMatch(message);
    expect(issue!.fix, "every error says how to fix it").toBeTruthy();
    if (expected) expect(issue!.expected).toMatch(expected);
    if (fix) expect(issue!.fix).toMatch(fix);
  });

  it("collects every error before failing", () => {
    const manifest = validManifest();
    for (const { mutate } of cases.slice(0, 4)) mutate(manifest);
    m3(manifest);
    const result = validateManifest(manifest, OPTIONS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.length).toBeGreaterThanOrEqual(5);
  });
});

function m3(m: Manifest) {
  m.environments["production"]!.accountId = "nope";
}

describe("warnings for what the Secrets Store guidance calls bad practice", () => {
  it.each([
    ["generic names", (m: Manifest) => { m.secrets["API_KEY"] = { description: "x" }; openai(m).secrets = ["OPENAI_API_KEY", "AI_GATEWAY_ID", "API_KEY"]; }, "generic-secret-name", "secrets.API_KEY"],
    ["a secret bound to no worker", (m: Manifest) => { m.secrets["UNUSED_KEY"] = { description: "x" }; }, "unbound-secret", "secrets.UNUSED_KEY"],
    ["a secret without a description", (m: Manifest) => { delete m.secrets["OPENAI_API_KEY"]!.description; }, "missing-description", "secrets.OPENAI_API_KEY"],
  ] as const)("%s", (_name, mutate, code, path) => {
    const manifest = validManifest();
    mutate(manifest);
    const result = validateManifest(manifest, OPTIONS);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => `${w.code}@${formatPath(w.path)}`)).toContain(`${code}@${path}`);
  });

  it.each([
    [
      "a worker with its own account where the environment names none",
      (m: Manifest) => {
        delete m.environments["staging"]!.accountId;
        delete m.environments["production"]!.accountId;
        openai(m).environments = { staging: { accountId: "0123456789abcdef0123456789abcdef" } };
      },
      "Worker \"openai\" deploys to account 0123456789abcdef0123456789abcdef in staging and binds Secrets Store secrets there, but environments.staging names no account, so provisioning uses CLOUDFLARE_ACCOUNT_ID's store: it must be 0123456789abcdef0123456789abcdef.",
      "set environments.staging.accountId to 0123456789abcdef0123456789abcdef, or drop this override",
    ],
    [
      "a worker without an account where the environment's store has one",
      (m: Manifest) => {
        delete m.environments["production"]!.accountId;
        openai(m).environments = { staging: { accountId: null } };
      },
      "Worker \"openai\" binds Secrets Store secrets in staging, whose store is in account 0123456789abcdef0123456789abcdef, but its config names no account (CLOUDFLARE_ACCOUNT_ID decides): deployed elsewhere, its bindings fail.",
      "set the account here (0123456789abcdef0123456789abcdef), or drop this override",
    ],
  ] as const)("warns when the store's account cannot be checked: %s", (_name, mutate, message, fix) => {
    const manifest = validManifest();
    mutate(manifest);
    const result = validateManifest(manifest, OPTIONS);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      { severity: "warning", code: "store-account-unknown", path: ["workers", "openai", "environments", "staging", "accountId"], message, fix },
    ]);
  });

  it("a clean manifest has no warnings", () => {
    expect(validateManifest(validManifest(), OPTIONS).warnings).toEqual([]);
  });
});

describe("normalisation", () => {
  it("fills defaults and resolves names per environment", () => {
    const manifest = validManifest();
    openai(manifest).secrets = { OPENAI: "OPENAI_API_KEY" };
    delete manifest.secrets["OPENAI_API_KEY"]!.scopes;
    const result = validateManifest(manifest, OPTIONS);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [worker] = result.manifest.workers;
    expect(worker!.dir).toBe("apps/openai");
    expect(worker!.configFile).toBe("wrangler-openai.toml");
    const staging = worker!.environments.find((env) => env.environment === "staging")!;
    expect(staging.workerName).toBe("ai-openai-staging");
    expect(staging.secrets).toEqual([
      { binding: "OPENAI", secret: "OPENAI_API_KEY", storeSecretName: "STAGING_OPENAI_API_KEY", storeId: "a1b2c3d4e5f60718293a4b5c6d7e8f90" },
    ]);
    expect(result.manifest.secrets.find((s) => s.name === "AI_GATEWAY_ID")!.boundBy).toEqual([]);
    expect(result.manifest.secrets.find((s) => s.name === "OPENAI_API_KEY")!.scopes).toEqual(["workers"]);
  });
});
