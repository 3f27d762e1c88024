// For the local-store tests: probe Workers that answer with a hash of a bound secret (never the
// value), and a real `wrangler dev` to ask them.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/sandbox.ts";

export const WRANGLER_BIN = join(REPO_ROOT, "node_modules/wrangler/bin/wrangler.js");

const PROBE = `// Answers GET /<BINDING> with the SHA-256 of the secret's value, never the value itself.
export default {
  async fetch(request: Request, env: Record<string, { get(): Promise<string> }>): Promise<Response> {
    const binding = env[new URL(request.url).pathname.slice(1)];
    if (binding === undefined) return new Response("no such binding", { status: 404 });
    try {
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(await binding.get()));
      return new Response([...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join(""));
    } catch (error) {
      return new Response("get() failed: " + String(error), { status: 500 });
    }
  },
};
`;

export function writeProbeWorkers(root: string, appDirs: readonly string[]): void {
  for (const dir of appDirs) {
    mkdirSync(join(root, dir, "src"), { recursive: true });
    writeFileSync(join(root, dir, "src/index.ts"), PROBE);
  }
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export interface DevServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** `wrangler dev -c <config> [--env E]` from another folder, exactly as an app's `pnpm dev` runs it. */
export async function startWranglerDev(options: { cwd: string; config: string; env?: string; extraEnv?: NodeJS.ProcessEnv }): Promise<DevServer> {
  const [port, inspector] = [await freePort(), await freePort()];
  const args = [WRANGLER_BIN, "dev", "-c", options.config, "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--show-interactive-dev-session=false"];
  if (options.env) args.push("--env", options.env);
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", ...options.extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        resolve();
      }
    });
  const deadline = Date.now() + 60_000;
  while (!/Ready on/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url: `http://127.0.0.1:${port}`, stop };
}
