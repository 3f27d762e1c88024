import { describe, expect, it, vi } from "vitest";
import { digestClientTokens, parseClientTokens } from "../../src/client-tokens.ts";

describe("parseClientTokens", () => {
  it.each([
    ["one", [{ token: "one" }]],
    [" old , new ", [{ token: "old" }, { token: "new" }]],
    ["old,new,", [{ token: "old" }, { token: "new" }]],
    ["", []],
    [" , ,", []],
    ["mobile-app:tok123,tok456", [{ name: "mobile-app", token: "tok123" }, { token: "tok456" }]],
    [" web : tok-w , ci.nightly_2:tok:with:colons", [{ name: "web", token: "tok-w" }, { name: "ci.nightly_2", token: "tok:with:colons" }]],
  ])("%j -> %j", (secret, entries) => {
    expect(parseClientTokens(secret)).toEqual({ entries, problems: [] });
  });

  it.each([
    ["bad name:tok", "entry 1: the client name before \":\" must be 1-64 letters, digits, \".\", \"_\" or \"-\", starting with a letter or digit"],
    [":tok", "entry 1: the client name before \":\" must be 1-64 letters, digits, \".\", \"_\" or \"-\", starting with a letter or digit"],
    [`${"n".repeat(65)}:tok`, "entry 1: the client name before \":\" must be 1-64 letters, digits, \".\", \"_\" or \"-\", starting with a letter or digit"],
    ["ok,web:", "entry 2: no token after the client name"],
    [`ok,,${"t".repeat(1025)}`, "entry 3: the token is longer than 1024 characters"],
    ["a:same,b:same", "entry 2: repeats the token of an earlier entry (the earlier one counts)"],
  ])("leaves out %j and says why, by position", (secret, problem) => {
    const { entries, problems } = parseClientTokens(secret);
    expect(problems).toEqual([problem]);
    expect(entries.length).toBe(secret.split(",").filter((entry) => entry.trim() !== "").length - 1);
  });
});

describe("digestClientTokens", () => {
  it("logs entries it leaves out by position, never a token or a name", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const accepted = await digestClientTokens("good-one, bad name:secret-value-1, team:");
    expect(accepted.clients).toEqual([{ name: undefined, metadata: undefined }]);
    const log = errors.mock.calls.map((call) => call.join(" ")).join("\n");
    expect(JSON.parse(log)).toMatchObject({ event: "client_tokens_ignored", binding: "PROXY_CLIENT_TOKENS" });
    expect(log).toContain("entry 2");
    expect(log).toContain("entry 3");
    for (const value of ["good-one", "secret-value-1", "bad name", "team"]) expect(log).not.toContain(value);
  });

  it("renders each named client's metadata once, as JSON", async () => {
    const accepted = await digestClientTokens("mobile-app:a,b");
    expect(accepted.digests).toHaveLength(2);
    expect(accepted.clients).toEqual([
      { name: "mobile-app", metadata: '{"client":"mobile-app"}' },
      { name: undefined, metadata: undefined },
    ]);
  });
});
