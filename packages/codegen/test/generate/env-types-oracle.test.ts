// `wrangler types` as the oracle of the Env types: for configs covering every binding kind (the
// table fixtures in test/fixtures/env-types) and for every worker of every manifest fixture (its
// generated config), our interfaces per environment and aggregated have exactly Wrangler's keys and
// optionality, and each binding's type is mutually assignable with Wrangler's, checked by tsc both
// with @cloudflare/workers-types and with only the runtime types `wrangler types` generates.
import { cp, mkdir, readFile, readdir, realpath, rm, stat, symlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BINDING_KINDS } from "../../src/generate/binding-kinds.ts";
import { environmentInterfaceName, isBuildOutput, renderEnvTypes, type EnvTypesWorker } from "../../src/generate/env-types.ts";
import { renderEnvMembers } from "../../src/generate/env-members.ts";
import { renderAll } from "../../src/generate/render-all.ts";
import { BIN, FIXTURES, PACKAGE_DIR, loadFixture, makeTempDir, writeFiles } from "./support.ts";
import { CHECK_HELPERS, keyProblems, renderCheckFile, runChecks, type CheckFile, type Comparison } from "./oracle/compare-env.ts";
import { readInterfaceMembers, renderInterfaceModule, type InterfaceMembers, type MemberText } from "./oracle/interfaces.ts";
import { parseJsonc, readRawConfig, topLevelOf, workerFromRawConfig, type RawConfig } from "./oracle/raw-config.ts";
import { stubEntry } from "./oracle/stub-entry.ts";
import { runWranglerTypes, type TypesJob, type TypesResult } from "./oracle/wrangler-types.ts";

const TABLE_FIXTURES = join(PACKAGE_DIR, "test/fixtures/env-types");
const REAL_CONFIGS = join(PACKAGE_DIR, "test/fixtures/real-configs");

/** One worker: its config and our env types written under `dir`, compared with Wrangler's reading. */
interface Case {
  readonly name: string;
  readonly dir: string;
  /** Names this case's files in `dir`, which several configs may share: `oracle-<slug>/`, `check-<slug>.ts`. */
  readonly slug: string;
  /** The config Wrangler reads, relative to `dir`. */
  readonly wranglerConfig: string;
  readonly worker: EnvTypesWorker;
  readonly hasNamedEnvironments: boolean;
  full?: TypesResult;
  top?: TypesResult;
}

let root = "";
const cases: Case[] = [];
const checkFiles = new Map<string, CheckFile>();
const comparisons: Comparison[] = [];
const missing: string[] = [];

const COMPILER_OPTIONS = {
  target: "ES2023",
  lib: ["ES2023"],
  module: "ESNext",
  // Wrangler writes extensionless imports ("../src/index"), which only Bundler resolution accepts
  // (env-types-tsc.test.ts compiles ours under NodeNext).
  moduleResolution: "Bundler",
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  // Some real Workers' entries are JavaScript (`api/index.js`): both Wrangler's types and ours import them.
  allowJs: true,
};

async function addTableFixtures(): Promise<void> {
  for (const name of (await readdir(TABLE_FIXTURES)).sort()) {
    const dir = join(root, "table", name);
    await cp(join(TABLE_FIXTURES, name), dir, { recursive: true });
    await addRawConfig(`table/${name}`, dir, "wrangler.jsonc", { envTypesFile: "src/env.generated.ts", defaultEnvironment: "production" });
  }
}

/**
 * Real public configs (test/fixtures/real-configs, gathered for the importer), each read as written:
 * our types from its sections, Wrangler's from the file. Absent on a branch without them.
 */
async function addRealConfigs(): Promise<void> {
  const sources = join(REAL_CONFIGS, "sources.json");
  if (!(await stat(sources).catch(() => undefined))) return;
  const { repositories } = JSON.parse(await readFile(sources, "utf8")) as {
    repositories: { folder: string; files: (string | { path: string })[]; stubs?: string[] }[];
  };
  for (const repository of repositories) {
    const repoRoot = join(root, "real", repository.folder);
    await cp(join(REAL_CONFIGS, repository.folder), repoRoot, { recursive: true });
    // Files of the original repository that Wrangler checks for (Dockerfiles).
    await writeFiles(repoRoot, (repository.stubs ?? []).map((path) => ({ path, contents: "" })));
    for (const entry of repository.files) {
      const file = typeof entry === "string" ? entry : entry.path;
      const configFile = basename(file);
      // Several configs may share a folder: each gets its own Env types file.
      const envTypesFile = `env-types/${configFile.replace(/\.[a-z]+$/, "")}.ts`;
      await addRawConfig(`real/${repository.folder}/${file}`, join(repoRoot, dirname(file)), configFile, { envTypesFile, defaultEnvironment: "top-level" });
    }
  }
}

async function addRawConfig(name: string, dir: string, configFile: string, options: { envTypesFile: string; defaultEnvironment: string }): Promise<void> {
  const config = await readRawConfig(join(dir, configFile));
  const worker = workerFromRawConfig(config, { id: name, configFile, ...options });
  await writeFiles(dir, [{ path: worker.envTypesFile, contents: renderEnvTypes(worker, { manifestPath: "secrets.manifest.ts" }) }]);
  // A class Wrangler cannot find in the entry is only named in a comment: entries must export them.
  // A build output (dist/index.js) is not in the repository: as in a fresh checkout, it stays absent.
  for (const main of new Set(worker.environments.map((env) => env.config["main"] ?? worker.main).filter((main) => typeof main === "string"))) {
    if (isBuildOutput(main) || (await stat(join(dir, main)).catch(() => undefined))) continue;
    await writeFiles(dir, [{ path: main, contents: stubEntry(worker.environments.map((env) => env.config), main) }]);
  }
  await addCase(name, dir, worker, config);
}

async function addManifestFixtures(): Promise<void> {
  for (const fixture of FIXTURES) {
    const manifest = await loadFixture(fixture);
    const fixtureRoot = join(root, "manifests", fixture.name);
    await writeFiles(fixtureRoot, renderAll(manifest).filter((file) => file.kind === "wrangler-config" || file.kind === "env-types"));
    for (const worker of manifest.workers) {
      const dir = join(fixtureRoot, worker.dir);
      for (const main of new Set([worker.main, ...worker.environments.map((env) => String(env.config["main"] ?? worker.main))])) {
        await mkdir(dirname(join(dir, main)), { recursive: true });
        await writeFile(join(dir, main), stubEntry(worker.environments.map((env) => env.config), main));
      }
      const text = await readFile(join(dir, worker.configFile), "utf8");
      const config = (worker.configFormat === "toml" ? parseToml(text) : parseJsonc(text, worker.configFile)) as RawConfig;
      await addCase(`${fixture.name}/${worker.id}`, dir, worker, config);
    }
  }
}

async function addCase(name: string, dir: string, worker: EnvTypesWorker, config: RawConfig): Promise<void> {
  const hasNamedEnvironments = Object.keys(config.env ?? {}).length > 0;
  const slug = worker.configFile.replace(/\.[a-z]+$/, "");
  // Wrangler writes no interface for the top level of a config with environments: ask for it alone.
  if (hasNamedEnvironments) await writeFile(join(dir, `${slug}.top-level.json`), JSON.stringify(withoutBuild(topLevelOf(config)), null, 2));
  // A real repository's build command cannot run here, and Wrangler then cannot see the entry's exports.
  let wranglerConfig = worker.configFile;
  if (JSON.stringify(config) !== JSON.stringify(withoutBuild(config))) {
    wranglerConfig = `${slug}.without-build.json`;
    await writeFile(join(dir, wranglerConfig), JSON.stringify(withoutBuild(config), null, 2));
  }
  cases.push({ name, dir, slug, wranglerConfig, worker, hasNamedEnvironments });
}

function withoutBuild(config: RawConfig): RawConfig {
  const { build: _build, env, ...rest } = config;
  if (env === undefined) return rest;
  return { ...rest, env: Object.fromEntries(Object.entries(env).map(([name, { build: _b, ...section }]) => [name, section])) };
}

function jobsOf(item: Case): TypesJob[] {
  const full = { config: join(item.dir, item.wranglerConfig), path: join(item.dir, `oracle-${item.slug}/full.d.ts`) };
  const top = { config: join(item.dir, `${item.slug}.top-level.json`), path: join(item.dir, `oracle-${item.slug}/top.d.ts`) };
  return item.hasNamedEnvironments ? [full, top] : [full];
}

beforeAll(async () => {
  root = await makeTempDir("env-types-oracle");
  const types = await realpath(join(PACKAGE_DIR, "node_modules/@cloudflare/workers-types"));
  await mkdir(join(root, "node_modules/@cloudflare"), { recursive: true });
  await symlink(types, join(root, "node_modules/@cloudflare/workers-types"), "dir");
  await addTableFixtures();
  await addManifestFixtures();
  await addRealConfigs();

  const runtimeJob: TypesJob = { config: join(cases[0]!.dir, cases[0]!.worker.configFile), path: join(root, "runtime/worker-configuration.d.ts"), runtime: true };
  const results = await runWranglerTypes([...cases.flatMap(jobsOf), runtimeJob]);
  let next = 0;
  for (const item of cases) {
    item.full = results[next++];
    if (item.hasNamedEnvironments) item.top = results[next++];
  }
  const runtime = results[next]!;
  expect(runtime.error).toBeUndefined();
  await writeFiles(root, [{ path: "runtime/worker-configuration.d.ts", contents: runtime.text }, { path: "checks.ts", contents: CHECK_HELPERS }]);

  for (const item of cases) {
    if (!item.full?.ok || (item.hasNamedEnvironments && !item.top?.ok)) continue;
    const full = readInterfaceMembers(item.full.text);
    const top = item.top === undefined ? undefined : readInterfaceMembers(item.top.text);
    const ours = readInterfaceMembers(await readFile(join(item.dir, item.worker.envTypesFile), "utf8"));
    const list = compare(item, ours, full, top);
    comparisons.push(...list);
    const toRoot = "../".repeat(item.dir.slice(root.length + 1).split("/").length);
    const imports = [
      `import type * as Ours from "./${item.worker.envTypesFile}";`,
      `import type * as Full from "./oracle-${item.slug}/full.ts";`,
      ...(top === undefined ? [] : [`import type * as Top from "./oracle-${item.slug}/top.ts";`]),
      `import type { Check, Same } from "${toRoot}checks.ts";`,
    ];
    const file = renderCheckFile(imports, list);
    checkFiles.set(join(item.dir, `check-${item.slug}.ts`), file);
    await writeFiles(item.dir, [
      { path: `oracle-${item.slug}/full.ts`, contents: renderInterfaceModule(envInterfaces(full)) },
      ...(top === undefined ? [] : [{ path: `oracle-${item.slug}/top.ts`, contents: renderInterfaceModule(envInterfaces(top)) }]),
      { path: `check-${item.slug}.ts`, contents: file.text },
    ]);
  }
  const include = ["table/**/*.ts", "manifests/**/*.ts", "real/**/*.ts"];
  await writeFile(join(root, "tsconfig.workers-types.json"), JSON.stringify({ compilerOptions: { ...COMPILER_OPTIONS, types: ["@cloudflare/workers-types"] }, include }));
  await writeFile(
    join(root, "tsconfig.runtime.json"),
    JSON.stringify({ compilerOptions: { ...COMPILER_OPTIONS, types: [] }, include: [...include, "runtime/worker-configuration.d.ts"] }),
  );
}, 600_000);

afterAll(async () => {
  if (root !== "") await rm(root, { recursive: true, force: true });
});

/** Wrangler's `Env` and `Cloudflare.<Name>Env` interfaces, under the names ours use. */
function envInterfaces(members: InterfaceMembers): Map<string, Map<string, MemberText>> {
  return new Map([...members].filter(([name]) => name.endsWith("Env") && !name.startsWith("__")));
}

function compare(item: Case, ours: InterfaceMembers, full: InterfaceMembers, top: InterfaceMembers | undefined): Comparison[] {
  const list: Comparison[] = [];
  const add = (oursName: string, theirsModule: "Full" | "Top", theirsName: string): void => {
    const theirs = (theirsModule === "Top" ? top : full)?.get(theirsName);
    const label = `${item.name} ${oursName} (Wrangler's ${theirsModule === "Top" ? "top-level " : ""}${theirsName})`;
    if (theirs === undefined || !ours.has(oursName)) missing.push(`${label}: ${theirs === undefined ? "Wrangler's" : "our"} interface is missing`);
    list.push({ label, ours: ours.get(oursName) ?? new Map(), theirs: theirs ?? new Map(), oursRef: `Ours.${oursName}`, theirsRef: `${theirsModule}.${theirsName}` });
  };
  for (const env of item.worker.environments) {
    const name = environmentInterfaceName(env.environment);
    if (!env.isDefault) add(name, "Full", name);
    else add(name, top === undefined ? "Full" : "Top", "Env");
  }
  add("Env", "Full", "Env");
  return list;
}

describe("wrangler types as the oracle of the Env types", () => {
  test("Wrangler reads every config: the table fixtures and every manifest fixture's workers", () => {
    expect(cases.flatMap((item) => [item.full, item.top].filter((r) => r !== undefined && !r.ok).map((r) => `${item.name}: ${r!.error}`))).toEqual([]);
    expect(cases.filter((item) => item.name.startsWith("table/")).map((item) => item.name)).toEqual(["table/built", "table/catalog", "table/storefront"]);
    const sources = new Set(cases.map((item) => item.name.split("/")[0]));
    for (const source of ["table", ...FIXTURES.map((fixture) => fixture.name)]) expect(sources).toContain(source);
  });

  test("every environment and the aggregate Env have exactly Wrangler's keys, optional where Wrangler's are", () => {
    const expected = cases.reduce((sum, item) => sum + item.worker.environments.length + 1, 0);
    expect(comparisons.length).toBe(expected);
    expect([...missing, ...comparisons.flatMap(keyProblems)]).toEqual([]);
  });

  test("each binding's type is mutually assignable with Wrangler's, with @cloudflare/workers-types", async () => {
    const result = await runChecks({ tsc: BIN("tsc"), root, project: join(root, "tsconfig.workers-types.json"), checkFiles });
    expect(result.problems).toEqual([]);
  });

  test("and with only the runtime types `wrangler types` generates", async () => {
    const result = await runChecks({ tsc: BIN("tsc"), root, project: join(root, "tsconfig.runtime.json"), checkFiles });
    expect(result.problems).toEqual([]);
  });

  test("every row of the table is exercised by a table fixture", () => {
    const fields = new Set(
      cases
        .filter((item) => item.name.startsWith("table/"))
        .flatMap((item) => item.worker.environments.flatMap((env) => renderEnvMembers(env.config, { mainModule: "./index.ts", topLevelName: "x" })))
        .map((member) => member.field),
    );
    expect(BINDING_KINDS.map((kind) => kind.field).filter((field) => !fields.has(field))).toEqual([]);
  });
});
