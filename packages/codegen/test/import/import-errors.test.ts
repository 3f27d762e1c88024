// What import refuses, and that it then writes nothing: a config Wrangler rejects (with Wrangler's
// own complaint and the file it is about), a --default-env that a config already uses, an existing
// manifest.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CODEGEN_DIR, makeSandbox, removeSandbox, runCli, snapshotTree } from "../helpers/sandbox.ts";

let dir: string;
beforeEach(() => (dir = makeSandbox("import-errors")));
afterEach(() => removeSandbox(dir));

const write = (path: string, text: string) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};
const TEMPLATES = join(CODEGEN_DIR, "test/fixtures/real-configs/cloudflare__templates");

describe("secrets-manifest import refuses", () => {
  it("a config Wrangler rejects: exit 1, naming the file and Wrangler's complaint, and nothing written", () => {
    // A real template whose container image is a Dockerfile that is not there: Wrangler refuses it.
    cpSync(join(TEMPLATES, "containers-template"), join(dir, "containers-template"), { recursive: true });
    cpSync(join(TEMPLATES, "nlweb-template"), join(dir, "nlweb-template"), { recursive: true });
    write("broken/wrangler.toml", 'name = "broken"\nmain = "src/index.ts"\ncompatibility_date = "2026-01-01\n');
    write("bad-env/wrangler.jsonc", '{ "name": "bad-env", "main": "src/index.ts", "compatibility_date": "2026-01-01", "env": { "staging": { "kv_namespaces": [{ "id": "x" }] } } }');
    const before = snapshotTree(dir);

    const result = runCli(["import", "nlweb-template/wrangler.jsonc", "containers-template/wrangler.jsonc", "broken/wrangler.toml", "bad-env/wrangler.jsonc"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error: containers-template/wrangler.jsonc: Wrangler rejects this config:");
    expect(result.stderr).toContain('The image "./Dockerfile" does not appear to be a valid path to a Dockerfile');
    expect(result.stderr).toContain("error: broken/wrangler.toml:3:32: Wrangler rejects this config:\n  Invalid TOML document: control characters are not allowed in strings");
    expect(result.stderr).toContain("error: bad-env/wrangler.jsonc: Wrangler rejects this config (with --env staging):");
    expect(result.stderr).toContain('"env.staging.kv_namespaces[0]" bindings should have a string "binding" field but got {"id":"x"}.');
    expect(result.stderr).toContain("fix: correct it until `wrangler deploy --dry-run -c bad-env/wrangler.jsonc --env staging` accepts it");
    expect(result.stderr).not.toContain("nlweb-template/wrangler.jsonc: Wrangler rejects");
    expect(result.stdout).toContain("Nothing written.");
    expect(snapshotTree(dir)).toEqual(before);
  });

  it("a --default-env that a config already has as an [env.*]: the two would silently become one", () => {
    write("api/wrangler.toml", 'name = "api"\nmain = "src/index.ts"\ncompatibility_date = "2026-01-01"\n[env.production]\nname = "api"\n');
    const result = runCli(["import", "api/wrangler.toml", "--default-env", "production"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("--default-env production names the top level of every config, but api/wrangler.toml already has an [env.production] of its own");
    expect(existsSync(join(dir, "secrets.manifest.ts"))).toBe(false);
  });

  it("a config whose manifest would break the manifest's rules: exit 1, the rule and the config it comes from, and nothing written", () => {
    // Wrangler accepts a var named PUBLIC-URL; the manifest's names are JavaScript identifiers.
    write("apps/site/wrangler.toml", 'name = "site"\nmain = "src/index.ts"\ncompatibility_date = "2026-01-01"\n[vars]\n"PUBLIC-URL" = "https://example.com"\n');
    write("apps/api/wrangler.toml", 'name = "api"\nmain = "src/index.ts"\ncompatibility_date = "2026-01-01"\n');
    const before = snapshotTree(dir);
    const result = runCli(["import", "apps/"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('error: workers.site.vars["PUBLIC-URL"] (from apps/site/wrangler.toml)');
    expect(result.stderr).toContain('received: "PUBLIC-URL"');
    expect(result.stdout).toContain("Nothing written.");
    expect(snapshotTree(dir)).toEqual(before);
  });

  it("to overwrite an existing manifest without --force", () => {
    write("secrets.manifest.ts", "// mine\n");
    write("api/wrangler.toml", 'name = "api"\nmain = "src/index.ts"\ncompatibility_date = "2026-01-01"\n');
    const again = runCli(["import", "api/wrangler.toml"], { cwd: dir });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("secrets.manifest.ts already exists; refusing to overwrite it.");
    expect(readFileSync(join(dir, "secrets.manifest.ts"), "utf8")).toBe("// mine\n");
  });

  it("a config in the manifest's own folder, which no worker dir can name yet", () => {
    write("wrangler.toml", 'name = "solo"\nmain = "src/index.ts"\ncompatibility_date = "2026-01-01"\n');
    const result = runCli(["import", "wrangler.toml"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error: wrangler.toml is in the manifest's own folder");
    expect(result.stderr).toContain("fix: write the manifest one folder up (--manifest ../secrets.manifest.ts)");
    expect(existsSync(join(dir, "secrets.manifest.ts"))).toBe(false);
  });

  it("a config outside the manifest's folder, and a path that is not there", () => {
    write("apps/api/wrangler.toml", 'name = "api"\nmain = "src/index.ts"\ncompatibility_date = "2026-01-01"\n');
    const outside = runCli(["import", "apps/api/wrangler.toml", "missing/wrangler.toml", "--manifest", "out/secrets.manifest.ts"], { cwd: dir });
    expect(outside.status).toBe(1);
    expect(outside.stderr).toContain("apps/api/wrangler.toml is outside");
    expect(outside.stderr).toContain("Cannot read missing/wrangler.toml: no such file or folder.");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});
