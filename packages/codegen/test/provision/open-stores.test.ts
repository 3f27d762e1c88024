// Which remote store an environment is provisioned into when the manifest leaves accountId (or
// storeId) out: CLOUDFLARE_ACCOUNT_ID fills in the account; neither is a clear error. Pure planning,
// no request is made.
import { describe, expect, it } from "vitest";
import { openStores } from "../../src/provision/open-stores.ts";
import { validateManifest } from "../../src/manifest/validate.ts";
import { OPTIONS, validManifest } from "../manifest/valid-manifest.ts";

function manifestWithout(field: "accountId" | "storeId") {
  const input = validManifest();
  for (const env of Object.values(input.environments)) delete env[field];
  if (field === "storeId") input.workers["openai"]!.secrets = [];
  const result = validateManifest(input, OPTIONS);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.manifest;
}

const token = { CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_BASE_URL: "http://127.0.0.1:9" };

describe("openStores without an accountId in the manifest", () => {
  it("uses CLOUDFLARE_ACCOUNT_ID", () => {
    const result = openStores({ manifest: manifestWithout("accountId"), environment: "staging", local: false, root: "/", env: { ...token, CLOUDFLARE_ACCOUNT_ID: "abcdefabcdefabcdefabcdefabcdefab" } });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.targets[0]!.store.label).toContain("account abcdefabcdefabcdefabcdefabcdefab");
  });

  it("says what to set when CLOUDFLARE_ACCOUNT_ID is not set either", () => {
    const result = openStores({ manifest: manifestWithout("accountId"), environment: "staging", local: false, root: "/", env: token });
    expect(result).toEqual({
      ok: false,
      error: "environments.staging has no accountId and CLOUDFLARE_ACCOUNT_ID is not set.\n  fix: set accountId for staging in the manifest, or export CLOUDFLARE_ACCOUNT_ID",
    });
  });

  it("says what to set when the environment has no store", () => {
    const result = openStores({ manifest: manifestWithout("storeId"), environment: "production", local: false, root: "/", env: token });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/environments.production has no storeId/);
  });
});
