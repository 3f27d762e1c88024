import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyBundledManifest, makeSandbox, removeSandbox, runCli, snapshotTree } from "../helpers/sandbox.ts";

let dir: string;
let manifest: string;

beforeEach(() => {
  dir = makeSandbox("cli");
  manifest = copyBundledManifest(dir);
});
afterEach(() => removeSandbox(dir));

const edit = (from: string | RegExp, to: string) => writeFileSync(manifest, readFileSync(manifest, "utf8").replace(from, to));

describe("secrets-manifest generate", () => {
  it("writes every config, Env type and provisioning script, then a second run writes nothing", () => {
    const first = runCli(["generate", "--json"], { cwd: dir });
    expect(first.status, first.stderr).toBe(0);
    const files = JSON.parse(first.stdout).files as { path: string; kind: string; worker: string | null; environment: string | null; status: string }[];
    expect(files).toHaveLength(7 * 2 + 2 * 4 + 1);
    expect(files.every((f) => f.status === "written")).toBe(true);
    expect(files).toContainEqual({ path: "apps/openai/wrangler-openai.toml", kind: "wrangler-config", worker: "openai", environment: null, status: "written" });
    expect(files).toContainEqual({ path: "apps/openai/src/env.generated.ts", kind: "env-types", worker: "openai", environment: null, status: "written" });
    expect(files).toContainEqual({ path: "provision/staging.remote.sh", kind: "provision-script", worker: null, environment: "staging", status: "written" });

    const before = snapshotTree(dir);
    const second = runCli(["generate", "--json"], { cwd: dir });
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout).files.every((f: { status: string }) => f.status === "unchanged")).toBe(true);
    expect(snapshotTree(dir)).toEqual(before); // same bytes and the same mtimes: turbo caches hold
  });

  it("creates an output root (--root) that does not exist yet", () => {
    const result = runCli(["generate", "--root", join(dir, "out/nested")], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(dir, "out/nested/apps/openai/wrangler-openai.toml"))).toBe(true);
  });

  it("prints a short human summary", () => {
    const result = runCli(["generate"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/7 workers × 2 environments: 23 written, 0 unchanged, 0 deleted/);
  });

  it("is deterministic: byte-identical output in another folder, run from another working folder", () => {
    expect(runCli(["generate"], { cwd: dir }).status).toBe(0);
    const other = makeSandbox("cli-other");
    try {
      const otherManifest = copyBundledManifest(other);
      expect(runCli(["generate", "--manifest", otherManifest], { cwd: "/" }).status).toBe(0);
      const hashes = (root: string) => [...snapshotTree(root)].map(([path, { hash }]) => [path, hash]);
      expect(hashes(other)).toEqual(hashes(dir));
    } finally {
      removeSandbox(other);
    }
  });

  it("--root puts outputs elsewhere and records the manifest path relative to it", () => {
    const out = join(dir, "out");
    mkdirSync(out);
    expect(runCli(["generate", "--root", out], { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(out, "apps/openai/wrangler-openai.toml"), "utf8")).toContain("from ../secrets.manifest.ts.");
  });

  it("--check passes on a current tree and fails with a diff on a stale, missing or extra file", () => {
    expect(runCli(["generate"], { cwd: dir }).status).toBe(0);
    const clean = runCli(["generate", "--check"], { cwd: dir });
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/up to date/);

    const toml = join(dir, "apps/openai/wrangler-openai.toml");
    writeFileSync(toml, readFileSync(toml, "utf8").replace('name = "ai-openai"', 'name = "hand-edited"'));
    const stale = runCli(["generate", "--check", "--json"], { cwd: dir });
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('-name = "hand-edited"');
    expect(stale.stderr).toContain('+name = "ai-openai"');
    const statuses = Object.fromEntries(JSON.parse(stale.stdout).files.map((f: { path: string; status: string }) => [f.path, f.status]));
    expect(statuses["apps/openai/wrangler-openai.toml"]).toBe("stale");
    expect(statuses["apps/anthropic/wrangler-anthropic.toml"]).toBe("unchanged");
    expect(readFileSync(toml, "utf8")).toContain("hand-edited"); // --check writes nothing

    expect(runCli(["generate", "--force"], { cwd: dir }).status).toBe(0); // the hand edit is overwritten only when forced
    edit(/    elevenlabs: .*\n/, "");
    const extra = runCli(["generate", "--check"], { cwd: dir });
    expect(extra.status).toBe(1);
    expect(extra.stderr).toContain("--- a/apps/elevenlabs/wrangler-elevenlabs.toml");
    expect(extra.stderr).toContain("+++ /dev/null");
  });

  it("deletes the generated files of a removed worker or environment, and only those", () => {
    expect(runCli(["generate"], { cwd: dir }).status).toBe(0);
    writeFileSync(join(dir, "apps/elevenlabs/src/index.ts"), "export default {};\n");
    edit(/    elevenlabs: .*\n/, "");
    edit(/    staging: \{[^}]*\},\n/, "");
    const result = runCli(["generate", "--json"], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    const deleted = JSON.parse(result.stdout).files.filter((f: { status: string }) => f.status === "deleted").map((f: { path: string }) => f.path);
    expect(deleted).toEqual(
      expect.arrayContaining(["apps/elevenlabs/wrangler-elevenlabs.toml", "apps/elevenlabs/src/env.generated.ts", "provision/staging.remote.sh", "provision/staging.local.ps1"]),
    );
    expect(deleted).toHaveLength(6);
    expect(existsSync(join(dir, "apps/elevenlabs/src/index.ts"))).toBe(true);
    expect(readFileSync(join(dir, "apps/openai/wrangler-openai.toml"), "utf8")).not.toContain("[env.staging]");
  });

  it("a worker's configFile picks the name and format; the old stamped config is deleted, a team's own is never overwritten", () => {
    expect(runCli(["generate"], { cwd: dir }).status).toBe(0);
    edit('openai: { ...proxy, name: "ai-openai",', 'openai: { ...proxy, name: "ai-openai", configFile: "wrangler.jsonc",');
    const result = runCli(["generate", "--json"], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    const files = JSON.parse(result.stdout).files as { path: string; status: string; kind: string }[];
    expect(files).toContainEqual(expect.objectContaining({ path: "apps/openai/wrangler.jsonc", status: "written", kind: "wrangler-config" }));
    expect(files).toContainEqual(expect.objectContaining({ path: "apps/openai/wrangler-openai.toml", status: "deleted" }));
    const jsonc = readFileSync(join(dir, "apps/openai/wrangler.jsonc"), "utf8");
    expect(jsonc.split("\n")[0]).toMatch(/^\/\/ Generated by secrets-manifest/);
    expect(JSON.parse(jsonc.replace(/^\/\/.*$/gm, ""))).toMatchObject({ name: "ai-openai", account_id: "0123456789abcdef0123456789abcdef" });
    // A second run recognises the JSONC stamp: nothing to write.
    expect(runCli(["generate", "--check"], { cwd: dir }).status).toBe(0);

    writeFileSync(join(dir, "apps/openai/wrangler.jsonc"), '{ "name": "mine" }\n');
    const before = snapshotTree(dir);
    const refused = runCli(["generate"], { cwd: dir });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/apps\/openai\/wrangler.jsonc exists and was not generated by secrets-manifest; refusing to overwrite it/);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it("refuses to overwrite a file it did not generate, and changes nothing", () => {
    mkdirSync(join(dir, "apps/openai"), { recursive: true });
    writeFileSync(join(dir, "apps/openai/wrangler-openai.toml"), 'name = "mine"\n');
    const before = snapshotTree(dir);
    const result = runCli(["generate"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/apps\/openai\/wrangler-openai.toml exists and was not generated by secrets-manifest; refusing to overwrite it/);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it("reports every manifest error with key path and line:column, exits 1 and leaves the tree byte-identical", () => {
    expect(runCli(["generate"], { cwd: dir }).status).toBe(0);
    edit('secrets: ["OPENAI_API_KEY", ...gateway]', 'secrets: ["OPENAI_KEY", ...gateway]');
    edit('accountId: "0123456789abcdef0123456789abcdef",\n      storeId: "a1b2c3d4e5f60718293a4b5c6d7e8f90",\n      secretPrefix', 'accountId: "0123456789abcdef0123456789abcdef",\n      storeId: "b1b2c3d4e5f60718293a4b5c6d7e8f90",\n      secretPrefix');
    const before = snapshotTree(dir);
    const result = runCli(["generate"], { cwd: dir });
    expect(result.status).toBe(1);
    const lines = readFileSync(manifest, "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes('"OPENAI_KEY"')) + 1;
    const column = lines[line - 1]!.indexOf('"OPENAI_KEY"') + 1;
    expect(result.stderr).toContain(`error: workers.openai.secrets[0] (secrets.manifest.ts:${line}:${column})`);
    expect(result.stderr).toMatch(/did you mean "OPENAI_API_KEY"/);
    expect(result.stderr).toMatch(/error: environments.staging.storeId \(secrets.manifest.ts:\d+:\d+\)/);
    expect(result.stderr).toMatch(/2 error\(s\) in secrets.manifest.ts; no file was written/);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it("reports a worker's bad accountId at its line:column, with what it takes", () => {
    edit('openai: { ...proxy, name: "ai-openai",', 'openai: { ...proxy, name: "ai-openai", accountId: "0123",');
    const result = runCli(["generate"], { cwd: dir });
    expect(result.status).toBe(1);
    const lines = readFileSync(manifest, "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes('accountId: "0123"')) + 1;
    const column = lines[line - 1]!.indexOf("accountId") + 1;
    expect(result.stderr).toContain(`error: workers.openai.accountId (secrets.manifest.ts:${line}:${column})`);
    expect(result.stderr).toMatch(/or null for no account_id/);
    expect(result.stderr).toMatch(/1 error\(s\) in secrets.manifest.ts; no file was written/);
  });

  it("explains a manifest that cannot be loaded, without a stack trace, and changes nothing", () => {
    expect(runCli(["generate"], { cwd: dir }).status).toBe(0);
    writeFileSync(manifest, "export default defineManifest({ oops\n");
    const before = snapshotTree(dir);
    const result = runCli(["generate"], { cwd: dir });
    expect(snapshotTree(dir)).toEqual(before);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Cannot load the manifest/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    const missing = runCli(["generate", "--manifest", "nope.ts"], { cwd: dir });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read the manifest .*nope.ts: ENOENT/);
  });

  it("prints warnings and exits 0, or 1 without writing under --strict", () => {
    edit("secrets: {\n", 'secrets: {\n    TOKEN: { scopes: ["workers"] },\n');
    const before = snapshotTree(dir);
    const strict = runCli(["generate", "--strict"], { cwd: dir });
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/warning: secrets.TOKEN/);
    expect(snapshotTree(dir)).toEqual(before);
    const lenient = runCli(["generate"], { cwd: dir });
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toMatch(/does not say which provider/);
    expect(lenient.stderr).toMatch(/declared but no worker binds it/);
    expect(lenient.stderr).toMatch(/has no description/);
  });

  it("--wrangler reports what Wrangler's reader rejects at the manifest line, and writes nothing", () => {
    edit('openai: { ...proxy, name: "ai-openai",', 'openai: { ...proxy, name: "ai-openai",\n      routes: [{ patern: "api.example.com/*" }],');
    const line = readFileSync(manifest, "utf8").split("\n").findIndex((text) => text.includes("patern")) + 1;
    const before = snapshotTree(dir);
    const result = runCli(["generate", "--wrangler"], { cwd: dir, env: { WRANGLER_SEND_METRICS: "false" } });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toContain(`error: workers.openai.routes (secrets.manifest.ts:${line}:7)`);
    expect(result.stderr).toMatch(/Wrangler, reading apps\/openai\/wrangler-openai.toml \(the top level\): Expected "routes" to be an array/);
    expect(result.stderr).toMatch(/no file was written/);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it("--check --wrangler passes on a current tree that Wrangler reads cleanly", () => {
    expect(runCli(["generate"], { cwd: dir }).status).toBe(0);
    const result = runCli(["generate", "--check", "--wrangler"], { cwd: dir, env: { WRANGLER_SEND_METRICS: "false" } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("✓ Wrangler read 7 config(s) in every environment.");
    expect(result.stdout).toMatch(/every generated file is up to date/);
  });
});
