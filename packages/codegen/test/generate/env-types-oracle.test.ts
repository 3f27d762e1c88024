// `wrangler types` as the oracle of the binding table: for realistic configs covering every binding
// kind, our Env interfaces (per environment and aggregated) have exactly Wrangler's keys and
// optionality, and each binding's type is mutually assignable with Wrangler's, checked by tsc both
// with @cloudflare/workers-types and with only the runtime types `wrangler types` generates.
import { cp, mkdir, readFile, readdir, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BINDING_KINDS } from "../../src/generate/binding-kinds.ts";
import { environmentInterfaceName, renderEnvTypes, type EnvTypesWorker } from "../../src/generate/env-types.ts";
import { renderEnvMembers } from "../../src/generate/env-members.ts";
import { BIN, PACKAGE_DIR, makeTempDir } from "./support.ts";
import { CHECK_HELPERS, keyProblems, renderCheckFile, runChecks, type CheckFile, type Comparison } from "./oracle/compare-env.ts";
import { readInterfaceMembers, renderInterfaceModule, type InterfaceMembers } from "./oracle/interfaces.ts";
import { readRawConfig, topLevelOf, workerFromRawConfig } from "./oracle/raw-config.ts";
import { runWranglerTypes, type TypesJob, type TypesResult } from "./oracle/wrangler-types.ts";

const FIXTURE_DIR = join(PACKAGE_DIR, "test/fixtures/env-types");
const CONFIG_FILE = "wrangler.jsonc";
const TOP_CONFIG_FILE = "wrangler.top-level.json";
const ENV_TYPES_FILE = "src/env.generated.ts";
const DEFAULT_ENVIRONMENT = "production";

interface Case {
  readonly name: string;
  readonly dir: string;
  readonly worker: EnvTypesWorker;
  readonly hasNamedEnvironments: boolean;
  full?: TypesResult;
  top?: TypesResult;
}

let root = "";
const cases: Case[] = [];
const checkFiles = new Map<string, CheckFile>();
const comparisons = new Map<string, Comparison[]>();

const COMPILER_OPTIONS = {
  target: "ES2023",
  lib: ["ES2023"],
  module: "ESNext",
  // Wrangler writes extensionless imports ("../src/index"), which only Bundler resolution accepts.
  moduleResolution: "Bundler",
  strict: true,
  noEmit: true,
  skipLibCheck: true,
};

beforeAll(async () => {
  root = await makeTempDir("env-types-oracle");
  const types = await realpath(join(PACKAGE_DIR, "node_modules/@cloudflare/workers-types"));
  await mkdir(join(root, "node_modules/@cloudflare"), { recursive: true });
  await symlink(types, join(root, "node_modules/@cloudflare/workers-types"), "dir");

  const jobs: TypesJob[] = [];
  for (const name of (await readdir(FIXTURE_DIR)).sort()) {
    const dir = join(root, name);
    await cp(join(FIXTURE_DIR, name), dir, { recursive: true });
    const config = await readRawConfig(join(dir, CONFIG_FILE));
    const worker = workerFromRawConfig(config, { id: name, configFile: CONFIG_FILE, envTypesFile: ENV_TYPES_FILE, defaultEnvironment: DEFAULT_ENVIRONMENT });
    await mkdir(join(dir, "src"), { recursive: true });
    await writeFile(join(dir, ENV_TYPES_FILE), renderEnvTypes(worker, { manifestPath: "secrets.manifest.ts" }));
    const hasNamedEnvironments = Object.keys(config.env ?? {}).length > 0;
    cases.push({ name, dir, worker, hasNamedEnvironments });
    jobs.push({ config: join(dir, CONFIG_FILE), path: join(dir, "oracle/full.d.ts") });
    if (hasNamedEnvironments) {
      // Wrangler writes no interface for the top level of a config with environments: ask for it alone.
      await writeFile(join(dir, TOP_CONFIG_FILE), JSON.stringify(topLevelOf(config), null, 2));
      jobs.push({ config: join(dir, TOP_CONFIG_FILE), path: join(dir, "oracle/top.d.ts") });
    }
  }
  jobs.push({ config: join(cases[0]!.dir, CONFIG_FILE), path: join(root, "runtime/worker-configuration.d.ts"), runtime: true });

  const results = await runWranglerTypes(jobs);
  let next = 0;
  for (const item of cases) {
    item.full = results[next++];
    if (item.hasNamedEnvironments) item.top = results[next++];
  }
  const runtime = results[next]!;
  expect(runtime.error).toBeUndefined();
  await mkdir(join(root, "runtime"), { recursive: true });
  await writeFile(join(root, "runtime/worker-configuration.d.ts"), runtime.text);

  await writeFile(join(root, "checks.ts"), CHECK_HELPERS);
  for (const item of cases) {
    if (!item.full?.ok || (item.hasNamedEnvironments && !item.top?.ok)) continue;
    const full = readInterfaceMembers(item.full.text);
    const top = item.top === undefined ? undefined : readInterfaceMembers(item.top.text);
    await mkdir(join(item.dir, "oracle"), { recursive: true });
    await writeFile(join(item.dir, "oracle/full.ts"), renderInterfaceModule(envInterfaces(full)));
    if (top !== undefined) await writeFile(join(item.dir, "oracle/top.ts"), renderInterfaceModule(envInterfaces(top)));
    const ours = readInterfaceMembers(await readFile(join(item.dir, ENV_TYPES_FILE), "utf8"));
    const list = compare(item, ours, full, top);
    comparisons.set(item.name, list);
    const imports = [
      `import type * as Ours from "./src/env.generated.ts";`,
      `import type * as Full from "./oracle/full.ts";`,
      ...(top === undefined ? [] : [`import type * as Top from "./oracle/top.ts";`]),
      `import type { Check, Same } from "../checks.ts";`,
    ];
    const file = renderCheckFile(imports, list);
    checkFiles.set(join(item.dir, "check.ts"), file);
    await writeFile(join(item.dir, "check.ts"), file.text);
  }
  const include = cases.map((item) => `${item.name}/**/*.ts`);
  await writeFile(join(root, "tsconfig.workers-types.json"), JSON.stringify({ compilerOptions: { ...COMPILER_OPTIONS, types: ["@cloudflare/workers-types"] }, include }));
  await writeFile(
    join(root, "tsconfig.runtime.json"),
    JSON.stringify({ compilerOptions: { ...COMPILER_OPTIONS, types: [] }, include: [...include, "runtime/worker-configuration.d.ts"] }),
  );
}, 240_000);

afterAll(async () => {
  if (root !== "") await rm(root, { recursive: true, force: true });
});

/** Wrangler's `Env` and `Cloudflare.<Name>Env` interfaces, under the names ours use. */
function envInterfaces(members: InterfaceMembers): Map<string, Map<string, import("./oracle/interfaces.ts").MemberText>> {
  return new Map([...members].filter(([name]) => name === "Env" || (name.endsWith("Env") && !name.startsWith("__"))));
}

function compare(item: Case, ours: InterfaceMembers, full: InterfaceMembers, top: InterfaceMembers | undefined): Comparison[] {
  const list: Comparison[] = [];
  const add = (oursName: string, theirsModule: "Full" | "Top", theirs: InterfaceMembers, theirsName: string): void => {
    list.push({
      label: `${item.name} ${oursName} (Wrangler's ${theirsModule === "Top" ? "top-level " : ""}${theirsName})`,
      ours: ours.get(oursName) ?? new Map(),
      theirs: theirs.get(theirsName) ?? new Map(),
      oursRef: `Ours.${oursName}`,
      theirsRef: `${theirsModule}.${theirsName}`,
    });
  };
  for (const env of item.worker.environments) {
    const name = environmentInterfaceName(env.environment);
    if (env.isDefault) add(name, top === undefined ? "Full" : "Top", top ?? full, "Env");
    else add(name, "Full", full, name);
  }
  add("Env", "Full", full, "Env");
  return list;
}

describe("wrangler types as the oracle of the binding table", () => {
  test("Wrangler accepts every fixture config", () => {
    for (const item of cases) {
      expect(item.full?.error, item.name).toBeUndefined();
      expect(item.top?.error, item.name).toBeUndefined();
    }
    expect(cases.map((item) => item.name)).toEqual(["catalog", "storefront"]);
  });

  test("every environment and the aggregate Env have exactly Wrangler's keys, optional where Wrangler's are", () => {
    const all = [...comparisons.values()].flat();
    expect(all.length).toBe(6);
    for (const comparison of all) expect(comparison.theirs.size, comparison.label).toBeGreaterThan(0);
    expect(all.flatMap(keyProblems)).toEqual([]);
  });

  test("each binding's type is mutually assignable with Wrangler's, with @cloudflare/workers-types", async () => {
    const result = await runChecks({ tsc: BIN("tsc"), root, project: join(root, "tsconfig.workers-types.json"), checkFiles });
    expect(result.problems).toEqual([]);
  });

  test("and with only the runtime types `wrangler types` generates", async () => {
    const result = await runChecks({ tsc: BIN("tsc"), root, project: join(root, "tsconfig.runtime.json"), checkFiles });
    expect(result.problems).toEqual([]);
  });

  test("every row of the table is exercised by a fixture", () => {
    const fields = new Set(
      cases.flatMap((item) =>
        item.worker.environments.flatMap((env) => renderEnvMembers(env.config, { mainModule: "./index.ts", topLevelName: "x" }).map((m) => m.field)),
      ),
    );
    expect(BINDING_KINDS.map((kind) => kind.field).filter((field) => !fields.has(field))).toEqual([]);
  });
});
