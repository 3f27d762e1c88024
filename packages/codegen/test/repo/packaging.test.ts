// Fast checks behind the packages check (scripts/check-packages.ts, run by CI): the published entry
// points match the workspace's, the tarball rules catch what must not ship, and the README's quick
// start is laid out the way the check runs it.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseQuickStart, withTarballs } from "../../../../scripts/check-packages/readme-steps.ts";
import { checkTarball, entryPoints } from "../../../../scripts/check-packages/tarball-contents.ts";
import { REPO_ROOT } from "../helpers/sandbox.ts";

interface PackageJson {
  name: string;
  exports: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
  publishConfig: { main: string; types: string; exports: Record<string, { types: string; default: string }> };
}

describe.each(["packages/codegen", "packages/runtime"])("%s", (dir) => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, dir, "package.json"), "utf8")) as PackageJson;

  it("publishes for every workspace export the build of the same source file", () => {
    expect(Object.keys(pkg.publishConfig.exports)).toEqual(Object.keys(pkg.exports));
    for (const [key, source] of Object.entries(pkg.exports)) {
      const built = source.replace(/^\.\/src\//, "./dist/").replace(/\.ts$/, "");
      expect(pkg.publishConfig.exports[key], key).toEqual({ types: `${built}.d.ts`, default: `${built}.js` });
      expect(existsSync(join(REPO_ROOT, dir, source)), source).toBe(true);
    }
    expect(pkg.publishConfig.main).toBe(pkg.publishConfig.exports["."]!.default);
    expect(pkg.publishConfig.types).toBe(pkg.publishConfig.exports["."]!.types);
  });

  it("builds dist before packing and ships no sources", () => {
    expect(pkg.scripts["prepack"]).toMatch(/rmSync\('dist'.*&& tsc -p tsconfig\.build\.json$/);
    expect(pkg.files).not.toContain("src");
    expect(pkg.files).toContain("dist");
  });
});

describe("tarball rules", () => {
  const manifest = { name: "x", main: "./dist/index.js", types: "./dist/index.d.ts", bin: { x: "./bin/x.js" }, exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } } };
  const good = ["package.json", "README.md", "LICENSE", "bin/x.js", "dist/index.js", "dist/index.d.ts"];

  it("accepts a package of its build, bin and README", () => {
    expect(checkTarball({ name: "x", files: good, manifest })).toEqual([]);
    expect(entryPoints(manifest).map(([field]) => field)).toEqual(["main", "types", "bin.x", 'exports["."].types', 'exports["."].default']);
  });

  it.each([
    ["a missing build", good.filter((file) => file !== "dist/index.js"), /dist\/index\.js is missing \(package.json main points at it\)/],
    ["no README", good.filter((file) => file !== "README.md"), /README\.md is missing/],
    ["no licence text", good.filter((file) => file !== "LICENSE"), /LICENSE is missing/],
    ["sources", [...good, "src/index.ts"], /src\/index\.ts must not be published/],
    ["tests", [...good, "dist/index.test.js", "dist/index.test.d.ts"], /dist\/index\.test\.js must not be published \(a test file\)/],
    ["source maps", [...good, "dist/index.js.map"], /dist\/index\.js\.map must not be published/],
    ["a build without types", [...good, "dist/extra.js"], /dist\/extra\.js has no \.d\.ts/],
    ["tool configs", [...good, "tsconfig.build.json"], /tsconfig\.build\.json must not be published/],
  ])("reports %s", (_what, files, problem) => {
    expect(checkTarball({ name: "x", files, manifest }).join("\n")).toMatch(problem);
  });

  it("reports entry points into src/ and workspace ranges", () => {
    const problems = checkTarball({ name: "x", files: good, manifest: { ...manifest, exports: { ".": "./src/index.ts" }, dependencies: { y: "workspace:*" } } });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/points into src/), expect.stringMatching(/workspace: range/)]));
  });
});

describe("the README's quick start for an existing repository", () => {
  const steps = parseQuickStart(readFileSync(join(REPO_ROOT, "README.md"), "utf8"));

  it("installs both packages, imports the configs, generates, then proves the Worker", () => {
    const commands = steps.flatMap((step) => ("run" in step ? [step.run] : []));
    expect(commands).toEqual([
      "npm install --save-dev @secrets-manifest/codegen",
      "npm install @secrets-manifest/runtime",
      "npx secrets-manifest import workers/*/wrangler.toml",
      "npx secrets-manifest generate --force",
      "npx wrangler deploy --dry-run -c workers/hello/wrangler.toml",
      "npx tsc --noEmit",
      "npx secrets-manifest audit",
    ]);
    expect(steps.flatMap((step) => ("write" in step ? [step.write] : []))).toEqual(["workers/hello/src/index.ts"]);
  });

  it("installs the packed tarballs in place of the registry's packages", () => {
    const tarballs = new Map([["@secrets-manifest/codegen", "/tmp/c.tgz"]]);
    expect(withTarballs("npm install --save-dev @secrets-manifest/codegen", tarballs)).toBe("npm install --save-dev '/tmp/c.tgz'");
    expect(withTarballs("npx secrets-manifest generate", tarballs)).toBe("npx secrets-manifest generate");
  });
});
