// Provisioning scripts: syntax, quoting, and runs against a fake wrangler that show a value only
// ever travels on standard input. pwsh is not installed here, so PowerShell is checked as text.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { join } from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderAll } from "../../src/generate/render-all.ts";
import { quoteBash, quotePowerShell } from "../../src/generate/shell-quote.ts";
import { storeComment } from "../../src/provision/store-comment.ts";
import { FIXTURES, loadFixture, writeFiles } from "./support.ts";
import { installFakeWrangler, readCalls, readValues, runScript, type FakeWrangler } from "./fake-wrangler.ts";
import type { GeneratedFile, ResolvedManifest } from "../../src/manifest/model.ts";

const run = promisify(execFile);
const manifests = new Map<string, ResolvedManifest>();
const scripts: GeneratedFile[] = [];
const temps: string[] = [];

beforeAll(async () => {
  for (const fixture of FIXTURES) {
    const manifest = await loadFixture(fixture);
    manifests.set(fixture.name, manifest);
    scripts.push(...renderAll(manifest).filter((file) => file.kind === "provision-script").map((file) => ({ ...file, path: `${fixture.name}/${file.path}` })));
  }
});

afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function sandbox(fixture: string): Promise<{ root: string; fake: FakeWrangler; manifest: ResolvedManifest }> {
  const root = await mkdtemp(join(tmpdir(), `codegen-provision-${fixture}-`));
  temps.push(root);
  const manifest = manifests.get(fixture)!;
  await writeFiles(root, renderAll(manifest));
  return { root, fake: await installFakeWrangler(join(root, ".fake")), manifest };
}

function fakeEnv(fake: FakeWrangler, extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: fake.path, HOME: process.env.HOME, WRANGLER: fake.wrangler, FAKE_LOG: fake.log, FAKE_VALUES: fake.values, ...extra };
}

/** A value no script text, name or id could contain by accident, with every quoting hazard in it. */
const hostileValue = (i: number): string => `sk-${i}-'q' "dq" $HOME \`id\` \\ ;|&<> ${"x".repeat(i)}`;

describe("shell quoting", () => {
  test.each([
    ["plain", "'plain'", "'plain'"],
    ["it's", "'it'\\''s'", "'it''s'"],
    ["$HOME `id` \"x\"", "'$HOME `id` \"x\"'", "'$HOME `id` \"x\"'"],
    ["", "''", "''"],
    ["a\u2019b", "'a\u2019b'", "('a' + [char]0x2019 + 'b')"],
  ])("%j", (input, bash, powershell) => {
    expect(quoteBash(input)).toBe(bash);
    expect(quotePowerShell(input)).toBe(powershell);
  });

  test("bash reads every quoted string back unchanged", () => {
    const samples = fc.sample(fc.string({ unit: "binary", maxLength: 40 }).filter((s) => !s.includes("\0")), 300);
    const script = samples.map((sample) => `printf '%s\\0' ${quoteBash(sample)}`).join("\n");
    const output = execFileSync("bash", ["-c", script], { encoding: "utf8" });
    expect(output.split("\0").slice(0, -1)).toEqual(samples);
  });
});

describe("script text", () => {
  test("every bash script passes bash -n", async () => {
    const bash = scripts.filter((file) => file.path.endsWith(".sh"));
    expect(bash.length).toBeGreaterThan(0);
    for (const file of bash) {
      expect(file.contents.startsWith("#!/usr/bin/env bash\n"), file.path).toBe(true);
      await run("bash", ["-n", "-c", file.contents]);
    }
  });

  test("no script passes a value as an argument", () => {
    // `--values-from` (the CLI's option, named in a message) is not wrangler's `--value`.
    for (const file of scripts) expect(file.contents, file.path).not.toMatch(/--value\b/);
  });

  test("every interpolated word in a bash script is single-quoted", () => {
    const quoted = String.raw`'(?:[^']|'\\'')*'`;
    const call = new RegExp(`^(?:create_secret|seed|ask_value)(?: ${quoted})+$`);
    const assignment = new RegExp(`^(?:export CLOUDFLARE_ACCOUNT_ID|environment|store_id|manifest)=${quoted}$`);
    for (const file of scripts.filter((f) => f.path.endsWith(".sh"))) {
      const lines = file.contents.split("\n");
      const data = lines.filter((line) => /^(create_secret|seed|ask_value) /.test(line));
      expect(data.length, file.path).toBeGreaterThan(0);
      for (const line of data) expect(line, file.path).toMatch(call);
      for (const line of lines.filter((l) => /^(export CLOUDFLARE_ACCOUNT_ID|environment|store_id|manifest)=/.test(l))) {
        expect(line, file.path).toMatch(assignment);
      }
    }
  });

  test("PowerShell scripts: verbatim strings, hidden prompt, stop on error, ASCII only", () => {
    const quoted = "'(?:[^']|'')*'";
    const remote = new RegExp(`^New-StoreSecret -Name ${quoted} -Scopes ${quoted} -CommentArgument ${quoted}$`);
    const local = new RegExp(`^(?:Add-LocalSecret \\$value(?: ${quoted}){3}|\\$value = Read-SecretValue ${quoted} ${quoted})$`);
    for (const file of scripts.filter((f) => f.path.endsWith(".ps1"))) {
      expect(file.contents).toContain("$ErrorActionPreference = 'Stop'");
      expect(file.contents).toContain("Read-Host -Prompt $Prompt -AsSecureString");
    expect(file.contents).toContain("if ($plain -match '-----BEGIN [A-Z0-9 ]+-----' -and $plain -notmatch '-----END [A-Z0-9 ]+-----') {");
      expect(file.contents).toContain("$env:WRANGLER_SEND_METRICS = 'false'");
      expect(file.contents, file.path).toMatch(/^[\x09\x0a\x0d\x20-\x7e]*$/);
      const data = file.contents.split("\n").filter((line) => /^(New-StoreSecret|Add-LocalSecret|\$value = Read-SecretValue) /.test(line));
      expect(data.length).toBeGreaterThan(0);
      for (const line of data) expect(line, file.path).toMatch(file.path.includes(".remote.") ? remote : local);
    }
    const webhook = scripts.find((f) => f.path === "three-envs-prefixed/provision/staging.remote.ps1")!;
    expect(webhook.contents).toContain(`-CommentArgument '"--comment=Stripe signing secret (''whsec_...''), checked on every \`POST /stripe\`; it''s free ($0) to roll [secrets-manifest env=staging]"'`);
  });
});

describe("remote script against a fake wrangler", () => {
  test("values travel on stdin only; existing secrets are skipped; 'already exists' is tolerated", async () => {
    const { root, fake, manifest } = await sandbox("bundled");
    const names = manifest.secrets.map((secret) => `STAGING_${secret.name}`);
    const [existing, conflict] = ["STAGING_OPENAI_API_KEY", "STAGING_AI_GATEWAY_ID"];
    const prompted = names.filter((name) => name !== existing);
    const values = prompted.map((_, i) => hostileValue(i));
    const result = await runScript({
      script: join(root, "provision/staging.remote.sh"),
      cwd: "/",
      input: values.map((v) => `${v}\n`).join(""),
      env: fakeEnv(fake, {
        FAKE_STORE_ID: manifest.environments[1]!.storeId!,
        FAKE_EXISTING: existing!,
        // A Comment cell naming another secret must not make that secret count as existing.
        FAKE_COMMENT_MENTIONS: "STAGING_ANTHROPIC_API_KEY",
        FAKE_CONFLICT: conflict!,
      }),
    });
    expect(result.stderr).not.toMatch(/unexpected call/);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`= ${existing} already exists, skipped`);
    expect(result.stdout).toContain(`= ${conflict} already exists, skipped`);
    expect(result.stdout).toContain("+ STAGING_ANTHROPIC_API_KEY created");

    // Each value arrived byte for byte on stdin, in manifest order, once.
    expect(await readValues(fake)).toEqual(prompted.map((name, i) => ({ name, value: values[i] })));

    const calls = await readCalls(fake);
    // The shims saw the script's external commands, so their arguments are in the log too.
    expect(calls.map((call) => call.command)).toEqual(expect.arrayContaining(["dirname", "grep", "awk", "cat"]));
    const log = calls.map((call) => [call.command, ...call.args].join(" ")).join("\n");
    for (const value of values) expect(log).not.toContain(value);
    expect(log).not.toContain("sk-");
    const wrangler = calls.filter((call) => call.command === "wrangler");
    expect(wrangler.map((call) => call.args.slice(0, 3).join(" "))).toEqual([
      "secrets-store store list",
      "secrets-store secret list",
      ...prompted.map(() => "secrets-store secret create"),
    ]);
    for (const call of wrangler) {
      expect(call.meta).toMatchObject({ cwd: root, account: manifest.environments[1]!.accountId, metrics: "false" });
      expect(call.args).toContain("--remote");
      expect(call.args).not.toContain("--value");
    }
    const gateway = wrangler.find((call) => call.args.includes("--name=STAGING_AI_GATEWAY_ID"))!;
    const comment = storeComment(manifest.secrets.find((secret) => secret.name === "AI_GATEWAY_ID")!.description, "staging");
    expect(gateway.args).toEqual(["secrets-store", "secret", "create", manifest.environments[1]!.storeId, "--name=STAGING_AI_GATEWAY_ID", "--scopes=workers", "--remote", `--comment=${comment}`]);
  });

  test.each([
    ["renamed-bindings", "tools/provision/production.remote.sh"],
    ["three-envs-prefixed", "provision/preview.remote.sh"],
  ])("%s: free-text comments reach wrangler verbatim, whatever the script's depth", async (fixture, script) => {
    const { root, fake, manifest } = await sandbox(fixture);
    const env = manifest.environments.find((candidate) => script.includes(`/${candidate.name}.`))!;
    const values = manifest.secrets.map((_, i) => hostileValue(i));
    const result = await runScript({
      script: join(root, script),
      cwd: "/",
      input: values.map((v) => `${v}\n`).join(""),
      env: fakeEnv(fake, { FAKE_STORE_ID: env.storeId!, FAKE_EXISTING: "" }),
    });
    expect(result.code, result.stderr).toBe(0);
    const creates = (await readCalls(fake)).filter((call) => call.command === "wrangler" && call.args[2] === "create");
    expect(creates.map((call) => call.meta.cwd)).toEqual(manifest.secrets.map(() => root));
    expect(creates.map((call) => call.args.slice(4))).toEqual(
      manifest.secrets.map((secret) => [`--name=${env.secretPrefix}${secret.name}`, `--scopes=${secret.scopes.join(",")}`, "--remote", `--comment=${storeComment(secret.description, env.name)}`]),
    );
  });

  test("an environment without accountId needs CLOUDFLARE_ACCOUNT_ID, and then uses it", async () => {
    const { root, fake, manifest } = await sandbox("realistic-fleet");
    const development = manifest.environments.find((env) => env.name === "development")!;
    expect(development.accountId).toBeUndefined();
    const script = join(root, "provision/development.remote.sh");
    const missing = await runScript({ script, cwd: root, input: "", env: fakeEnv(fake, { FAKE_STORE_ID: development.storeId! }) });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("environments.development has no accountId in secrets.manifest.ts: set it there, or export CLOUDFLARE_ACCOUNT_ID.");
    expect((await readCalls(fake)).filter((call) => call.command === "wrangler")).toEqual([]);

    const account = "abcdefabcdefabcdefabcdefabcdefab";
    const values = manifest.secrets.map((_, i) => hostileValue(i));
    const result = await runScript({
      script,
      cwd: root,
      input: values.map((v) => `${v}\n`).join(""),
      env: fakeEnv(fake, { FAKE_STORE_ID: development.storeId!, FAKE_EXISTING: "", CLOUDFLARE_ACCOUNT_ID: account }),
    });
    expect(result.code, result.stderr).toBe(0);
    const wrangler = (await readCalls(fake)).filter((call) => call.command === "wrangler");
    expect(wrangler.length).toBeGreaterThan(0);
    for (const call of wrangler) expect(call.meta).toMatchObject({ account });
  });

  test("per-environment store names are the names created", async () => {
    const { root, fake, manifest } = await sandbox("realistic-fleet");
    const production = manifest.environments.find((env) => env.name === "production")!;
    const values = manifest.secrets.map((_, i) => hostileValue(i));
    const result = await runScript({
      script: join(root, "provision/production.remote.sh"),
      cwd: root,
      input: values.map((v) => `${v}\n`).join(""),
      env: fakeEnv(fake, { FAKE_STORE_ID: production.storeId!, FAKE_EXISTING: "" }),
    });
    expect(result.code, result.stderr).toBe(0);
    const created = (await readCalls(fake)).filter((call) => call.command === "wrangler" && call.args[2] === "create").map((call) => call.args[4]);
    expect(created).toEqual(["--name=CATALOG_DATABASE_URL_PROD", "--name=STRIPE_SECRET_KEY", "--name=SESSION_SIGNING_KEY", "--name=SENTRY_DSN"]);
  });

  test("an account without a store: creates one, then asks for the manifest to be updated", async () => {
    const { root, fake } = await sandbox("bundled");
    const newId = "feedfacefeedfacefeedfacefeedface";
    const result = await runScript({
      script: join(root, "provision/production.remote.sh"),
      cwd: root,
      input: "never-read\n",
      env: fakeEnv(fake, { FAKE_STORES: "none", FAKE_NEW_STORE_ID: newId }),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Set environments.production.storeId to "${newId}" in secrets.manifest.ts, run \`pnpm generate\``);
    const wrangler = (await readCalls(fake)).filter((call) => call.command === "wrangler");
    expect(wrangler.map((call) => call.args.slice(0, 3).join(" "))).toEqual(["secrets-store store list", "secrets-store store create"]);
    expect(await readValues(fake)).toEqual([]);
  });

  test("a store id the account does not have stops before anything is created", async () => {
    const { root, fake } = await sandbox("bundled");
    const result = await runScript({
      script: join(root, "provision/production.remote.sh"),
      cwd: root,
      input: "",
      env: fakeEnv(fake, { FAKE_STORE_ID: "0000000000000000000000000000beef" }),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is not in account");
    expect(result.stderr).toContain("Set environments.production.storeId");
    expect(await readValues(fake)).toEqual([]);
  });

  test("no value on stdin stops with the secret's name instead of creating an empty secret", async () => {
    const { root, fake, manifest } = await sandbox("bundled");
    const result = await runScript({
      script: join(root, "provision/production.remote.sh"),
      cwd: root,
      input: "",
      env: fakeEnv(fake, { FAKE_STORE_ID: manifest.environments[0]!.storeId! }),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("No value given for OPENAI_API_KEY");
    expect(await readValues(fake)).toEqual([]);
  });

  test("a prompt answered with the first line of a pasted PEM key stops: nothing cut short is stored, no key text shown", async () => {
    const { root, fake, manifest } = await sandbox("bundled");
    const key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASD==\n-----END PRIVATE KEY-----\n";
    const result = await runScript({
      script: join(root, "provision/production.remote.sh"),
      cwd: root,
      input: key,
      env: fakeEnv(fake, { FAKE_STORE_ID: manifest.environments[0]!.storeId! }),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("OPENAI_API_KEY");
    expect(result.stderr).toContain("--values-from");
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/MIIE|BEGIN PRIVATE/);
    expect(await readValues(fake)).toEqual([]);
  });
});

describe("local seeding script against a fake wrangler", () => {
  test("asks once per secret and seeds every app that binds it, in that app's persist folder", async () => {
    const { root, fake, manifest } = await sandbox("renamed-bindings");
    const staging = manifest.environments.find((env) => env.name === "staging")!;
    const values = manifest.secrets.map((_, i) => hostileValue(i));
    const result = await runScript({
      script: join(root, "tools/provision/staging.local.sh"),
      cwd: "/",
      input: values.map((v) => `${v}\n`).join(""),
      env: fakeEnv(fake, {}),
    });
    expect(result.code, result.stderr).toBe(0);
    const expected = manifest.secrets.flatMap((secret, i) =>
      manifest.workers
        .filter((worker) => worker.environments.find((e) => e.environment === "staging")!.secrets.some((b) => b.secret === secret.name))
        .map((worker) => ({ name: secret.name, value: values[i], dir: worker.dir })),
    );
    expect(await readValues(fake)).toEqual(expected.map(({ name, value }) => ({ name, value })));
    const creates = (await readCalls(fake)).filter((call) => call.command === "wrangler");
    expect(creates.map((call) => call.args)).toEqual(
      expected.map(({ name, dir }) => ["secrets-store", "secret", "create", staging.storeId, `--name=${name}`, "--scopes=workers", `--persist-to=${dir}/.wrangler/state`]),
    );
    const log = creates.map((call) => call.args.join(" ")).join("\n");
    for (const value of values) expect(log).not.toContain(value);
  });
});
