// The bin's Node.js gate: a Node that cannot strip TypeScript types gets one sentence and exit 1,
// never a stack trace; `engines` says the same. Type stripping is on by default from 22.18.0 and
// 23.6.0 (checked on those releases and on 22.17.1 and 23.5.0 from the npm registry's `node`
// package); `process.versions.node` is overridden here to play each version.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { BIN, CODEGEN_DIR } from "../helpers/sandbox.ts";

const packageJson = JSON.parse(readFileSync(join(CODEGEN_DIR, "package.json"), "utf8")) as { version: string; engines: { node: string } };

function runAs(version: string) {
  const play = `data:text/javascript,Object.defineProperty(process.versions,"node",{value:"${version}"})`;
  return spawnSync(process.execPath, ["--import", play, BIN, "--version"], { encoding: "utf8" });
}

it("engines states the Node.js versions that strip types by default", () => {
  expect(packageJson.engines.node).toBe("^22.18.0 || >=23.6.0");
});

it.each(["18.20.4", "20.20.2", "22.12.0", "22.17.1", "23.0.0", "23.5.0"])("Node %s gets a clear message and exit 1", (version) => {
  const result = runAs(version);
  expect(result.status).toBe(1);
  expect(result.stderr).toBe(
    `secrets-manifest needs Node.js 22.18 or later (23.6 or later on the 23 line) to load secrets.manifest.ts; this is Node.js ${version}.\n` +
      "  fix: install a current Node.js LTS (24 is the tested version), e.g. with your version manager or `npm i -g node@24`\n",
  );
  expect(result.stdout).toBe("");
});

it.each(["22.18.0", "23.6.0", "24.0.0", "25.1.0"])("Node %s runs the CLI", (version) => {
  const result = runAs(version);
  expect(result.stderr).toBe("");
  expect(result.stdout.trim()).toBe(packageJson.version);
  expect(result.status).toBe(0);
});
