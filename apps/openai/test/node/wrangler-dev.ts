import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { quietEnv } from "./temp-repo.ts";

// The package's exports hide its bin script; find it next to its package.json.
const wranglerBin = join(dirname(createRequire(import.meta.url).resolve("wrangler/package.json")), "bin", "wrangler.js");

interface WranglerCall {
  readonly args: readonly string[];
  readonly cwd: string;
  /** Written to standard input, then closed: how secret values reach wrangler (never `--value`). */
  readonly stdin?: string;
}

function runWrangler(call: WranglerCall): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerBin, ...call.args], { cwd: call.cwd, env: quietEnv() });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`wrangler exited ${code}: ${output}`))));
    child.stdin.end(call.stdin ?? "");
  });
}

export interface LocalSecret {
  readonly storeId: string;
  readonly name: string;
  readonly value: string;
}

/** `wrangler secrets-store secret create` into the local store that `wrangler dev --persist-to` reads. */
export async function seedLocalSecret(secret: LocalSecret, options: { cwd: string; persistTo: string }): Promise<void> {
  await runWrangler({
    args: ["secrets-store", "secret", "create", secret.storeId, "--name", secret.name, "--scopes", "workers", "--persist-to", options.persistTo],
    cwd: options.cwd,
    stdin: secret.value,
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

export interface WranglerDev {
  readonly origin: string;
  /** Everything wrangler printed so far, for assertions and failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface WranglerDevOptions {
  readonly cwd: string;
  readonly config: string;
  readonly persistTo: string;
  readonly vars: Readonly<Record<string, string>>;
}

/** Starts `wrangler dev` on 127.0.0.1 and resolves once it answers HTTP. */
export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  const port = await freePort();
  const vars = Object.entries(options.vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  const args = ["dev", "-c", options.config, "--ip", "127.0.0.1", "--port", String(port)];
  args.push("--persist-to", options.persistTo, "--show-interactive-dev-session=false", ...vars);
  // Its own process group, so stop() also ends the workerd processes wrangler starts.
  const child = spawn(process.execPath, [wranglerBin, ...args], { cwd: options.cwd, env: quietEnv(), detached: true });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const dev = { origin: `http://127.0.0.1:${port}`, output: () => output, stop: () => stopGroup(child) };
  try {
    await waitUntilAnswering(dev.origin, child);
  } catch (error) {
    await dev.stop();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return dev;
}

async function waitUntilAnswering(origin: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    const answered = await fetch(`${origin}/healthz`).then(
      () => true,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("wrangler dev did not answer within 60 s");
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  }, 5_000);
  await exited;
  clearTimeout(timer);
}
