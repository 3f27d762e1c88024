// scripts/setup.sh is the first README command: quiet when there is nothing to do, and a message a
// person can act on (not a stack trace) when it cannot proceed.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/sandbox.ts";

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
