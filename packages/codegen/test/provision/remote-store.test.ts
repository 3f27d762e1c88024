// The SDK-backed store against the stand-in, directly: documented shapes and error bodies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRemoteStore, readApiCredentials } from "../../src/provision/remote-store.ts";
import { StoreError } from "../../src/provision/store.ts";
import { STAND_IN_TOKEN, startStandIn, type StandIn } from "./stand-in/server.ts";

let standIn: StandIn;
beforeAll(async () => (standIn = await startStandIn({ maxPerPage: 3, activationDelayMs: 600_000 })));
afterAll(() => standIn.close());

const store = () => createRemoteStore({ accountId: standIn.state.accountId, storeId: standIn.state.storeId, credentials: { apiToken: STAND_IN_TOKEN, baseURL: standIn.baseURL } });

describe("remote store (official SDK)", () => {
  it("creates one secret per request, lists across pages, edits, reads the quota and deletes", async () => {
    const s = store();
    for (let i = 0; i < 7; i++) await s.create({ name: `K${i}`, value: `v${i}`, scopes: ["workers"], comment: i === 0 ? "first" : undefined });
    const listed = await s.list();
    expect(listed.map((secret) => secret.name)).toEqual(["K0", "K1", "K2", "K3", "K4", "K5", "K6"]);
    expect(listed[0]).toMatchObject({ comment: "first", scopes: ["workers"], status: "pending" });
    expect(await s.quota()).toEqual({ quota: 100, usage: 7 });
    await s.edit(listed[1]!.id, { scopes: ["workers", "ai_gateway"], comment: "second" });
    expect(standIn.state.byName("K1")).toMatchObject({ scopes: ["workers", "ai_gateway"], comment: "second", value: "v1" });
    await s.delete(listed[2]!.id);
    expect((await s.list()).map((secret) => secret.name)).not.toContain("K2");
  });

  it("turns a duplicate name (409) and an unknown id (404) into errors with a fix", async () => {
    const s = store();
    const error = await s.create({ name: "K0", value: "dup-value", scopes: ["workers"], comment: undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).status).toBe(409);
    expect((error as StoreError).message).toContain("creating K0");
    expect((error as StoreError).message).toContain("secret_name_already_exists");
    expect((error as StoreError).message).not.toContain("dup-value");
    const missing = await s.delete("00000000000000000000000000000000").catch((e: unknown) => e);
    expect((missing as StoreError).message).toMatch(/HTTP 404\): secret_not_found \[code 1001\]\n  fix: check accountId and storeId/);
  });

  it("reads the token from CLOUDFLARE_API_TOKEN only, and honours CLOUDFLARE_BASE_URL", () => {
    expect(readApiCredentials({ CLOUDFLARE_API_KEY: "k", CLOUDFLARE_EMAIL: "e" })).toHaveProperty("error");
    expect(readApiCredentials({ CLOUDFLARE_API_TOKEN: "t" })).toEqual({ apiToken: "t", baseURL: "https://api.cloudflare.com/client/v4" });
    expect(readApiCredentials({ CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_BASE_URL: "http://x/client/v4" })).toEqual({ apiToken: "t", baseURL: "http://x/client/v4" });
  });
});
