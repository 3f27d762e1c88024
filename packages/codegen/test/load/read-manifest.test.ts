// Loading the manifest where users keep it: a project whose package.json says "type": "commonjs"
// (npm init's default), and a folder where `@secrets-manifest/codegen` is not installed.
import { afterEach, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyBundledManifest, makeSandbox, removeSandbox, runCli } from "../helpers/sandbox.ts";

let dir: string | undefined;
afterEach(() => dir && removeSandbox(dir));

it("loads a TypeScript manifest in a CommonJS project as the ES module it is", () => {
  dir = makeSandbox("commonjs");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "existing", type: "commonjs" }));
  copyBundledManifest(dir);
  const result = runCli(["matrix", "--format", "json"], { cwd: dir });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(JSON.parse(result.stdout)).toHaveProperty("environments");
});

it("says what to install when the manifest's import of @secrets-manifest/codegen does not resolve", () => {
  // Outside the repository, so no node_modules above it holds the package.
  dir = mkdtempSync(join(tmpdir(), "secrets-manifest-lonely-"));
  copyBundledManifest(dir);
  const result = runCli(["generate"], { cwd: dir });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(`Cannot load the manifest ${join(dir, "secrets.manifest.ts")}`);
  expect(result.stderr).toContain(`The manifest imports "@secrets-manifest/codegen", which is not installed where the manifest is (${dir}).`);
  expect(result.stderr).toContain("fix: install it in that project: npm install --save-dev @secrets-manifest/codegen");
  expect(result.stderr).not.toMatch(/^\s+at /m);
});
