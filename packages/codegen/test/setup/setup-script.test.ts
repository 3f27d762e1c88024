// scripts/setup.sh is the first README command: quiet when there is nothing to do, and a message a
// person can act on (not a stack trace) when it cannot proceed.
import { spawnSync } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { makeSandbox, removeSandbox, REPO_ROOT } from "../helpers/sandbox.ts";

const SETUP = join(REPO_ROOT, "scripts/setup.sh");

it("stops with a clear message when it may not write the install prefix", () => {
  // Only the system folders on PATH: no Node 24 and no pnpm, as on a fresh machine.
  const result = spawnSync("sh", [SETUP], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { PATH: "/usr/bin:/bin", HOME: process.env["HOME"] ?? "/root", SETUP_PREFIX: "/proc/secrets-manifest-forbidden" },
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/setup: cannot write to \/proc\/secrets-manifest-forbidden to install (Node\.js|pnpm)/);
  expect(result.stderr).toMatch(/fix: .*SETUP_PREFIX/);
  expect(result.stderr).not.toMatch(/^\s+at /m);
});

it("is idempotent and prints nothing when everything is in place", () => {
  const result = spawnSync("sh", [SETUP], { cwd: REPO_ROOT, encoding: "utf8", env: process.env });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(result.stdout).toBe("");
});

const sandboxes: string[] = [];
afterEach(() => {
  for (const dir of sandboxes.splice(0)) removeSandbox(dir);
});

/** A `node` first on PATH that reports `version` (this Node, with process.versions.node replaced). */
function nodeReporting(version: string): string {
  const bin = makeSandbox("setup-node");
  sandboxes.push(bin);
  writeFileSync(join(bin, "report-version.cjs"), `Object.defineProperty(process.versions, "node", { value: ${JSON.stringify(version)} });\n`);
  writeFileSync(join(bin, "node"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} --require ${JSON.stringify(join(bin, "report-version.cjs"))} "$@"\n`);
  chmodSync(join(bin, "node"), 0o755);
  return bin;
}

it.each([
  ["22.18.0", true],
  ["24.4.1", true],
  ["24.5.0", false],
  ["25.1.0", false],
])("with Node %s on PATH, installs Node 24 first: %s (the test suite needs 24.5)", (version, installsNode) => {
  // The install prefix cannot be written: the first thing setup would install names itself.
  const result = spawnSync("sh", [SETUP], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { PATH: `${nodeReporting(version)}:/usr/bin:/bin`, HOME: process.env["HOME"] ?? "/root", SETUP_PREFIX: "/proc/secrets-manifest-forbidden" },
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(installsNode ? /to install Node\.js 24\./ : /to install pnpm/);
});
