// `tsc --noEmit` over the generated Env files and code that uses them, under strict settings, in both
// type setups a Workers project can have: @cloudflare/workers-types in tsconfig `types`, or only the
// runtime types `wrangler types` generates (worker-configuration.d.ts). The generated files import
// neither. The binding-table fixtures (test/fixtures/env-types) check the main-module imports under
// NodeNext resolution, which needs the extension the generated file keeps.
import { execFile } from "node:child_process";
import { cp, readdir, realpath, rm, symlink, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderAll } from "../../src/generate/render-all.ts";
import { environmentInterfaceName, renderEnvTypes } from "../../src/generate/env-types.ts";
import { expectedAggregateShape } from "./expect-model.ts";
import { BIN, FIXTURES, PACKAGE_DIR, loadFixture, makeTempDir, writeFiles } from "./support.ts";
import type { ResolvedManifest, ResolvedWorker } from "../../src/manifest/model.ts";
import { readRawConfig, workerFromRawConfig } from "./oracle/raw-config.ts";
import { runWranglerTypes } from "./oracle/wrangler-types.ts";
import { stubEntry } from "./oracle/stub-entry.ts";

const run = promisify(execFile);
let root = "";
const manifests = new Map<string, ResolvedManifest>();

const TSCONFIG = {
  compilerOptions: {
    target: "ES2023",
    lib: ["ES2023"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    // As in the repository and in the projects `wrangler types` sets up: its runtime types do not pass
    // a strict NodeNext check of their own (an `export =` in an ambient module).
    skipLibCheck: true,
    verbatimModuleSyntax: true,
    allowImportingTsExtensions: true,
    noEmit: true,
  },
};

const TABLE_FIXTURES = join(PACKAGE_DIR, "test/fixtures/env-types");
const RUNTIME_TYPES = "runtime/worker-configuration.d.ts";

/** The two setups; each compiles every fixture at once. */
const SETUPS = [
  { name: "@cloudflare/workers-types", project: "tsconfig.workers-types.json", types: ["@cloudflare/workers-types"], extra: [] },
  { name: "runtime types of `wrangler types` only", project: "tsconfig.runtime.json", types: [], extra: [RUNTIME_TYPES] },
] as const;

beforeAll(async () => {
  root = await makeTempDir("env-types-tsc");
  // The consumer resolves @cloudflare/workers-types exactly as an app next to packages/codegen would.
  const types = await realpath(join(PACKAGE_DIR, "node_modules/@cloudflare/workers-types"));
  await mkdir(join(root, "node_modules/@cloudflare"), { recursive: true });
  await symlink(types, join(root, "node_modules/@cloudflare/workers-types"), "dir");
  await writeFile(join(root, "package.json"), JSON.stringify({ type: "module", private: true }));
  await writeFile(join(root, "tsconfig.json"), JSON.stringify({ ...TSCONFIG, compilerOptions: { ...TSCONFIG.compilerOptions, types: ["@cloudflare/workers-types"] } }, null, 2));
  for (const setup of SETUPS) {
    const compilerOptions = { ...TSCONFIG.compilerOptions, types: setup.types };
    await writeFile(join(root, setup.project), JSON.stringify({ compilerOptions, include: ["fixtures/**/*.ts", ...setup.extra] }, null, 2));
  }
  for (const fixture of FIXTURES) {
    const manifest = await loadFixture(fixture);
    manifests.set(fixture.name, manifest);
    const files = renderAll(manifest).filter((file) => file.kind === "env-types");
    await writeFiles(join(root, "fixtures", fixture.name), files);
    for (const worker of manifest.workers) {
      const dir = join(root, "fixtures", fixture.name, worker.dir);
      await writeFile(join(dir, "src/consumer.ts"), consumerFor(worker, "./env.generated.ts"));
      // The main module the Env types import Durable Object and workflow classes from.
      await mkdir(dirname(join(dir, worker.main)), { recursive: true });
      await writeFile(join(dir, worker.main), stubEntry(worker.environments.map((env) => env.config), worker.main));
    }
  }
  for (const name of await readdir(TABLE_FIXTURES)) {
    const dir = join(root, "fixtures/env-types", name);
    await cp(join(TABLE_FIXTURES, name), dir, { recursive: true });
    const config = await readRawConfig(join(dir, "wrangler.jsonc"));
    const worker = workerFromRawConfig(config, { id: name, configFile: "wrangler.jsonc", envTypesFile: "src/env.generated.ts", defaultEnvironment: "production" });
    await mkdir(join(dir, "src"), { recursive: true });
    await writeFile(join(dir, "src/env.generated.ts"), renderEnvTypes(worker, { manifestPath: "secrets.manifest.ts" }));
  }
  const [runtime] = await runWranglerTypes([
    { config: join(root, "fixtures/env-types/catalog/wrangler.jsonc"), path: join(root, RUNTIME_TYPES), runtime: true },
  ]);
  expect(runtime!.error).toBeUndefined();
  await mkdir(join(root, "runtime"), { recursive: true });
  await writeFile(join(root, RUNTIME_TYPES), runtime!.text);
}, 180_000);

afterAll(async () => {
  if (root !== "") await rm(root, { recursive: true, force: true });
});

async function tsc(project: string): Promise<{ ok: boolean; output: string }> {
  try {
    await run(BIN("tsc"), ["-p", project, "--pretty", "false"], { cwd: root });
    return { ok: true, output: "" };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failure.stdout ?? ""}${failure.stderr ?? ""}` };
  }
}

/** Code a worker author would write: every binding read, every var narrowed to its literal. */
function consumerFor(worker: ResolvedWorker, importPath: string): string {
  const aggregate = expectedAggregateShape(worker);
  const names = worker.environments.map((env) => environmentInterfaceName(env.environment));
  const lines = [
    `import type { Env, EnvironmentName, ${names.join(", ")} } from ${JSON.stringify(importPath)};`,
    "",
    `export const environments: EnvironmentName[] = [${worker.environments.map((env) => JSON.stringify(env.environment)).join(", ")}];`,
    "export async function use(env: Env): Promise<unknown[]> {",
    "  const seen: unknown[] = [];",
  ];
  for (const [name, member] of aggregate) {
    if (member.types.includes("SecretsStoreSecret")) {
      lines.push(member.optional ? `  seen.push(await env.${name}?.get());` : `  const ${name}: string = await env.${name}.get();`, member.optional ? "" : `  seen.push(${name});`);
    } else {
      // canonicalVar's `string:"x"`, `number:3`, `boolean:true`; JSON vars and `string` are their own text.
      const literal = member.types.map((type) => type.replace(/^(?:string|number|boolean):/, "")).join(" | ");
      lines.push(`  const ${name}: ${literal}${member.optional ? " | undefined" : ""} = env.${name};`, `  seen.push(${name});`);
    }
  }
  lines.push("  return seen;", "}", "");
  // Each environment's bindings are a valid `Env`: code typed against Env runs in every environment.
  for (const name of names) lines.push(`export const from${name} = (env: ${name}): Env => env;`);
  return `${lines.filter((line, i, all) => line !== "" || all[i - 1] !== "").join("\n")}\n`;
}

describe.each(SETUPS)("generated Env compiles with $name", (setup) => {
  test("a strict consumer of every worker's Env, and every binding kind's Env, type-check", async () => {
    const result = await tsc(join(root, setup.project));
    expect(result.output).toBe("");
    expect(result.ok).toBe(true);
  });
});

test("reading a binding the worker does not have is a compile error naming it", async () => {
  const manifest = manifests.get("bundled")!;
  const openai = manifest.workers.find((worker) => worker.id === "openai")!;
  const dir = join(root, "negative");
  await writeFiles(dir, renderAll(manifest).filter((file) => file.worker === "openai" && file.kind === "env-types"));
  await writeFile(
    join(dir, openai.dir, "src/wrong.ts"),
    [
      'import type { Env, StagingEnv } from "./env.generated.ts";',
      "export const key = (env: Env) => env.ANTHROPIC_API_KEY.get();",
      'export const url: "https://example.com" = ({} as StagingEnv).AI_GATEWAY_BASE_URL;',
      "",
    ].join("\n"),
  );
  const project = join(dir, "tsconfig.json");
  await writeFile(project, JSON.stringify({ extends: "../tsconfig.json", include: ["**/*.ts"] }));
  const result = await tsc(project);
  expect(result.ok).toBe(false);
  expect(result.output).toMatch(/Property 'ANTHROPIC_API_KEY' does not exist on type 'Env'/);
  expect(result.output).toMatch(/"https:\/\/gateway\.ai\.cloudflare\.com\/v1"/);
});
