// Where a path under the output root really leads, with real symlinks.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createEscapeFinder, findEscape } from "../../src/write/inside-root.ts";

const base = realpathSync(mkdtempSync(join(tmpdir(), "inside-root-")));
const root = join(base, "repo");
const outside = join(base, "elsewhere");
mkdirSync(join(root, "apps/a/src"), { recursive: true });
mkdirSync(join(root, "apps/inner"), { recursive: true });
mkdirSync(outside);
writeFileSync(join(outside, "target.toml"), "x");
symlinkSync(outside, join(root, "apps/linked"));
symlinkSync(join(outside, "target.toml"), join(root, "apps/a/wrangler-a.toml"));
symlinkSync(join(root, "apps/inner"), join(root, "apps/alias"));
symlinkSync(join(outside, "missing"), join(root, "apps/dangling"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("findEscape", () => {
  it.each([
    ["apps/a/src/env.generated.ts", undefined],
    ["apps/new/src/env.generated.ts", undefined],
    ["apps/alias/wrangler-alias.toml", undefined],
    ["apps/linked/wrangler-linked.toml", join(outside, "wrangler-linked.toml")],
    ["apps/linked/src/env.generated.ts", join(outside, "src/env.generated.ts")],
    ["apps/a/wrangler-a.toml", join(outside, "target.toml")],
  ])("%s -> %s", (path, expected) => {
    expect(findEscape(root, path)).toBe(expected);
    expect(createEscapeFinder(root)(path)).toBe(expected);
  });

  it("a dangling link is replaced, not followed: it stays inside", () => {
    expect(findEscape(root, "apps/dangling")).toBeUndefined();
  });
});

describe("an output root that does not exist yet", () => {
  it("is where generate creates it: every path under it stays inside", () => {
    const fresh = join(base, "not-yet", "out");
    expect(findEscape(fresh, "apps/a/wrangler-a.toml")).toBeUndefined();
    expect(createEscapeFinder(fresh)("provision/production.remote.sh")).toBeUndefined();
  });

  it("under a symlinked parent, is judged where the link leads", () => {
    const viaLink = join(root, "apps/linked", "new-root");
    expect(findEscape(viaLink, "apps/a/wrangler-a.toml")).toBeUndefined();
  });
});
