// defineManifest's types make the commonest mistakes TypeScript errors in the manifest file itself.
import { afterAll, beforeAll, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BUNDLED_MANIFEST, CODEGEN_DIR, makeSandbox, removeSandbox } from "../helpers/sandbox.ts";

let dir: string;
beforeAll(() => {
  dir = makeSandbox("editor");
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ extends: "../../tsconfig.base.json", compilerOptions: { types: ["node"] }, include: ["*.ts"] }),
  );
});
afterAll(() => removeSandbox(dir));

function typecheck(source: string): { status: number; output: string; lines: string[] } {
  writeFileSync(join(dir, "secrets.manifest.ts"), source);
  const tsc = join(CODEGEN_DIR, "node_modules/.bin/tsc");
  const result = spawnSync(tsc, ["-p", dir, "--pretty", "false"], { encoding: "utf8" });
  return { status: result.status ?? -1, output: result.stdout, lines: source.split("\n") };
}

const bundled = readFileSync(BUNDLED_MANIFEST, "utf8");
const lineOf = (lines: string[], text: string) => lines.findIndex((line) => line.includes(text)) + 1;

it("the bundled manifest type-checks", () => {
  const result = typecheck(bundled);
  expect(result.output).toBe("");
  expect(result.status).toBe(0);
});

it("a worker listing an undeclared secret is an error on that line", () => {
  const result = typecheck(bundled.replace('secrets: ["OPENAI_API_KEY", ...gateway]', 'secrets: ["OPENAI_KEY", ...gateway]'));
  expect(result.status).not.toBe(0);
  expect(result.output).toContain(`secrets.manifest.ts(${lineOf(result.lines, '"OPENAI_KEY"')},`);
  expect(result.output).toMatch(/Type '"OPENAI_KEY"' is not assignable to type '[^']*"OPENAI_API_KEY"/);
});

it("a renamed binding to an undeclared secret is an error", () => {
  const result = typecheck(bundled.replace('secrets: ["OPENAI_API_KEY", ...gateway]', 'secrets: { OPENAI: "OPENAI_KEY" }'));
  expect(result.status).not.toBe(0);
  expect(result.output).toContain(`secrets.manifest.ts(${lineOf(result.lines, '"OPENAI_KEY"')},`);
  expect(result.output).toMatch(/"OPENAI_KEY"/);
});

it("a defaultEnvironment not among the environments is an error on that line", () => {
  const result = typecheck(bundled.replace('defaultEnvironment: "production"', 'defaultEnvironment: "prod"'));
  expect(result.status).not.toBe(0);
  expect(result.output).toContain(`secrets.manifest.ts(${lineOf(result.lines, 'defaultEnvironment: "prod"')},`);
  expect(result.output).toMatch(/Type '"prod"' is not assignable to type '"production" \| "staging"'/);
});

it("a worker's own account takes an id or null, per worker and per environment; anything else is an error on that line", () => {
  const ok = typecheck(
    bundled.replace(
      'openai: { ...proxy, name: "ai-openai", secrets: ["OPENAI_API_KEY", ...gateway] }',
      'openai: { ...proxy, name: "ai-openai", accountId: null, environments: { staging: { accountId: "fedcba9876543210fedcba9876543210" } }, secrets: ["OPENAI_API_KEY", ...gateway] }',
    ),
  );
  expect(ok.output).toBe("");
  const wrong = typecheck(bundled.replace('openai: { ...proxy, name: "ai-openai",', 'openai: { ...proxy, name: "ai-openai", accountId: 42,'));
  expect(wrong.status).not.toBe(0);
  expect(wrong.output).toContain(`secrets.manifest.ts(${lineOf(wrong.lines, "accountId: 42")},`);
  expect(wrong.output).toMatch(/Type 'number' is not assignable to type 'AccountOverride \| undefined'|Type 'number' is not assignable to type 'string'/);
});
