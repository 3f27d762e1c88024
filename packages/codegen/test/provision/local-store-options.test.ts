// The CLI's local store with the REAL wrangler: a comment that looks like an option stays a comment.
// wrangler keeps local values in plain files under <persist>/v3/secrets-store/<store>/blobs, which
// is where this test looks for what was stored.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalStore } from "../../src/provision/local-store.ts";
import { createWranglerRunner } from "../../src/provision/wrangler-runner.ts";
import { makeSandbox, removeSandbox } from "../helpers/sandbox.ts";

const STORE_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
let dir: string;
beforeAll(() => (dir = makeSandbox("local-options")));
afterAll(() => removeSandbox(dir));

function storedValues(persistTo: string): string[] {
  const blobs = join(dir, persistTo, "v3/secrets-store", STORE_ID, "blobs");
  return readdirSync(blobs).map((name) => readFileSync(join(blobs, name), "utf8"));
}

describe("local store: option-like comments", () => {
  it.each([
    ["--value=attacker-known-token", "a"],
    ["--remote", "b"],
  ])("comment %j: the typed value is stored, locally, under the manifest's name", async (comment, folder) => {
    // No credentials: if `--remote` were read as an option, wrangler would fail to reach Cloudflare.
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, WRANGLER_SEND_METRICS: "false" };
    const store = createLocalStore({ storeId: STORE_ID, persistTo: `${folder}/.wrangler/state`, root: dir, wrangler: createWranglerRunner({ cwd: dir, env }) });
    const created = await store.create({ name: "OPENAI_API_KEY", value: "typed-value", scopes: ["workers"], comment });
    expect(created.name).toBe("OPENAI_API_KEY");
    expect(storedValues(`${folder}/.wrangler/state`)).toEqual(["typed-value"]);
  });
});
