// A stand-in for wrangler that records every call, plus PATH shims that record the arguments of
// every external command a provisioning script runs: together they show where a value travelled.
import { execFileSync, spawn } from "node:child_process";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

// Written with %{ for bash's ${ so that the template literal stays raw.
const FAKE_WRANGLER = String.raw`#!/usr/bin/env bash
# Behaviour comes from FAKE_* variables; every call is logged, NUL-separated, one call per line.
{ printf 'wrangler\0@cwd=%s\0@account=%s\0@metrics=%s\0@apikey=%s\0@email=%s\0@cfapikey=%s\0@cfemail=%s\0@log=%s' "$PWD" "%{CLOUDFLARE_ACCOUNT_ID:-}" "%{WRANGLER_SEND_METRICS:-}" "%{CLOUDFLARE_API_KEY-(unset)}" "%{CLOUDFLARE_EMAIL-(unset)}" "%{CF_API_KEY-(unset)}" "%{CF_EMAIL-(unset)}" "%{WRANGLER_LOG-(unset)}"
  printf '\0%s' "$@"; printf '\n'; } >> "$FAKE_LOG"
name=''
previous=''
for arg in "$@"; do
  if [[ "$previous" == --name ]]; then name=$arg; fi
  if [[ "$arg" == --name=* ]]; then name=%{arg#--name=}; fi
  previous=$arg
done
case " $* " in
  *" store list "*)
    if [[ "%{FAKE_STORES:-}" == none ]]; then echo 'X [ERROR] List request returned no stores.' >&2; exit 1; fi
    printf '\xe2\x94\x82 Name \xe2\x94\x82 ID \xe2\x94\x82\n\xe2\x94\x82 default_secrets_store \xe2\x94\x82 %s \xe2\x94\x82\n' "$FAKE_STORE_ID"
    ;;
  *" store create "*)
    echo "Creating store... (Name: default_secrets_store)"
    echo "Created store! (Name: default_secrets_store, ID: $FAKE_NEW_STORE_ID)"
    ;;
  *" secret list "*)
    if [[ -z "%{FAKE_EXISTING:-}" ]]; then echo 'X [ERROR] List request returned no secrets.' >&2; exit 1; fi
    printf '\xe2\x94\x82 Name \xe2\x94\x82 ID \xe2\x94\x82 Comment \xe2\x94\x82\n'
    for existing in $FAKE_EXISTING; do
      printf '\xe2\x94\x82 %s \xe2\x94\x82 0f0f \xe2\x94\x82 %s \xe2\x94\x82\n' "$existing" "%{FAKE_COMMENT_MENTIONS:-}"
    done
    ;;
  *" secret create "*)
    value=$(cat; printf x)
    value=%{value%x}
    printf '%s\t%s\n' "$name" "$value" >> "$FAKE_VALUES"
    if [[ " %{FAKE_CONFLICT:-} " == *" $name "* ]]; then
      echo 'X [ERROR] A request to the Cloudflare API failed. Secret with this name already exists [code: 1001]' >&2
      exit 1
    fi
    echo "Created secret! (ID: 0123456789abcdef0123456789abcdef)"
    ;;
  *) echo "fake wrangler: unexpected call: $*" >&2; exit 2 ;;
esac
`.replaceAll("%{", "${");

const SHIMMED = ["dirname", "grep", "awk", "sed", "head", "cat", "tail", "cut", "tr", "env", "printf"];

export interface FakeWrangler {
  readonly dir: string;
  readonly wrangler: string;
  readonly log: string;
  readonly values: string;
  /** PATH with the recording shims first. */
  readonly path: string;
}

export async function installFakeWrangler(dir: string): Promise<FakeWrangler> {
  const bin = join(dir, "shims");
  await mkdir(bin, { recursive: true });
  const log = join(dir, "argv.log");
  const wrangler = join(dir, "fake-wrangler.sh");
  await writeFile(wrangler, FAKE_WRANGLER);
  await chmod(wrangler, 0o755);
  for (const command of SHIMMED) {
    const real = execFileSync("bash", ["-c", `type -P ${command}`], { encoding: "utf8" }).trim();
    const shim = `#!/bin/bash\n{ printf '%s' ${command}; printf '\\0%s' "$@"; printf '\\n'; } >> "$FAKE_LOG"\nexec ${real} "$@"\n`;
    await writeFile(join(bin, command), shim);
    await chmod(join(bin, command), 0o755);
  }
  return { dir, wrangler, log, values: join(dir, "values.tsv"), path: `${bin}:${process.env.PATH ?? ""}` };
}

export interface Call {
  readonly command: string;
  readonly args: readonly string[];
  readonly meta: Readonly<Record<string, string>>;
}

export async function readCalls(fake: FakeWrangler): Promise<Call[]> {
  const text = await readFile(fake.log, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [command, ...rest] = line.split("\0");
      const meta = Object.fromEntries(rest.filter((arg) => arg.startsWith("@")).map((arg) => arg.slice(1).split(/=(.*)/s, 2) as [string, string]));
      return { command: command!, args: rest.filter((arg) => !arg.startsWith("@")), meta };
    });
}

export async function readValues(fake: FakeWrangler): Promise<{ name: string; value: string }[]> {
  const text = await readFile(fake.values, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [name, value] = line.split("\t") as [string, string];
      return { name, value };
    });
}

export interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runScript(options: { script: string; cwd: string; input: string; env: NodeJS.ProcessEnv }): Promise<ScriptRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("bash", [options.script], { cwd: options.cwd, env: options.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(options.input);
  });
}
