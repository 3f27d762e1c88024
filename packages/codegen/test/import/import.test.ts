// The adoption flow on hand-written configs: import, then `generate --force` over the originals, and
// Wrangler reads every environment of every config the same; the bundled fleet's own generated
// configs import back to the same bytes.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyBundledManifest, makeSandbox, removeSandbox, runCli } from "../helpers/sandbox.ts";
import { differences, readEnvironments } from "./wrangler-reading.ts";

let dir: string;
beforeEach(() => (dir = makeSandbox("import")));
afterEach(() => removeSandbox(dir));

const STORE = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};

describe("secrets-manifest import, then generate --force", () => {
  it("replaces hand-written TOML and JSONC configs with generated ones that Wrangler reads the same in every environment", () => {
    write("apps/openai/wrangler.toml", `name = "ai-openai"
main = "src/index.ts"
compatibility_date = "2026-08-01"
compatibility_flags = ["nodejs_compat"]
account_id = "${ACCOUNT}"
kv_namespaces = [{ binding = "CACHE", id = "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f" }]

[vars]
BASE_URL = "https://gateway.ai.cloudflare.com/v1"
LOG_LEVEL = "warn"
RETRIES = 3

[[secrets_store_secrets]]
binding = "OPENAI_API_KEY"
store_id = "${STORE}"
secret_name = "OPENAI_API_KEY"

[[secrets_store_secrets]]
binding = "GATEWAY_TOKEN"
store_id = "${STORE}"
secret_name = "CLOUDFLARE_API_KEY"

[triggers]
crons = ["0 * * * *"]

[env.staging]
vars = { BASE_URL = "https://gateway.ai.cloudflare.com/v1", LOG_LEVEL = "debug", RETRIES = 3, DEBUG = true }
kv_namespaces = [{ binding = "CACHE", id = "1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e" }]

[[env.staging.secrets_store_secrets]]
binding = "OPENAI_API_KEY"
store_id = "${STORE}"
secret_name = "STAGING_OPENAI_API_KEY"

[[env.staging.secrets_store_secrets]]
binding = "GATEWAY_TOKEN"
store_id = "${STORE}"
secret_name = "STAGING_CLOUDFLARE_API_KEY"
`);
    write("apps/anthropic/wrangler.jsonc", `{
  // The anthropic proxy
  "name": "ai-anthropic",
  "main": "src/worker.ts",
  "compatibility_date": "2026-07-15",
  "account_id": "${ACCOUNT}",
  "routes": [{ "pattern": "anthropic.example.com", "custom_domain": true }],
  "secrets_store_secrets": [
    { "binding": "KEY", "store_id": "${STORE}", "secret_name": "ANTHROPIC_API_KEY" },
    { "binding": "GATEWAY_TOKEN", "store_id": "${STORE}", "secret_name": "CLOUDFLARE_API_KEY" },
  ],
  "env": {
    "staging": {
      "name": "anthropic-stg",
      "routes": [{ "pattern": "anthropic-staging.example.com", "custom_domain": true }],
      "secrets_store_secrets": [
        { "binding": "KEY", "store_id": "${STORE}", "secret_name": "STAGING_ANTHROPIC_API_KEY" },
      ],
    },
  },
}
`);
    write("services/hooks/wrangler.toml", `name = "hooks"
account_id = "${ACCOUNT}"
main = "src/index.ts"
compatibility_date = "2026-05-01"
vars = { MODE = "strict" }

[[durable_objects.bindings]]
name = "LEDGER"
class_name = "Ledger"

[[migrations]]
tag = "v1"
new_sqlite_classes = ["Ledger"]

[env.production]
vars = { MODE = "lenient" }
secrets = { required = ["WEBHOOK_SIGNING_KEY"] }
durable_objects = { bindings = [{ name = "LEDGER", class_name = "Ledger" }] }
`);
    write("services/hooks/.dev.vars", "WEBHOOK_SIGNING_KEY=not-a-real-value\n");
    const configs = ["apps/openai/wrangler.toml", "apps/anthropic/wrangler.jsonc", "services/hooks/wrangler.toml"];
    const before = new Map(configs.map((file) => [file, readEnvironments(join(dir, file))]));

    const imported = runCli(["import", "apps", "services"], { cwd: dir });
    expect(imported.stderr).not.toMatch(/^error/m);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain("✓ Wrote secrets.manifest.ts: 3 worker(s), 3 environment(s) (development is the configs' top level), 3 secret(s)");
    expect(imported.stdout).toContain("  hooks: WEBHOOK_SIGNING_KEY (secrets.required (production), services/hooks/.dev.vars)");
    expect(imported.stdout).toContain("Next: review secrets.manifest.ts, then run `secrets-manifest generate --force`.");
    expect(imported.stdout + imported.stderr).not.toContain("not-a-real-value");
    const manifest = readFileSync(join(dir, "secrets.manifest.ts"), "utf8");
    expect(manifest).toContain('import { defineManifest } from "@secrets-manifest/codegen";');
    expect(manifest).toContain('secretPrefix: "STAGING_"');
    expect(manifest).toContain('GATEWAY_TOKEN: "CLOUDFLARE_API_KEY"');
    expect(manifest).toContain('configFile: "wrangler.jsonc"');
    expect(manifest).toContain('deployTo: ["development", "production"]'); // hooks has no staging, the others no production
    expect(manifest).not.toContain("not-a-real-value");

    // Without --force, generate refuses to replace files it did not write.
    const refused = runCli(["generate"], { cwd: dir });
    expect(refused.status).toBe(1);
    expect(readFileSync(join(dir, "apps/anthropic/wrangler.jsonc"), "utf8")).toContain("// The anthropic proxy");

    const generated = runCli(["generate", "--force"], { cwd: dir });
    expect(generated.status, generated.stderr).toBe(0);
    for (const file of configs) {
      expect(readFileSync(join(dir, file), "utf8"), file).toContain("Generated by secrets-manifest");
      expect(differences(dir, file, before.get(file)!, readEnvironments(join(dir, file))), file).toEqual([]);
    }
    // Adopted: a second generate needs no --force and changes nothing.
    const again = runCli(["generate", "--check"], { cwd: dir });
    expect(again.status, again.stderr).toBe(0);
  });

  it("imports the bundled fleet's generated configs back to the same bytes", () => {
    copyBundledManifest(dir);
    expect(runCli(["generate"], { cwd: dir }).status).toBe(0);
    const apps = ["openai", "anthropic", "deepseek", "perplexity", "google-ai-studio", "huggingface", "elevenlabs"];
    const other = makeSandbox("import-fleet");
    try {
      for (const app of apps) cpSync(join(dir, `apps/${app}/wrangler-${app}.toml`), join(other, `apps/${app}/wrangler-${app}.toml`));
      const imported = runCli(["import", "apps", "--default-env", "production"], { cwd: other });
      expect(imported.status, imported.stderr).toBe(0);
      const generated = runCli(["generate"], { cwd: other });
      expect(generated.status, generated.stderr).toBe(0);
      for (const app of apps) {
        const path = `apps/${app}/wrangler-${app}.toml`;
        expect(readFileSync(join(other, path), "utf8"), app).toBe(readFileSync(join(dir, path), "utf8"));
      }
    } finally {
      removeSandbox(other);
    }
  });
});
