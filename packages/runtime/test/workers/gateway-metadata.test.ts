import { describe, expect, it } from "vitest";
import { renderGatewayMetadata } from "../../src/gateway-metadata.ts";

const named = { name: "mobile-app", metadata: '{"client":"mobile-app"}' };
const unnamed = { name: undefined, metadata: undefined };

describe("renderGatewayMetadata", () => {
  it.each([
    ["a named client, no client metadata", named, null, { client: "mobile-app" }],
    ["an unnamed client, no client metadata", unnamed, null, undefined],
    ["client entries after the Worker's", named, '{"user":"u-1","n":2,"ok":false}', { client: "mobile-app", user: "u-1", n: 2, ok: false }],
    ["a forged client entry", named, '{"client":"admin","user":"u-1"}', { client: "mobile-app", user: "u-1" }],
    ["a forged client entry from an unnamed client", unnamed, '{"client":"admin"}', undefined],
    ["an unnamed client's own entries", unnamed, '{"user":"u-1"}', { user: "u-1" }],
    ["values the gateway does not accept", named, '{"obj":{"a":1},"list":[1],"none":null,"s":"x"}', { client: "mobile-app", s: "x" }],
    ["invalid JSON", named, "{not json", { client: "mobile-app" }],
    ["an array", named, '["a"]', { client: "mobile-app" }],
    ["a key named __proto__", named, '{"__proto__":"x"}', { client: "mobile-app", ["__proto__"]: "x" }],
  ])("%s", (_, client, header, expected) => {
    const rendered = renderGatewayMetadata(client, header);
    if (expected === undefined) expect(rendered).toBeUndefined();
    else expect(Object.entries(JSON.parse(rendered ?? "{}"))).toEqual(Object.entries(expected));
  });

  it("keeps the gateway's five entries, the Worker's first", () => {
    const header = JSON.stringify({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 });
    expect(JSON.parse(renderGatewayMetadata(named, header) ?? "")).toEqual({ client: "mobile-app", a: 1, b: 2, c: 3, d: 4 });
  });
});
