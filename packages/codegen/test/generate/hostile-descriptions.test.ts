// Descriptions are free text that reaches wrangler as the store comment. Whatever they hold, the
// generated scripts must pass them as one `--comment=<text>` argument that no shell or parser can
// split or read as an option; the PowerShell files must stay ASCII (Windows PowerShell 5.1 reads a
// BOM-less file in the ANSI code page). pwsh is not installable here, so PowerShell is checked as
// text, through models of PowerShell's legacy argument passing and of the Windows C runtime's parser.
import { join } from "node:path";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { renderAll } from "../../src/generate/render-all.ts";
import { readStamp } from "../../src/generate/header.ts";
import { quoteNativeArgument, quotePowerShell } from "../../src/generate/shell-quote.ts";
import { validateManifest } from "../../src/manifest/validate.ts";
import { storeComment } from "../../src/provision/store-comment.ts";
import type { GeneratedFile, ResolvedManifest } from "../../src/manifest/model.ts";
import { validManifest } from "../manifest/valid-manifest.ts";
import { installFakeWrangler, readCalls, readValues, runScript } from "./fake-wrangler.ts";
import { writeFiles } from "./support.ts";

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

function manifestWith(descriptions: readonly string[], manifestPath = "secrets.manifest.ts"): ResolvedManifest {
  const raw = validManifest();
  raw.secrets = Object.fromEntries(descriptions.map((description, i) => [`SECRET_${i}`, { description, scopes: ["workers"] }]));
  raw.workers["openai"]!.secrets = Object.keys(raw.secrets);
  const result = validateManifest(raw, { manifestPath });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.manifest;
}

const file = (files: readonly GeneratedFile[], path: string) => files.find((f) => f.path === path)!.contents;

const ATTACKS = ["--value=attacker-known-token", "--remote", "--remote=false", "-h", 'x" --value "attacker', "Kulcs fő; Start-Process calc.exe; #", "it's $(id) `id` \\"];

describe("bash scripts: a description is one --comment=<text> argument", () => {
  test("the remote script stores the typed value, remotely, with the description as the comment", async () => {
    const manifest = manifestWith(ATTACKS);
    const root = await mkdtemp(join(tmpdir(), "codegen-hostile-"));
    temps.push(root);
    await writeFiles(root, renderAll(manifest));
    const fake = await installFakeWrangler(join(root, ".fake"));
    const typed = ATTACKS.map((_, i) => `typed-value-${i}`);
    const result = await runScript({
      script: join(root, "provision/staging.remote.sh"),
      cwd: root,
      input: typed.map((v) => `${v}\n`).join(""),
      env: {
        PATH: fake.path,
        HOME: process.env.HOME,
        WRANGLER: fake.wrangler,
        FAKE_LOG: fake.log,
        FAKE_VALUES: fake.values,
        FAKE_STORE_ID: manifest.environments[1]!.storeId,
        // A global key in the operator's shell must not reach wrangler, nor a debug log level.
        CLOUDFLARE_API_KEY: "global-key-0123",
        CLOUDFLARE_EMAIL: "ops@example.com",
        // wrangler falls back to these deprecated names for the global key when the others are unset.
        CF_API_KEY: "global-key-0456",
        CF_EMAIL: "ops@example.com",
        WRANGLER_LOG: "debug",
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(await readValues(fake)).toEqual(ATTACKS.map((_, i) => ({ name: `STAGING_SECRET_${i}`, value: typed[i] })));
    const wrangler = (await readCalls(fake)).filter((call) => call.command === "wrangler");
    const creates = wrangler.filter((call) => call.args[2] === "create");
    expect(creates).toHaveLength(ATTACKS.length);
    for (const [i, call] of creates.entries()) {
      const description = storeComment(ATTACKS[i], "staging");
      expect(call.args).toEqual(["secrets-store", "secret", "create", manifest.environments[1]!.storeId, `--name=STAGING_SECRET_${i}`, "--scopes=workers", "--remote", `--comment=${description}`]);
    }
    for (const call of wrangler) expect(call.meta).toMatchObject({ apikey: "(unset)", email: "(unset)", cfapikey: "(unset)", cfemail: "(unset)", log: "log" });
  });
});

/** Evaluates the ASCII PowerShell expressions quotePowerShell writes: '...' and [char]0xNNNN joined by +. */
function evalPowerShell(expression: string): string {
  const inner = expression.startsWith("(") ? expression.slice(1, -1) : expression;
  const token = /'((?:[^']|'')*)'|\[char\]0x([0-9a-f]{4})|( \+ )/gy;
  let out = "";
  let end = 0;
  for (let m = token.exec(inner); m; m = token.exec(inner)) {
    if (m[1] !== undefined) out += m[1].replaceAll("''", "'");
    else if (m[2] !== undefined) out += String.fromCharCode(parseInt(m[2], 16));
    end = token.lastIndex;
  }
  if (end !== inner.length) throw new Error(`not a quotePowerShell expression: ${expression}`);
  return out;
}

/** PowerShell's legacy native argument passing (5.1, and 7.x with 'Legacy'): quotes added only around unquoted whitespace. */
function legacyPass(argument: string): string {
  let quotes = 0;
  let needQuotes = false;
  let afterBackslash = false;
  for (const char of argument) {
    if (char === '"' && !afterBackslash) quotes += 1;
    else if (/\s/.test(char) && quotes % 2 === 0) needQuotes = true;
    afterBackslash = char === "\\";
  }
  return needQuotes ? `"${argument}"` : argument;
}

/** The Windows C runtime's command-line parser (what Node.js on Windows uses for process.argv). */
function parseWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === " " || line[i] === "\t") i++;
    if (i >= line.length) break;
    let arg = "";
    let quoted = false;
    while (i < line.length && (quoted || (line[i] !== " " && line[i] !== "\t"))) {
      let backslashes = 0;
      while (line[i] === "\\") (backslashes++, i++);
      if (line[i] === '"') {
        arg += "\\".repeat(Math.floor(backslashes / 2));
        if (backslashes % 2 === 1) arg += '"';
        else if (quoted && line[i + 1] === '"') (arg += '"', i++);
        else quoted = !quoted;
        i++;
      } else {
        arg += "\\".repeat(backslashes);
        if (i < line.length && (quoted || (line[i] !== " " && line[i] !== "\t"))) arg += line[i++];
      }
    }
    args.push(arg);
  }
  return args;
}

const description = fc.string({ unit: "binary", minLength: 1, maxLength: 60 }).filter((text) => !/[\u0000-\u001f\u007f]/.test(text));

describe("PowerShell scripts: ASCII, and one argument per description in 5.1 and 7", () => {
  test("the models agree with known cases", () => {
    expect(parseWindowsCommandLine('"a b" c\\\\"d e" f\\"g')).toEqual(["a b", 'c\\d e', 'f"g']);
    expect(legacyPass("a b")).toBe('"a b"');
    expect(legacyPass('"a b"')).toBe('"a b"');
    expect(evalPowerShell(quotePowerShell("it's f\u0151 \u{1f4a5}"))).toBe("it's f\u0151 \u{1f4a5}");
  });

  test("quoteNativeArgument survives legacy passing and the C runtime's parser, for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const passed = legacyPass(quoteNativeArgument(`--comment=${text}`));
        expect(parseWindowsCommandLine(`wrangler ${passed} --remote`)).toEqual(["wrangler", `--comment=${text}`, "--remote"]);
      }),
      { numRuns: 500 },
    );
  });

  test("every .ps1 is ASCII, and each description reaches wrangler as exactly --comment=<text>", () => {
    fc.assert(
      fc.property(fc.array(description, { minLength: 1, maxLength: 4 }), (descriptions) => {
        const files = renderAll(manifestWith(descriptions));
        for (const ps1 of files.filter((f) => f.path.endsWith(".ps1"))) expect(ps1.contents, ps1.path).toMatch(/^[\x09\x0a\x0d\x20-\x7e]*$/);
        const lines = file(files, "provision/staging.remote.ps1").split("\n").filter((line) => line.startsWith("New-StoreSecret "));
        expect(lines).toHaveLength(descriptions.length);
        for (const [i, line] of lines.entries()) {
          const match = /^New-StoreSecret -Name '([A-Z0-9_]+)' -Scopes 'workers' -CommentArgument ('(?:[^']|'')*'|\((?:'(?:[^']|'')*'|\[char\]0x[0-9a-f]{4}| \+ )+\))$/.exec(line);
          expect(match, line).not.toBeNull();
          const argument = evalPowerShell(match![2]!);
          const stored = storeComment(descriptions[i], "staging");
          // Through cmd.exe shims too: the only double quotes are the outer pair.
          expect(argument.slice(1, -1)).not.toContain('"');
          expect(parseWindowsCommandLine(`wrangler ${legacyPass(argument)}`)).toEqual(["wrangler", `--comment=${stored}`]);
        }
      }),
      { numRuns: 150 },
    );
  });

  test("the review-proof attacks: a UTF-8 byte that 5.1 would read as a quote, and an embedded quote", () => {
    const files = renderAll(manifestWith(["Kulcs fő; Start-Process calc.exe; #", 'x" --value "attacker']));
    const remote = file(files, "provision/staging.remote.ps1");
    expect(Buffer.from(remote, "utf8").every((byte) => byte < 0x80)).toBe(true);
    expect(remote).toContain(`-CommentArgument ('"--comment=Kulcs f' + [char]0x0151 + '; Start-Process calc.exe; # [secrets-manifest env=staging]"')`);
    expect(remote).toContain(`-CommentArgument '"--comment=x'' --value ''attacker [secrets-manifest env=staging]"'`);
  });

  test("scripts drop a global key and keep wrangler's logs quiet, before wrangler first runs", () => {
    for (const script of renderAll(manifestWith(["x"])).filter((f) => f.path.endsWith(".ps1"))) {
      const text = script.contents;
      const removal = text.indexOf("Remove-Item -Path Env:CLOUDFLARE_API_KEY, Env:CLOUDFLARE_EMAIL, Env:CF_API_KEY, Env:CF_EMAIL -ErrorAction SilentlyContinue");
      expect(removal, script.path).toBeGreaterThan(0);
      expect(text.indexOf("$env:WRANGLER_LOG = 'log'")).toBeGreaterThan(0);
      expect(text.indexOf("$PSNativeCommandArgumentPassing = 'Legacy'")).toBeGreaterThan(0);
      expect(removal).toBeLessThan(text.indexOf("Invoke-Wrangler @") === -1 ? Infinity : text.indexOf("Invoke-Wrangler @"));
    }
  });
});

describe("comments in generated files", () => {
  test("a manifest path with a line break cannot run a command or end a comment", async () => {
    const manifestPath = "x\ntouch PWNED #\r\n--> <!-- ő/secrets.manifest.ts";
    const files = renderAll(manifestWith(["a <!-- hidden", "b"], manifestPath));
    for (const generated of files) {
      const stamp = readStamp(generated.contents);
      expect(stamp, generated.path).toBeDefined();
      expect(stamp!.edited).toBe(false);
      expect(generated.contents.split("\n").slice(0, 6).join("\n")).not.toContain("touch PWNED #\n");
    }
    const matrix = file(files, "SECRETS.md");
    expect(matrix).toContain("a &lt;!-- hidden");
    expect(matrix).not.toMatch(/-->[^\n]*\n[^\n]*touch/);
    const root = await mkdtemp(join(tmpdir(), "codegen-comment-"));
    temps.push(root);
    await writeFiles(root, files);
    const fake = await installFakeWrangler(join(root, ".fake"));
    await runScript({
      script: join(root, "provision/production.local.sh"),
      cwd: root,
      input: "v1\nv2\n",
      env: { PATH: fake.path, HOME: process.env.HOME, WRANGLER: fake.wrangler, FAKE_LOG: fake.log, FAKE_VALUES: fake.values },
    });
    expect(existsSync(join(root, "PWNED"))).toBe(false);
    expect(existsSync(join(root, "provision/PWNED"))).toBe(false);
  });
});
