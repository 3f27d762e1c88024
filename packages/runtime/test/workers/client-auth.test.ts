import { describe, expect, it } from "vitest";
import { CREDENTIAL_LIMITS, createPresentedTokenDigest, exceedsCredentialLimits, findClient, readPresentedTokens } from "../../src/client-auth.ts";
import { digestClientTokens } from "../../src/client-tokens.ts";
import { providers } from "../../src/index.ts";

describe("readPresentedTokens", () => {
  const cases: [string, keyof typeof providers, Record<string, string>, string[]][] = [
    ["Bearer in Authorization", "openai", { authorization: "Bearer tok" }, ["tok"]],
    ["lower-case scheme", "openai", { authorization: "bearer tok" }, ["tok"]],
    ["Basic is not a token", "openai", { authorization: "Basic tok" }, []],
    ["empty Bearer", "openai", { authorization: "Bearer " }, []],
    ["x-api-key for anthropic", "anthropic", { "x-api-key": "tok" }, ["tok"]],
    ["x-api-key ignored for openai", "openai", { "x-api-key": "tok" }, []],
    ["both headers", "anthropic", { authorization: "Bearer a", "x-api-key": "b" }, ["a", "b"]],
    ["x-goog-api-key", "google-ai-studio", { "x-goog-api-key": "tok" }, ["tok"]],
    ["xi-api-key", "elevenlabs", { "xi-api-key": "tok" }, ["tok"]],
    ["protocol entry", "openai", { "sec-websocket-protocol": "ai-proxy, proxy-auth.tok" }, ["tok"]],
    [
      "OpenAI's browser realtime convention",
      "openai",
      { "sec-websocket-protocol": "realtime, openai-insecure-api-key.tok, openai-beta.realtime-v1" },
      ["tok"],
    ],
    ["two protocol credentials", "openai", { "sec-websocket-protocol": "proxy-auth.a, openai-insecure-api-key.b" }, ["a", "b"]],
    ["other protocols only", "openai", { "sec-websocket-protocol": "ai-proxy, realtime" }, []],
    ["a token at the length limit", "openai", { authorization: `Bearer ${"t".repeat(CREDENTIAL_LIMITS.tokenLength)}` }, ["t".repeat(1024)]],
  ];
  it.each(cases)("%s", (_, id, headers, expected) => {
    expect(readPresentedTokens(new Headers(headers), providers[id].auth)).toEqual(expected);
  });

  const many = (count: number, entry: (index: number) => string) => Array.from({ length: count }, (_, index) => entry(index)).join(", ");
  const refused: [string, keyof typeof providers, Record<string, string>][] = [
    ["6,000 proxy-auth protocol entries", "openai", { "sec-websocket-protocol": many(6000, (index) => `proxy-auth.t${index}`) }],
    ["6,000 one-letter protocol entries", "openai", { "sec-websocket-protocol": many(6000, () => "a") }],
    ["17 protocol entries in a short header", "openai", { "sec-websocket-protocol": many(17, (index) => `p${index}`) }],
    ["three token-carrying protocol entries", "openai", { "sec-websocket-protocol": many(3, (index) => `proxy-auth.t${index}`) }],
    ["a protocol header over 4,096 characters", "openai", { "sec-websocket-protocol": `realtime, x.${"a".repeat(4096)}` }],
    ["a 100,000-character Bearer token", "openai", { authorization: `Bearer ${"t".repeat(100_000)}` }],
    ["a token one character over the limit", "openai", { authorization: `Bearer ${"t".repeat(1025)}` }],
    ["a huge token in the provider's header", "anthropic", { "x-api-key": "k".repeat(50_000) }],
    ["a huge token in a protocol entry", "openai", { "sec-websocket-protocol": `proxy-auth.${"t".repeat(2000)}` }],
  ];
  // The Worker answers these 400 before it reads a secret or hashes anything (cheap-rejection.test.ts).
  it.each(refused)("refuses %s", (_, id, headers) => {
    expect(readPresentedTokens(new Headers(headers), providers[id].auth)).toBeUndefined();
  });
});

describe("exceedsCredentialLimits", () => {
  it.each([
    [[], false],
    [["a", "b", "c", "d"], false],
    [["a", "b", "c", "d", "e"], true],
    [["t".repeat(1024)], false],
    [["ok", "t".repeat(1025)], true],
  ])("%j -> %s", (tokens, expected) => {
    expect(exceedsCredentialLimits(tokens)).toBe(expected);
  });
});

describe("findClient", () => {
  it("finds the client of a presented token equal to any accepted token", async () => {
    const accepted = await digestClientTokens("old, mobile-app:new");
    expect(await findClient(["new"], accepted)).toEqual({ name: "mobile-app", metadata: '{"client":"mobile-app"}' });
    expect(await findClient(["wrong", "old"], accepted)).toEqual({ name: undefined, metadata: undefined });
  });

  it.each([
    ["nothing presented", [], "old"],
    ["no accepted tokens", ["old"], " , "],
    ["a prefix of a token", ["ol"], "old"],
    ["a longer string", ["old-and-more"], "old"],
    ["a different case", ["OLD"], "old"],
    ["the name of a named token", ["web"], "web:secret-token"],
    ["a whole name:token entry", ["web:secret-token"], "web:secret-token"],
  ])("refuses %s", async (_, presented, secret) => {
    expect(await findClient(presented, await digestClientTokens(secret))).toBeUndefined();
  });
});

describe("createPresentedTokenDigest", () => {
  it("hashes a token once while it is remembered, and forgets when the memo is full", async () => {
    const digests = createPresentedTokenDigest(2);
    expect(digests.known("a")).toBeUndefined();
    const first = await digests.digest("a");
    expect(digests.known("a")).toBe(first);
    expect(await digests.digest("a")).toBe(first);
    await digests.digest("b");
    await digests.digest("c"); // the memo held two: it starts over
    expect(digests.known("a")).toBeUndefined();
    expect(new Uint8Array(await digests.digest("a"))).toEqual(new Uint8Array(first));
  });

  it("answers without a promise once every presented token is known, with the same verdict", async () => {
    const accepted = await digestClientTokens("old,web:new");
    const digests = createPresentedTokenDigest();
    const first = findClient(["new", "nope"], accepted, digests);
    expect(first).toBeInstanceOf(Promise);
    expect((await first)?.name).toBe("web");
    const second = findClient(["new", "nope"], accepted, digests);
    expect(second).not.toBeInstanceOf(Promise);
    expect(second).toEqual(await first);
    // One unknown token among known ones takes the hashing path again.
    expect(findClient(["new", "other"], accepted, digests)).toBeInstanceOf(Promise);
  });

  it("gives the same verdict as hashing every time", async () => {
    const accepted = await digestClientTokens("old,web:new");
    const digest = createPresentedTokenDigest();
    for (const [presented, expected] of [[["new"], "web"], [["nope"], null], [["old"], undefined], [["new"], "web"]] as const) {
      expect((await findClient(presented, accepted, digest))?.name ?? null).toBe(expected ?? null);
      expect(await findClient(presented, accepted, digest)).toEqual(await findClient(presented, accepted));
    }
  });
});
