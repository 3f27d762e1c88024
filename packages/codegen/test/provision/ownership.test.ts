import { describe, expect, it } from "vitest";
import { validateManifest } from "../../src/manifest/validate.ts";
import { planLocalTargets, planOwnership } from "../../src/provision/desired.ts";

const id = (c: string) => c.repeat(32);
const result = validateManifest(
  {
    environments: {
      production: { accountId: id("a"), storeId: id("b") },
      staging: { accountId: id("a"), storeId: id("b"), secretPrefix: "STAGING_" },
      preview: { accountId: id("a"), storeId: id("b"), secretPrefix: "STAGING_PR_" },
      other: { accountId: id("c"), storeId: id("d") },
    },
    defaultEnvironment: "production",
    secrets: { KEY: {}, UNBOUND: {} },
    workers: { web: { main: "src/index.ts", compatibilityDate: "2026-08-01", dir: "services/web", secrets: { K: "KEY" } } },
  },
  { manifestPath: "secrets.manifest.ts" },
);
if (!result.ok) throw new Error(JSON.stringify(result.errors));
const manifest = result.manifest;

describe("which store names an environment may prune in its app folders' local stores (names only)", () => {
  it.each([
    ["production", "KEY", true],
    ["production", "OLD", true],
    ["production", "STAGING_KEY", false],
    ["production", "STAGING_OLD", false],
    ["staging", "STAGING_OLD", true],
    ["staging", "STAGING_PR_OLD", false],
    ["preview", "STAGING_PR_OLD", true],
    ["staging", "OLD", false],
    ["other", "STAGING_OLD", true],
  ] as const)("%s owns %s: %s", (env, name, owned) => {
    expect(planOwnership(manifest, env, { readsComments: false })({ name, comment: "" }).owned).toBe(owned);
  });
});

describe("which secrets an environment may prune in the remote store (ownership mark in the comment)", () => {
  it.each([
    ["production", "KEY", "", true, true],
    ["production", "OLD", "", false, true],
    ["production", "OLD", "old [secrets-manifest env=production]", true, true],
    ["production", "OLD", "[secrets-manifest env=staging]", false, false],
    ["production", "STAGING_KEY", "[secrets-manifest env=production]", false, false],
    ["production", "STAGING_OLD", "", false, false],
    ["staging", "STAGING_OLD", "[secrets-manifest env=staging]", true, true],
    ["staging", "OLD", "[secrets-manifest env=production]", false, false],
    ["production", "OLD", "mentions [secrets-manifest env=production] in the middle", false, true],
  ] as const)("%s, %s with comment %j: owned %s, shown %s", (env, name, comment, owned, shown) => {
    expect(planOwnership(manifest, env, { readsComments: true })({ name, comment })).toMatchObject({ owned, shown });
  });

  it("seeds each app folder's persist directory with the secrets that app binds", () => {
    expect(planLocalTargets(manifest, "staging").map((t) => [t.persistTo, t.desired.map((d) => d.storeName)])).toEqual([["services/web/.wrangler/state", ["STAGING_KEY"]]]);
  });
});
