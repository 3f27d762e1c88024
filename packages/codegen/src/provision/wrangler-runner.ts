// Runs the real wrangler. Values travel on standard input only, never in arguments. `WRANGLER` may
// name an executable or a command line (as in the generated scripts); otherwise the wrangler
// installed for the output root runs under this Node.js.
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { GLOBAL_KEY_VARIABLES } from "./global-key.ts";

export interface WranglerResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface WranglerRunOptions {
  /** Written to standard input, which is then closed. Without it standard input is closed at once. */
  readonly input?: string;
  readonly env?: Readonly<Record<string, string>>;
}

export interface WranglerRunner {
  /** For messages: how wrangler is started. */
  readonly command: string;
  run(args: readonly string[], options?: WranglerRunOptions): Promise<WranglerResult>;
}

export class WranglerNotFoundError extends Error {
  override readonly name = "WranglerNotFoundError";
}

export function createWranglerRunner(options: { cwd: string; env: NodeJS.ProcessEnv }): WranglerRunner {
  const [file, ...prefix] = resolveCommand(options.cwd, options.env);
  const baseEnv = childEnv(options.env);
  return {
    command: [file, ...prefix].join(" "),
    run(args, runOptions = {}) {
      return new Promise((resolve, reject) => {
        const child = spawn(file!, [...prefix, ...args], {
          cwd: options.cwd,
          env: { ...baseEnv, ...runOptions.env },
          stdio: ["pipe", "pipe", "pipe"],
        });
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
        child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
        child.on("error", (error) => reject(new WranglerNotFoundError(`Cannot start wrangler (${file}): ${error.message}.\n  fix: install wrangler in the project, or set WRANGLER`)));
        child.on("close", (code) => resolve({ status: code ?? 1, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") }));
        // A wrangler that exits before reading its input must not crash this process.
        child.stdin.on("error", () => {});
        child.stdin.end(runOptions.input ?? "");
      });
    },
  };
}

function resolveCommand(cwd: string, env: NodeJS.ProcessEnv): string[] {
  const override = env.WRANGLER?.trim();
  if (override) {
    if (isExecutable(override)) return [override];
    return override.split(/\s+/);
  }
  try {
    const require = createRequire(join(cwd, "package.json"));
    const packageJson = require.resolve("wrangler/package.json");
    return [process.execPath, join(dirname(packageJson), "bin", "wrangler.js")];
  } catch {
    throw new WranglerNotFoundError(
      `wrangler is not installed for ${cwd}.\n  fix: add it to the project (pnpm add -D wrangler), or set WRANGLER to the command that runs it`,
    );
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * wrangler would take CLOUDFLARE_API_KEY with CLOUDFLARE_EMAIL (or, when those are unset, their
 * deprecated names CF_API_KEY and CF_EMAIL) as a legacy global key, ahead of the token; that name is
 * one of this project's secrets, so only CLOUDFLARE_API_TOKEN may authenticate. Debug logs are kept
 * off because they may record request bodies.
 */
function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const name of GLOBAL_KEY_VARIABLES) delete out[name];
  return { ...out, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", WRANGLER_LOG: "log", FORCE_COLOR: "0", NO_COLOR: "1" };
}
