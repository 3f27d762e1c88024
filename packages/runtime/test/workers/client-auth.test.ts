import { describe, expect, it } from "vitest";
import { createPresentedTokenDigest, digestClientTokens, isAcceptedToken, parseClientTokens, readPresentedTokens } from "../../src/client-auth.ts";
import { providers } from "../../src/index.ts";

describe("parseClientTokens", () => {
  it.each([
    ["one", ["one"]],
    [" old , new ", ["old", "new"]],
    ["old,new,", ["old", "new"]],
    ["", []],
    [" , ,", []],
  ])("%j -> %j", (secret, expected) => {
    expect(parseClientTokens(secret)).toEqual(expected);
  });
});

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
    ["other protocols only", "openai", { "sec-websocket-protocol": "ai-proxy, realtime" }, []],
  ];
  it.each(cases)("%s", (_, id, headers, expected) => {
    expect(readPresentedTokens(new Headers(headers), providers[id].auth)).toEqual(expected);
  });
});

describe("isAcceptedToken", () => {
  it("accepts a presented token equal to any accepted token", async () => {
    const accepted = await digestClientTokens("old, new");
    expect(await isAcceptedToken(["new"], accepted)).toBe(true);
    expect(await isAcceptedToken(["wrong", "old"], accepted)).toBe(true);
  });

  it.each([
    ["nothing presented", [], "old"],
    ["no accepted tokens", ["old"], " , "],
    ["a prefix of a token", ["ol"], "old"],
    ["a longer string", ["old-and-more"], "old"],
    ["a different case", ["OLD"], "old"],
  ])("refuses %s", async (_, presented, secret) => {
    expect(await isAcceptedToken(presented, await digestClientTokens(secret))).toBe(false);
  });
});

describe("createPresentedTokenDigest", () => {
  it("hashes a token once while it is remembered, and forgets when the memo is full", async () => {
    const digest = createPresentedTokenDigest(2);
    const first = digest("a");
    expect(digest("a")).toBe(first);
    digest("b");
    digest("c"); // the memo held two: it starts over
    expect(digest("a")).not.toBe(first);
    expect(new Uint8Array(await digest("a"))).toEqual(new Uint8Array(await first));
  });

  it("gives the same verdict as hashing every time", async () => {
    const accepted = await digestClientTokens("old,new");
    const digest = createPresentedTokenDigest();
    for (const [presented, expected] of [[["new"], true], [["nope"], false], [["old"], true], [["new"], true]] as const) {
      expect(await isAcceptedToken(presented, accepted, digest)).toBe(expected);
      expect(await isAcceptedToken(presented, accepted)).toBe(expected);
    }
  });
});
