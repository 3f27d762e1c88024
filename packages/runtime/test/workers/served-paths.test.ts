import { describe, expect, it } from "vitest";
import { compileServedPaths, normaliseRequestPath, resolveServedPaths } from "../../src/served-paths.ts";

describe("compileServedPaths", () => {
  const table = compileServedPaths([
    "POST /chat/completions",
    "GET /responses/{response_id}",
    "POST /v1/models/{model}:generateContent",
    "WS /",
    "WS /realtime",
  ]);

  it.each([
    ["POST", "/chat/completions", true],
    ["GET", "/chat/completions", false],
    ["POST", "/chat/completions/", false],
    ["POST", "/chat/completionsX", false],
    ["POST", "/xchat/completions", false],
    ["GET", "/responses/resp_1", true],
    ["GET", "/responses/", false],
    ["GET", "/responses/a/b", false],
    ["GET", "/responses/a%2Fb", false],
    ["GET", "/responses/a%2fb", false],
    ["GET", "/responses/a%5Cb", false],
    ["GET", "/responses/a%20b%3A1", true],
    ["POST", "/v1/models/gemini-2.5-flash:generateContent", true],
    ["POST", "/v1/models/gemini-2.5-flash:generateContentX", false],
    ["POST", "/v1/models/gemini.2:generateContent", true],
    ["POST", "/v1/models/:generateContent", false],
    ["WS", "/", true],
    ["WS", "/realtime", true],
    ["GET", "/realtime", false],
    ["WS", "/chat/completions", false],
    ["PUT", "/chat/completions", false],
  ])("%s %s -> %s", (method, path, expected) => {
    expect(table.matches(method, path)).toBe(expected);
  });

  it("treats regular-expression characters in literals as literals", () => {
    const dotted = compileServedPaths(["GET /v1.0/a+b"]);
    expect(dotted.matches("GET", "/v1.0/a+b")).toBe(true);
    expect(dotted.matches("GET", "/v1x0/aab")).toBe(false);
  });
});

describe("resolveServedPaths", () => {
  const defaults = ["POST /chat/completions", "GET /models", "GET /models/{model}"];

  it("keeps the provider's table without an option", () => {
    expect(resolveServedPaths(defaults, undefined)).toEqual(defaults);
  });

  it("adds and removes entries", () => {
    expect(resolveServedPaths(defaults, { add: ["GET /files/{file_id}"], remove: ["GET /models"] })).toEqual([
      "POST /chat/completions",
      "GET /models/{model}",
      "GET /files/{file_id}",
    ]);
  });

  it("replaces the table with a list", () => {
    expect(resolveServedPaths(defaults, ["POST /chat/completions"])).toEqual(["POST /chat/completions"]);
  });

  it("lists every bad entry, where it is and what was expected", () => {
    const change = { add: ["GETT /files", "POST files", "GET /a//b", "GET /{bad-name}", "GET /{a}{b}"], remove: ["GET /model"] };
    expect(() => resolveServedPaths(defaults, change)).toThrowError(
      [
        "Invalid served paths:",
        '  servedPaths.add[0]: "GETT /files": method must be one of GET, POST, PUT, PATCH, DELETE, WS',
        '  servedPaths.add[1]: "POST files": expected "<METHOD> /<path>", e.g. "POST /chat/completions"',
        '  servedPaths.add[2]: "GET /a//b": the path has an empty segment (a doubled or trailing slash)',
        '  servedPaths.add[3]: "GET /{bad-name}": placeholders are written {name}, with letters, digits and _',
        '  servedPaths.add[4]: "GET /{a}{b}": two placeholders must not touch',
      ].join("\n"),
    );
  });

  it("refuses to remove an entry the provider does not serve, naming the table", () => {
    expect(() => resolveServedPaths(defaults, { remove: ["GET /model"] })).toThrowError(
      'servedPaths.remove[0]: "GET /model" is not in the provider\'s table\n  (the table: POST /chat/completions, GET /models, GET /models/{model})',
    );
  });

  it("checks a replacement list too", () => {
    expect(() => resolveServedPaths(defaults, ["POST /ok", "post /lower"])).toThrowError(
      'servedPaths[1]: "post /lower": expected "<METHOD> /<path>"',
    );
  });
});

describe("normaliseRequestPath", () => {
  it.each([
    ["/chat/completions", "/chat/completions"],
    ["//ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContent", "/ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContent"],
    ["/a///b//c", "/a/b/c"],
    ["/", "/"],
  ])("%s -> %s", (input, expected) => {
    expect(normaliseRequestPath(input)).toBe(expected);
  });
});
