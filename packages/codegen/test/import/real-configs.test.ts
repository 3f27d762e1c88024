// Real public configs (test/fixtures/real-configs, sources in sources.json): each repository is
// imported as a whole, generated in place, and read back by Wrangler itself, environment by
// environment. Wrangler's reading must be the same before and after (bindings of every kind,
// routes, triggers, migrations, settings), except the few listed in known-differences.ts with the reason
// the manifest cannot say them; the test fails on any other difference, and on a listed one that
// no longer happens.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import sources from "../fixtures/real-configs/sources.json" with { type: "json" };
import { CODEGEN_DIR, REPO_ROOT, makeSandbox, removeSandbox, runCli } from "../helpers/sandbox.ts";
import { mapLimit } from "../generate/support.ts";
import { KNOWN_DIFFERENCES, KNOWN_TYPE_ERRORS } from "./known-differences.ts";
import { differences, readEnvironments } from "./wrangler-reading.ts";

const FIXTURES = join(CODEGEN_DIR, "test/fixtures/real-configs");

/**
 * Configs also compared through `wrangler deploy --dry-run` (about 10 s a run here, so a few), with
 * the entry module each needs and the environments to deploy ("" is the top level).
 */
const DRY_RUN: Readonly<Record<string, readonly { readonly file: string; readonly entry: string; readonly envs: readonly string[] }[]>> = {
  // Secrets Store bindings with per-environment names, vars: every environment.
  "lifeodyssey/animichi": [{ file: "workers/users/wrangler.toml", entry: "workers/users/src/index.ts", envs: ["", "staging", "production"] }],
  // Queue consumer with a dead-letter queue, producers, D1, R2, KV.
  "backrunner/skillscat": [{ file: "apps/web/wrangler.indexing.toml", entry: "apps/web/workers/indexing.ts", envs: ["production"] }],
};
const STUB_ENTRY = 'export default { fetch() { return new Response("ok") } }\n';
const WRANGLER_BIN = join(CODEGEN_DIR, "node_modules/.bin/wrangler");

/** The binding table `wrangler deploy --dry-run` prints for each environment ("" is the top level). */
async function dryRunTables(cwd: string, file: string, envs: readonly string[]): Promise<Map<string, string>> {
  const tables = await mapLimit(envs, 2, async (env) => {
    const args = ["deploy", "--dry-run", "--outdir", `.dry-run/${env || "top"}`, "-c", file, `--env=${env}`];
    const output = await new Promise<string>((done, fail) => {
      const child = spawn(WRANGLER_BIN, args, { cwd, env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", CI: "true", NO_COLOR: "1" } });
      let text = "";
      child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
      child.on("error", fail);
      child.on("close", (code) => (code === 0 ? done(text) : fail(new Error(`wrangler ${args.join(" ")} exited ${code}:\n${text}`))));
    });
    const table = /Your Worker has access to the following bindings:\n([\s\S]*?)\n\s*\n/.exec(output.replace(/\u001b\[[0-9;]*m/g, ""));
    return [env, table?.[1] ?? ""] as const;
  });
  return new Map(tables);
}

const sandboxes: string[] = [];
afterAll(() => sandboxes.forEach(removeSandbox));

describe.each(sources.repositories)("$repository", (repository) => {
  it(`imports its ${repository.files.length} configs at once; after generate, Wrangler reads every environment of every config the same`, async () => {
    const dir = makeSandbox(`real-${repository.folder}`);
    sandboxes.push(dir);
    cpSync(join(FIXTURES, repository.folder), dir, { recursive: true });
    for (const stub of ("stubs" in repository ? repository.stubs : undefined) ?? []) {
      mkdirSync(dirname(join(dir, stub)), { recursive: true });
      writeFileSync(join(dir, stub), "");
    }
    const files = repository.files.map((file) => (typeof file === "string" ? file : file.path));
    const before = new Map(files.map((file) => [file, readEnvironments(join(dir, file))]));
    const dryRuns = DRY_RUN[repository.repository] ?? [];
    for (const { entry } of dryRuns) {
      mkdirSync(dirname(join(dir, entry)), { recursive: true });
      writeFileSync(join(dir, entry), STUB_ENTRY);
    }
    const tablesBefore = await Promise.all(dryRuns.map(({ file, envs }) => dryRunTables(dir, file, envs)));

    const imported = runCli(["import", ...files], { cwd: dir });
    expect(imported.stderr).not.toMatch(/^error/m);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("Next: review secrets.manifest.ts, then run `secrets-manifest generate --force`.");

    const generated = runCli(["generate", "--force"], { cwd: dir });
    expect(generated.status, generated.stderr).toBe(0);
    for (const file of files) expect(readFileSync(join(dir, file), "utf8"), file).toMatch(/generated|Generated|GENERATED/);

    const found = files.flatMap((file) => differences(dir, file, before.get(file)!, readEnvironments(join(dir, file))));
    const known = KNOWN_DIFFERENCES.filter((d) => d.repository === repository.repository).map(({ file, env, field, before, after }) => ({ file, env, field, before, after }));
    expect(found).toEqual(known);

    for (const [index, { file, envs }] of dryRuns.entries()) {
      const tables = await dryRunTables(dir, file, envs);
      for (const [env, table] of tablesBefore[index]!) {
        expect(table, `${file} --env=${env}`).toMatch(/^env\./m);
        expect(tables.get(env), `${file} --env=${env}`).toBe(table);
      }
    }
  }, 300_000);
});

// Last (tests in a file run in order): the imported manifests, as a person opens them in an editor.
it("every imported manifest type-checks against defineManifest (passthrough typed by Wrangler), but for the config mistakes import warns about", () => {
  expect(sandboxes).toHaveLength(sources.repositories.length);
  const dir = makeSandbox("real-tsc");
  sandboxes.push(dir);
  const manifests = sources.repositories.map((repository, index) => ({ repository: repository.repository, file: join(sandboxes[index]!, "secrets.manifest.ts") }));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: join(REPO_ROOT, "tsconfig.base.json"), compilerOptions: { types: ["node"] }, files: manifests.map((m) => m.file) }));
  const result = spawnSync(join(CODEGEN_DIR, "node_modules/.bin/tsc"), ["-p", join(dir, "tsconfig.json"), "--pretty", "false"], { encoding: "utf8" });
  const errors = (result.stdout + result.stderr).split("\n").filter((line) => line.trim() !== "");
  const found = errors.map((line) => manifests.find((m) => line.includes(`${m.file.split("/").slice(-2).join("/")}(`))?.repository ?? line);
  expect(found).toEqual(KNOWN_TYPE_ERRORS.map((known) => known.repository));
  errors.forEach((line, index) => expect(line).toMatch(KNOWN_TYPE_ERRORS[index]!.message));
}, 120_000);
