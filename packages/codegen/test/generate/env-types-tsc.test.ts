// `tsc --noEmit` over the generated Env files and code that uses them, under strict settings.
import { execFile } from "node:child_process";
import { realpath, rm, symlink, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderAll } from "../../src/generate/render-all.ts";
import { environmentInterfaceName } from "../../src/generate/env-types.ts";
import { expectedAggregateShape } from "./expect-model.ts";
import { BIN, FIXTURES, PACKAGE_DIR, loadFixture, makeTempDir, writeFiles } from "./support.ts";
import type { ResolvedManifest, ResolvedWorker } from "../../src/manifest/model.ts";

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
    verbatimModuleSyntax: true,
    allowImportingTsExtensions: true,
    noEmit: true,
    types: [],
  },
  include: ["**/*.ts"],
};

beforeAll(async () => {
  root = await makeTempDir("env-types-tsc");
  // The consumer resolves @cloudflare/workers-types exactly as an app next to packages/codegen would.
  const types = await realpath(join(PACKAGE_DIR, "node_modules/@cloudflare/workers-types"));
  await mkdir(join(root, "node_modules/@cloudflare"), { recursive: true });
  await symlink(types, join(root, "node_modules/@cloudflare/workers-types"), "dir");
  await writeFile(join(root, "package.json"), JSON.stringify({ type: "module", private: true }));
  await writeFile(join(root, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  for (const fixture of FIXTURES) {
    const manifest = await loadFixture(fixture);
    manifests.set(fixture.name, manifest);
    const files = renderAll(manifest).filter((file) => file.kind === "env-types");
    await writeFiles(join(root, fixture.name), files);
  }
});

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
      // `string:"x"` -> `"x"`; a JSON var's type is its JSON text already.
      const literal = member.types.map((type) => (/^[{[]/.test(type) ? type : type.slice(type.indexOf(":") + 1))).join(" | ");
      lines.push(`  const ${name}: ${literal}${member.optional ? " | undefined" : ""} = env.${name};`, `  seen.push(${name});`);
    }
  }
  lines.push("  return seen;", "}", "");
  // Each environment's bindings are a valid `Env`: code typed against Env runs in every environment.
  for (const name of names) lines.push(`export const from${name} = (env: ${name}): Env => env;`);
  return `${lines.filter((line, i, all) => line !== "" || all[i - 1] !== "").join("\n")}\n`;
}

describe.each(FIXTURES)("generated Env compiles: $name", (fixture) => {
  test("a strict consumer of every worker's Env type-checks", async () => {
    const manifest = manifests.get(fixture.name)!;
    const dir = join(root, fixture.name);
    for (const worker of manifest.workers) {
      await writeFile(join(dir, worker.dir, "src/consumer.ts"), consumerFor(worker, "./env.generated.ts"));
    }
    const project = join(dir, "tsconfig.json");
    await writeFile(project, JSON.stringify({ extends: "../tsconfig.json", include: ["**/*.ts"] }));
    const result = await tsc(project);
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
