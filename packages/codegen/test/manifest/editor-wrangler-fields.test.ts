// defineManifest types Wrangler's own fields with Wrangler's types and checks environment names
// wherever the manifest names one. One tsc run over several manifests, each holding one case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CODEGEN_DIR, makeSandbox, removeSandbox } from "../helpers/sandbox.ts";

const header = `import { defineManifest } from "@secrets-manifest/codegen";
export default defineManifest({
  environments: {
    production: { accountId: "0123456789abcdef0123456789abcdef", storeId: "a1b2c3d4e5f60718293a4b5c6d7e8f90" },
    staging: { accountId: "0123456789abcdef0123456789abcdef", storeId: "a1b2c3d4e5f60718293a4b5c6d7e8f90", secretPrefix: "STAGING_" },
  },
  defaultEnvironment: "production",`;

const manifest = (secrets: string, worker: string) => `${header}
  secrets: { ${secrets} },
  workers: {
    api: {
      main: "src/index.ts",
      compatibilityDate: "2026-08-01",
      ${worker}
    },
  },
});
`;

const KEY = 'DATABASE_URL: { description: "db" }';

const cases = {
  valid: manifest(
    'DATABASE_URL: { description: "db", storeNames: { production: "DATABASE_URL_PROD" } }',
    `secrets: ["DATABASE_URL"],
      deployTo: ["staging"],
      configFile: "wrangler.jsonc",
      workers_dev: false,
      kv_namespaces: [{ binding: "CACHE", id: "0f1e2d3c4b5a69788796a5b4c3d2e1f0" }],
      durable_objects: { bindings: [{ name: "ROOM", class_name: "Room" }] },
      migrations: [{ tag: "v1", new_sqlite_classes: ["Room"] }],
      triggers: { crons: ["0 * * * *"] },
      keep_vars: true,
      vars: { FLAGS: { beta: true } },
      workerSecrets: { required: ["LEGACY_TOKEN"] },
      environments: { staging: { routes: ["api.example.com/*"], vars: { MODE: "staging" }, secrets: [] } },`,
  ),
  deployToUnknown: manifest(KEY, 'deployTo: ["stagin"],'),
  storeNamesUnknown: manifest('DATABASE_URL: { description: "db", storeNames: { prod: "X" } }', ""),
  environmentSecretUnknown: manifest(KEY, 'environments: { staging: { secrets: ["DATABASE_URI"] } },'),
  wranglerFieldMisspelt: manifest(KEY, 'kv_namespace: [{ binding: "CACHE", id: "x" }],'),
  wranglerFieldWrongType: manifest(KEY, 'workers_dev: "no",'),
  environmentFieldMisspelt: manifest(KEY, "environments: { staging: { worker_dev: false } },"),
  topLevelOnlyInEnvironment: manifest(KEY, "environments: { staging: { keep_vars: true } },"),
};

let dir: string;
let output: string;
beforeAll(() => {
  dir = makeSandbox("editor-wrangler");
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ extends: "../../tsconfig.base.json", compilerOptions: { types: ["node"] }, include: ["*.ts"] }),
  );
  for (const [name, source] of Object.entries(cases)) writeFileSync(join(dir, `${name}.ts`), source);
  const tsc = join(CODEGEN_DIR, "node_modules/.bin/tsc");
  output = spawnSync(tsc, ["-p", dir, "--pretty", "false"], { encoding: "utf8" }).stdout;
}, 300_000);
afterAll(() => removeSandbox(dir));

const errorsOf = (name: keyof typeof cases) => output.split("\n").filter((line) => line.includes(`/${name}.ts(`));
const lineOf = (name: keyof typeof cases, text: string) => cases[name].split("\n").findIndex((line) => line.includes(text)) + 1;

describe("defineManifest and Wrangler's fields", () => {
  it("accepts Wrangler's fields, deployTo, storeNames, configFile and workerSecrets", () => {
    expect(errorsOf("valid")).toEqual([]);
  });

  it.each([
    ["deployToUnknown", '"stagin"', /'"stagin"' is not assignable to type '"production" \| "staging"'/],
    ["storeNamesUnknown", "storeNames", /'prod' does not exist in type/],
    ["environmentSecretUnknown", '"DATABASE_URI"', /'"DATABASE_URI"' is not assignable to type '"DATABASE_URL"'/],
    ["wranglerFieldMisspelt", "kv_namespace:", /'kv_namespace' does not exist.*Did you mean to write 'kv_namespaces'\?/],
    ["wranglerFieldWrongType", "workers_dev", /Type 'string' is not assignable to type 'boolean( \| undefined)?'/],
    ["environmentFieldMisspelt", "worker_dev", /'worker_dev' does not exist.*Did you mean to write 'workers_dev'\?/],
    ["topLevelOnlyInEnvironment", "keep_vars", /'keep_vars' does not exist/],
  ] as const)("%s is an error on its line", (name, text, message) => {
    const errors = errorsOf(name);
    expect(errors.length, output).toBeGreaterThan(0);
    expect(errors[0]).toContain(`${name}.ts(${lineOf(name, text)},`);
    expect(errors.join("\n")).toMatch(message);
  });
});
