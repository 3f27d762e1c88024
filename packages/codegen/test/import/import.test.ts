// import -> generate gives configs equivalent to the originals: same Worker names, main, dates,
// flags, vars and Secrets Store bindings in every environment.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { ts } from "ts-morph";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyBundledManifest, makeSandbox, removeSandbox, runCli } from "../helpers/sandbox.ts";

let dir: string;
beforeEach(() => (dir = makeSandbox("import")));
afterEach(() => removeSandbox(dir));

const STORE = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};
const readConfig = (path: string): Record<string, unknown> => {
  const text = readFileSync(join(dir, path), "utf8");
  return path.endsWith(".toml") ? (parseToml(text) as Record<string, unknown>) : (ts.parseConfigFileTextToJson(path, text).config as Record<string, unknown>);
};

type Binding = { binding: string; store_id: string; secret_name: string };
/** What wrangler would deploy per environment, with wrangler's defaults made explicit. */
function effective(config: Record<string, unknown>) {
  const sorted = (list: unknown) => [...((list as Binding[] | undefined) ?? [])].sort((a, b) => a.binding.localeCompare(b.binding));
  const envs = (config.env ?? {}) as Record<string, Record<string, unknown>>;
  return {
    main: config.main,
    compatibility_date: config.compatibility_date,
    compatibility_flags: config.compatibility_flags ?? [],
    top: { name: config.name, vars: config.vars ?? {}, secrets: sorted(config.secrets_store_secrets) },
    env: Object.fromEntries(
      Object.entries(envs)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, env]) => [name, { name: env.name ?? `${String(config.name)}-${name}`, vars: env.vars ?? {}, secrets: sorted(env.secrets_store_secrets) }]),
    ),
  };
}

describe("secrets-manifest import", () => {
  it("round-trips hand-written TOML and JSONC configs through import and generate", () => {
    write("apps/openai/wrangler.toml", `name = "ai-openai"
main = "src/index.ts"
compatibility_date = "2026-08-01"
compatibility_flags = ["nodejs_compat"]
account_id = "0123456789abcdef0123456789abcdef"

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

[env.staging]
vars = { BASE_URL = "https://gateway.ai.cloudflare.com/v1", LOG_LEVEL = "debug", RETRIES = 3, DEBUG = true }

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
  "account_id": "0123456789abcdef0123456789abcdef",
  "secrets_store_secrets": [
    { "binding": "KEY", "store_id": "${STORE}", "secret_name": "ANTHROPIC_API_KEY" },
    { "binding": "GATEWAY_TOKEN", "store_id": "${STORE}", "secret_name": "CLOUDFLARE_API_KEY" },
  ],
  "env": {
    "staging": {
      "name": "anthropic-stg",
      "secrets_store_secrets": [
        { "binding": "KEY", "store_id": "${STORE}", "secret_name": "STAGING_ANTHROPIC_API_KEY" },
        { "binding": "GATEWAY_TOKEN", "store_id": "${STORE}", "secret_name": "STAGING_CLOUDFLARE_API_KEY" },
      ],
    },
  },
}
`);
    write("services/hooks/wrangler.toml", `name = "hooks"
main = "src/index.ts"
compatibility_date = "2026-05-01"
vars = { MODE = "strict" }

[env.staging]
vars = { MODE = "lenient" }
`);
    const originals = ["apps/openai/wrangler.toml", "apps/anthropic/wrangler.jsonc", "services/hooks/wrangler.toml"];
    const imported = runCli(["import", ...originals], { cwd: dir });
    expect(imported.stderr).not.toContain("error");
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/Wrote secrets.manifest.ts: 3 worker\(s\), 2 environment\(s\), 3 secret\(s\)/);
    const manifest = readFileSync(join(dir, "secrets.manifest.ts"), "utf8");
    expect(manifest).toContain('import { defineManifest } from "@secrets-manifest/codegen";');
    expect(manifest).toContain('secretPrefix: "STAGING_"');
    expect(manifest).toContain('GATEWAY_TOKEN: "CLOUDFLARE_API_KEY"');

    const generated = runCli(["generate"], { cwd: dir });
    expect(generated.status, generated.stderr).toBe(0);
    const pairs = [
      ["apps/openai/wrangler.toml", "apps/openai/wrangler-openai.toml"],
      ["apps/anthropic/wrangler.jsonc", "apps/anthropic/wrangler-anthropic.toml"],
      ["services/hooks/wrangler.toml", "services/hooks/wrangler-hooks.toml"],
    ] as const;
    for (const [original, regenerated] of pairs) expect(effective(readConfig(regenerated)), regenerated).toEqual(effective(readConfig(original)));
  });

  it("round-trips the fleet's own configs: the bundled manifest's output imports back to the same configs", () => {
    copyBundledManifest(dir);
    expect(runCli(["generate"], { cwd: dir }).status).toBe(0);
    const apps = ["openai", "anthropic", "deepseek", "perplexity", "google-ai-studio", "huggingface", "elevenlabs"];
    const other = makeSandbox("import-fleet");
    try {
      for (const app of apps) cpSync(join(dir, `apps/${app}/wrangler-${app}.toml`), join(other, `apps/${app}/wrangler.toml`), { recursive: true });
      const imported = runCli(["import", ...apps.map((app) => `apps/${app}/wrangler.toml`)], { cwd: other });
      expect(imported.status, imported.stderr).toBe(0);
      expect(runCli(["generate"], { cwd: other }).status).toBe(0);
      for (const app of apps) {
        const before = parseToml(readFileSync(join(dir, `apps/${app}/wrangler-${app}.toml`), "utf8"));
        const after = parseToml(readFileSync(join(other, `apps/${app}/wrangler-${app}.toml`), "utf8"));
        expect(after, app).toEqual(before);
      }
    } finally {
      removeSandbox(other);
    }
  });

  it("warns about what the manifest cannot hold, marks placeholders TODO, and never overwrites a manifest", () => {
    write("apps/kv/wrangler.toml", `name = "kv"
main = "src/index.ts"
compatibility_date = "2026-08-01"
kv_namespaces = [{ binding = "CACHE", id = "abc" }]

[[secrets_store_secrets]]
binding = "TOKEN_A"
store_id = "${STORE}"
secret_name = "TOKEN_A"

[env.staging]
[[env.staging.secrets_store_secrets]]
binding = "TOKEN_B"
store_id = "${STORE}"
secret_name = "TOKEN_B"
`);
    const result = runCli(["import", "apps/kv/wrangler.toml", "--manifest", "out/secrets.manifest.ts"], { cwd: dir });
    expect(result.status).toBe(1); // an out/ manifest cannot see apps/ below itself
    expect(result.stderr).toContain("is outside");

    const ok = runCli(["import", "apps/kv/wrangler.toml"], { cwd: dir });
    expect(ok.stderr).toContain("not imported: kv_namespaces");
    expect(ok.stderr).toContain("[env.staging] does not bind TOKEN_A");
    const manifest = readFileSync(join(dir, "secrets.manifest.ts"), "utf8");
    expect(manifest).toMatch(/accountId: "0{32}", \/\/ TODO: the configs name no account_id/);

    const again = runCli(["import", "apps/kv/wrangler.toml"], { cwd: dir });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("secrets.manifest.ts already exists; refusing to overwrite it.");
    expect(existsSync(join(dir, "secrets.manifest.ts"))).toBe(true);
  });
});
