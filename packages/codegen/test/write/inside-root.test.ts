// Where a path under the output root really leads, with real symlinks.
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createEscapeFinder, findEscape, OutsideRootError } from "../../src/write/inside-root.ts";
import { applyWrites } from "../../src/write/apply-writes.ts";
import type { WritePlan } from "../../src/write/plan-writes.ts";

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

describe("applyWrites checks again just before each write and delete", () => {
  // A folder replaced by a link between planning and writing (another process, a checkout).
  it("refuses a write or a delete whose folder became a link out of the root after planning", () => {
    const late = join(base, "late");
    const lateOutside = join(base, "late-outside");
    mkdirSync(join(late, "apps/x"), { recursive: true });
    mkdirSync(lateOutside);
    writeFileSync(join(lateOutside, "old.toml"), "outside");
    const plan: WritePlan = {
      root: late,
      changes: [
        { path: "apps/x/old.toml", kind: "wrangler-config", action: "delete" },
        { path: "apps/x/wrangler-x.toml", kind: "wrangler-config", action: "create", next: "generated" },
      ],
      conflicts: [],
      leftovers: [],
    };
    rmSync(join(late, "apps/x"), { recursive: true });
    symlinkSync(lateOutside, join(late, "apps/x"));
    expect(() => applyWrites(plan)).toThrow(OutsideRootError);
    expect(readdirSync(lateOutside)).toEqual(["old.toml"]);
    expect(() => applyWrites({ ...plan, changes: [plan.changes[1]!] })).toThrow(OutsideRootError);
    expect(readdirSync(lateOutside)).toEqual(["old.toml"]);
  });
});
