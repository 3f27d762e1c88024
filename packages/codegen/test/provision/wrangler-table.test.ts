import { describe, expect, it } from "vitest";
import { parseCreatedId, parseWranglerTable } from "../../src/provision/parse-wrangler-table.ts";

// Copied from wrangler 4.164.0 `secrets-store secret list` (local mode).
const LIST = `🔐 Listing secrets... (store-id: a1b2c3d4e5f60718293a4b5c6d7e8f90, page: 1, per-page: 100)
┌──────┬──────────────────────────────────┬─────────┬────────┬─────────┬────────────────────────┬────────────────────────┐
│ Name │ ID                               │ Comment │ Scopes │ Status  │ Created                │ Modified               │
├──────┼──────────────────────────────────┼─────────┼────────┼─────────┼────────────────────────┼────────────────────────┤
│ BAR  │ 5b3216d748b84eaf9b413c32353ee422 │         │        │ active  │ 11/28/2026, 6:21:56 PM │ 11/28/2026, 6:21:56 PM │
├──────┼──────────────────────────────────┼─────────┼────────┼─────────┼────────────────────────┼────────────────────────┤
│ FOO  │ b2549187abef45dcb11db2d30f2293d2 │         │        │ active  │ 11/28/2026, 6:21:56 PM │ 11/28/2026, 6:21:56 PM │
└──────┴──────────────────────────────────┴─────────┴────────┴─────────┴────────────────────────┴────────────────────────┘`;

describe("wrangler's tables", () => {
  it("reads rows keyed by the header", () => {
    expect(parseWranglerTable(LIST).map((row) => [row.Name, row.ID, row.Scopes])).toEqual([
      ["BAR", "5b3216d748b84eaf9b413c32353ee422", ""],
      ["FOO", "b2549187abef45dcb11db2d30f2293d2", ""],
    ]);
    expect(parseWranglerTable("🔐 Listing secrets...\n")).toEqual([]);
  });
  it("reads the id of a created secret", () => {
    expect(parseCreatedId("🔐 Creating secret... (Name: FOO, Value: REDACTED, Scopes: workers, Comment: undefined)\n✅ Created secret! (ID: 278167dc74fc49e4af375ab4ff7f9162)")).toBe("278167dc74fc49e4af375ab4ff7f9162");
  });
});
