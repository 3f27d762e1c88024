// The one inheritance table (src/manifest/wrangler-fields.ts) checked against the installed wrangler:
// its published types say which fields are inheritable, and its own reader shows what `--env X`
// carries over. A wrangler upgrade that adds or moves a field fails here first.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "smol-toml";
import { OWNED_WRANGLER_FIELDS, WRANGLER_FIELDS, inheritanceOf } from "../../src/manifest/wrangler-fields.ts";
import { nearMissOf } from "../../src/manifest/passthrough-rules.ts";
import { OWN_WORKER_ENVIRONMENT_FIELDS, OWN_WORKER_FIELDS } from "../../src/manifest/own-fields.ts";
import { loadWranglerReader } from "../../src/check/read-wrangler-diagnostics.ts";
import { CODEGEN_DIR } from "../helpers/sandbox.ts";

const wranglerEntry = createRequire(join(CODEGEN_DIR, "package.json")).resolve("wrangler");
const declarations = readFileSync(join(dirname(wranglerEntry), "cli.d.ts"), "utf8");

/** Property names of the interfaces (or object-literal types) the d.ts declares under these names. */
function membersOf(...names: string[]): string[] {
  const file = ts.createSourceFile("cli.d.ts", declarations, ts.ScriptTarget.Latest, true);
  const members: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && names.includes(node.name.text)) {
      for (const member of node.members) if (member.name) members.push(member.name.getText(file).replace(/^"|"$/g, ""));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return members;
}

const table = (kind: string) => [...WRANGLER_FIELDS].filter(([, inheritance]) => inheritance === kind).map(([field]) => field).sort();

describe("the inheritance table matches wrangler's published types", () => {
  it("inherited = EnvironmentInheritable", () => {
    expect(table("inherited")).toEqual(membersOf("EnvironmentInheritable").sort());
  });

  it("per-environment = EnvironmentNonInheritable", () => {
    expect(table("per-environment")).toEqual(membersOf("EnvironmentNonInheritable").sort());
  });

  it("top-level-only = ConfigFields + PagesConfigFields + $schema + env", () => {
    expect(table("top-level-only")).toEqual([...membersOf("ConfigFields", "PagesConfigFields"), "$schema", "env"].sort());
  });

  it("a field wrangler adds later is written in every environment", () => {
    expect(inheritanceOf("some_field_from_the_future")).toBe("per-environment");
  });

  it("no Wrangler field counts as a near-miss of the manifest's own keys", () => {
    // Wrangler's names for fields the manifest owns are handled first (own key, or "the manifest spells it ...").
    const fields = [...WRANGLER_FIELDS.keys()].filter((field) => !OWN_WORKER_FIELDS.has(field) && !OWNED_WRANGLER_FIELDS.has(field));
    expect(fields.length).toBeGreaterThan(80);
    for (const own of [OWN_WORKER_FIELDS, OWN_WORKER_ENVIRONMENT_FIELDS]) {
      expect(fields.filter((field) => nearMissOf(field, own) !== undefined)).toEqual([]);
    }
  });

  it("near-misses of our keys are caught", () => {
    for (const [typo, meant] of [["compatibilitydate", "compatibilityDate"], ["compatability_date", "compatibilityDate"], ["mian", "main"], ["deploy_to", "deployTo"], ["configfile", "configFile"], ["worker_secrets", "workerSecrets"]]) {
      expect(nearMissOf(typo!, OWN_WORKER_FIELDS), typo).toBe(meant);
    }
  });
});

describe("wrangler's reader carries over exactly the inherited fields", () => {
  let dir: string;
  let read: Awaited<ReturnType<typeof loadWranglerReader>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "codegen-inheritance-"));
    read = await loadWranglerReader(CODEGEN_DIR);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // One valid value per field; the environment sets only its name.
  const samples: Record<string, unknown> = {
    account_id: "0123456789abcdef0123456789abcdef",
    compatibility_flags: ["nodejs_compat"],
    workers_dev: false,
    preview_urls: false,
    routes: ["example.com/*"],
    migrations: [{ tag: "v1", new_sqlite_classes: ["Room"] }],
    triggers: { crons: ["0 * * * *"] },
    limits: { cpu_ms: 50 },
    placement: { mode: "smart" },
    observability: { enabled: true },
    logpush: true,
    minify: true,
    kv_namespaces: [{ binding: "KV", id: "0123456789abcdef0123456789abcdef" }],
    d1_databases: [{ binding: "DB", database_name: "db", database_id: "6f2d8a40-1c3b-4e5f-9a7b-2c4d6e8f0a1b" }],
    r2_buckets: [{ binding: "BUCKET", bucket_name: "bucket" }],
    services: [{ binding: "OTHER", service: "other" }],
    vars: { GREETING: "hello" },
    define: { DEBUG: "false" },
    ai: { binding: "AI" },
  };

  it.each(Object.keys(samples))("%s", (field) => {
    const config = join(dir, `${field}.toml`);
    writeFileSync(config, stringify({ name: "probe", main: "src/index.ts", compatibility_date: "2026-07-01", [field]: samples[field], env: { x: { name: "probe-x" } } }));
    const saved = console.warn;
    console.warn = () => {};
    let read_: Record<string, unknown>;
    try {
      read_ = read({ config, env: "x" }) as Record<string, unknown>;
    } finally {
      console.warn = saved;
    }
    const carried = JSON.stringify(read_[field]) === JSON.stringify(samples[field]);
    expect(carried ? "inherited" : "per-environment", field).toBe(inheritanceOf(field));
  });
});
