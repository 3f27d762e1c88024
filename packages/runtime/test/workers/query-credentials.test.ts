import { describe, expect, it } from "vitest";
import { appendQueryParam, rawSearch, readQueryTokens, renderForwardedQuery } from "../../src/query-credentials.ts";

describe("renderForwardedQuery", () => {
  it.each([
    ["", ""],
    ["?", ""],
    ["?model=gpt-4o-realtime", "?model=gpt-4o-realtime"],
    // Odd encodings travel untouched: escapes in either case, plus signs, bad escapes, empty pairs.
    ["?a=%7e&b=%7E&c=a+b&d=%zz&&e&=f&g=%E2%9C%93&h=1;2&i[]=x", "?a=%7e&b=%7E&c=a+b&d=%zz&&e&=f&g=%E2%9C%93&h=1;2&i[]=x"],
    ["?alt=sse&key=client-token", "?alt=sse"],
    ["?key=client-token", ""],
    ["?k%65y=client-token&alt=sse", "?alt=sse"],
    ["?KEY=a&Api_Key=b&model=m", "?model=m"],
    ["?api_key=a&token=b&access_token=c&xi-api-key=d&authorization=e&x=%2B", "?x=%2B"],
    ["?next_page_token=p&keyterms=k&page_size=2", "?next_page_token=p&keyterms=k&page_size=2"],
    ["?model=m&key", "?model=m"],
  ])("%s -> %s", (search, expected) => {
    expect(renderForwardedQuery(search)).toBe(expected);
  });
});

describe("readQueryTokens", () => {
  it.each([
    ["?key=tok", ["key"], ["tok"]],
    ["?alt=sse&key=tok%2Bx", ["key", "api_key"], ["tok+x"]],
    ["?api_key=a&key=b", ["key", "api_key"], ["b", "a"]],
    ["?key=first&key=second&key=third", ["key"], ["first"]],
    ["?key=&key=later", ["key"], ["later"]],
    ["?key=tok", [], []],
    ["?token=tok", ["key"], []],
  ])("%s with %j -> %j", (search, names, expected) => {
    expect(readQueryTokens(search, names)).toEqual(expected);
  });
});

describe("rawSearch", () => {
  it.each([
    ["https://p.test/a", ""],
    ["https://p.test/a?x=%7e&y", "?x=%7e&y"],
    ["https://p.test/a?x=1#frag", "?x=1"],
  ])("%s -> %s", (url, expected) => {
    expect(rawSearch(url)).toBe(expected);
  });
});

describe("appendQueryParam", () => {
  it("encodes the value and keeps what came before", () => {
    expect(appendQueryParam("", "api_key", "a b/c")).toBe("?api_key=a%20b%2Fc");
    expect(appendQueryParam("?x=%7e", "api_key", "k")).toBe("?x=%7e&api_key=k");
  });
});
