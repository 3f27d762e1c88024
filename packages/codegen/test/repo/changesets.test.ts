// Releases: `changeset version` bumps and writes changelogs for the two published packages only.
import { afterEach, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { makeSandbox, removeSandbox, REPO_ROOT } from "../helpers/sandbox.ts";

let dir: string | undefined;
afterEach(() => dir && removeSandbox(dir));

it("versions @secrets-manifest/codegen and runtime with changelogs, and leaves the private apps alone", () => {
  dir = makeSandbox("changesets");
  for (const file of ["package.json", "pnpm-workspace.yaml", ".changeset"]) cpSync(join(REPO_ROOT, file), join(dir, file), { recursive: true });
  const packages = ["packages", "apps"].flatMap((parent) => readdirSync(join(REPO_ROOT, parent)).map((name) => `${parent}/${name}`));
  for (const pkg of packages) cpSync(join(REPO_ROOT, pkg, "package.json"), join(dir, pkg, "package.json"));
  const pending = readdirSync(join(dir, ".changeset")).filter((name) => name.endsWith(".md") && name !== "README.md");
  expect(pending.length, "the repository carries at least one changeset").toBeGreaterThan(0);

  const result = spawnSync(join(REPO_ROOT, "node_modules/.bin/changeset"), ["version"], { cwd: dir, encoding: "utf8" });
  expect(result.status, result.stderr).toBe(0);

  for (const pkg of ["packages/codegen", "packages/runtime"]) {
    const before = JSON.parse(readFileSync(join(REPO_ROOT, pkg, "package.json"), "utf8")).version;
    const after = JSON.parse(readFileSync(join(dir, pkg, "package.json"), "utf8")).version;
    expect(after).not.toBe(before);
    expect(readFileSync(join(dir, pkg, "CHANGELOG.md"), "utf8")).toMatch(new RegExp(`## ${after.replace(/\./g, "\\.")}`));
  }
  for (const app of packages.filter((pkg) => pkg.startsWith("apps/"))) {
    expect(existsSync(join(dir, app, "CHANGELOG.md")), app).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, app, "package.json"), "utf8")).version).toBe("0.0.0");
  }
  expect(readdirSync(join(dir, ".changeset")).filter((name) => pending.includes(name))).toEqual([]);
});
