import { generateKeyPairSync } from "node:crypto";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseValues } from "../../src/provision/parse-values.ts";
import { promptHidden } from "../../src/provision/prompt.ts";
import { readValues } from "../../src/provision/read-values.ts";

const declared = ["OPENAI_API_KEY", "SESSION_SIGNING_KEY"];
const options = { source: "vals.env", declared, prefixes: ["", "STAGING_"] };

describe("parseValues (dotenv)", () => {
  it("reads dotenv syntax: quotes, export, comments, multi-line values", () => {
    const parsed = parseValues(`# comment\nexport OPENAI_API_KEY='sk-1'\nSESSION_SIGNING_KEY="line one\nline two"\n`, options);
    expect(parsed.errors).toEqual([]);
    expect(Object.fromEntries(parsed.values)).toEqual({ OPENAI_API_KEY: "sk-1", SESSION_SIGNING_KEY: "line one\nline two" });
  });

  it("rejects undeclared names with the line and a fix, and never quotes a value", () => {
    const parsed = parseValues("OPENAI_API_KEY=ok\nOPENAI_KEY=secret-value-1\nSTAGING_SESSION_SIGNING_KEY=secret-value-2\nSESSION_SIGNING_KEY=\n", options);
    expect(parsed.errors).toEqual([
      "vals.env:2: OPENAI_KEY is not a secret of the manifest.\n  fix: did you mean OPENAI_API_KEY?",
      "vals.env:3: STAGING_SESSION_SIGNING_KEY is not a secret of the manifest.\n  fix: values files use the manifest's names without the environment's prefix: write SESSION_SIGNING_KEY=...",
      "vals.env:4: SESSION_SIGNING_KEY is empty.\n  fix: give it a value, or leave the line out to be asked for it",
    ]);
    expect(parsed.errors.join("")).not.toContain("secret-value");
  });

  it("rejects values over 64 KiB without printing them", () => {
    const parsed = parseValues(`OPENAI_API_KEY=${"x".repeat(65_537)}\n`, options);
    expect(parsed.errors[0]).toContain("OPENAI_API_KEY is 65537 bytes long; the Secrets Store takes at most 65536.");
  });
});

describe("parseValues: multi-line values (a real PEM key)", () => {
  const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const pemOptions = { source: "vals.env", declared: ["TLS_PRIVATE_KEY", "OPENAI_API_KEY"], prefixes: [""] };
  // A base64 line that dotenv would read as NAME=... (a PEM line ending in padding).
  const trap = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj==";
  const keyLines = (text: string) => text.split("\n").filter((line) => line.length > 20 && !line.startsWith("-----"));

  it("reads a double-quoted multi-line value exactly", () => {
    const parsed = parseValues(`OPENAI_API_KEY=sk-1\nTLS_PRIVATE_KEY="${pem.trimEnd()}"\n`, pemOptions);
    expect(parsed.errors).toEqual([]);
    expect(parsed.values.get("TLS_PRIVATE_KEY")).toBe(pem.trimEnd());
    expect(parsed.values.get("OPENAI_API_KEY")).toBe("sk-1");
  });

  it("refuses an unquoted one by line and name, stores nothing truncated, and shows no key text", () => {
    const lines = pem.trimEnd().split("\n");
    const body = [lines[0], lines[1], trap, ...lines.slice(2)].join("\n");
    const parsed = parseValues(`OPENAI_API_KEY=sk-1\nTLS_PRIVATE_KEY=${body}\n`, pemOptions);
    expect(parsed.values.has("TLS_PRIVATE_KEY")).toBe(false);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatch(/^vals\.env:2: TLS_PRIVATE_KEY: its value spans lines 2-\d+ without quotes; dotenv would keep only the first line\.\n  fix: put the whole value in double quotes/);
    const shown = parsed.errors.join("\n");
    for (const line of [...keyLines(pem), trap]) expect(shown).not.toContain(line.slice(0, 16));
    expect(shown).not.toContain("BEGIN PRIVATE KEY");
  });

  it.each([
    ["starts on the line after NAME=", (body: string) => `TLS_PRIVATE_KEY=\n${body}\n`, 2],
    ["opens a single quote that never closes", (body: string) => `TLS_PRIVATE_KEY='${body}\n`, 2],
    ["closes its quote with text after it", (body: string) => `TLS_PRIVATE_KEY="${body}" trailing\n`, 2],
  ])("a PEM key that %s: an error by line and name, no key text, nothing stored", (_how, write, line) => {
    const lines = pem.trimEnd().split("\n");
    const body = [lines[0], lines[1], trap, ...lines.slice(2)].join("\n");
    const parsed = parseValues(`OPENAI_API_KEY=sk-1\n${write(body)}`, pemOptions);
    expect(parsed.values.has("TLS_PRIVATE_KEY")).toBe(false);
    expect(parsed.values.get("OPENAI_API_KEY")).toBe("sk-1");
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatch(new RegExp(`^vals\\.env:${line}: TLS_PRIVATE_KEY: `));
    const shown = parsed.errors.join("\n");
    for (const text of [...keyLines(pem), trap]) expect(shown).not.toContain(text.slice(0, 16));
  });

  it("refuses a quote that never closes, a value that continues without quotes, and a # inside a value", () => {
    const text = `OPENAI_API_KEY="sk-secret-part-one\nTLS_PRIVATE_KEY=abc\ncontinued-secret-part\n`;
    const parsed = parseValues(text, pemOptions);
    expect(parsed.values.size).toBe(0);
    expect(parsed.errors.map((e) => e.split("\n")[0])).toEqual([
      "vals.env:1: OPENAI_API_KEY: the \" that opens its value is never closed at the end of a line, so dotenv would read only part of it.",
      "vals.env:2: TLS_PRIVATE_KEY: its value continues on line 3 without quotes; dotenv would keep only the first line.",
    ]);
    const begun = parseValues('TLS_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----"\n', pemOptions);
    expect(begun.values.size).toBe(0);
    expect(begun.errors).toHaveLength(1);
    expect(begun.errors[0]).toMatch(/^vals\.env:1: TLS_PRIVATE_KEY /);
    const hash = parseValues("OPENAI_API_KEY=sk-abc#def\nTLS_PRIVATE_KEY=ok # a comment\n", pemOptions);
    expect(hash.errors).toEqual(["vals.env:1: OPENAI_API_KEY: its value holds a # that dotenv would read as the start of a comment, cutting the value there.\n  fix: put the value in double quotes"]);
    expect(Object.fromEntries(hash.values)).toEqual({ TLS_PRIVATE_KEY: "ok" });
    expect([...parsed.errors, ...hash.errors].join("")).not.toMatch(/secret-part|sk-abc|def/);
  });
});

describe("readValues", () => {
  const streams = () => ({ input: new PassThrough(), output: new PassThrough() });
  it("without a terminal, a missing value is an error that names it", async () => {
    const input = new PassThrough();
    input.end("OPENAI_API_KEY=a\n");
    const result = await readValues({ from: "-", cwd: "/", needed: declared, declared, prefixes: [""], interactive: false, describe: (s) => s, streams: { input, output: new PassThrough() } });
    expect(result).toEqual({ ok: false, errors: ["No value in standard input for SESSION_SIGNING_KEY.\n  fix: add SESSION_SIGNING_KEY=... to it, or run on a terminal without --yes to be asked"] });
  });
  it("a prompt answered with the first line of a pasted PEM key stores nothing and shows no key text", async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
    const output = new PassThrough();
    const pending = readValues({ from: undefined, cwd: "/", needed: ["TLS_PRIVATE_KEY"], declared: ["TLS_PRIVATE_KEY"], prefixes: [""], interactive: true, describe: (s) => s, streams: { input, output } });
    input.write("-----BEGIN PRIVATE KEY-----\rMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\r-----END PRIVATE KEY-----\r");
    const result = await pending;
    expect(result.ok).toBe(false);
    const errors = result.ok ? "" : result.errors.join("\n");
    expect(errors).toContain("TLS_PRIVATE_KEY");
    expect(errors).not.toMatch(/MIIE|BEGIN PRIVATE/);
  });
  it("a values file that cannot be read is an error with the path", async () => {
    const result = await readValues({ from: "nope.env", cwd: "/tmp", needed: declared, declared, prefixes: [""], interactive: false, describe: (s) => s, streams: streams() });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toContain("Cannot read the values file /tmp/nope.env (ENOENT).");
  });
});

describe("promptHidden", () => {
  it("shows the question, never echoes what is typed, and returns it", async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
    const output = new PassThrough();
    let shown = "";
    output.on("data", (chunk: Buffer) => (shown += chunk.toString()));
    const answer = promptHidden("Value for X (input hidden): ", { input, output });
    input.write("typed-secret-value\r");
    expect(await answer).toBe("typed-secret-value");
    expect(shown).toContain("Value for X (input hidden): ");
    expect(shown).not.toContain("typed-secret");
  });
  it("rejects when input ends without an answer", async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
    const answer = promptHidden("Q: ", { input, output: new PassThrough() });
    input.end();
    await expect(answer).rejects.toThrow("Cancelled");
  });
});
