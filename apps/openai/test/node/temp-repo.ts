import { execFile } from "node:child_process";
import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const APP_DIR = resolve(import.meta.dirname, "../..");
export const REPO_ROOT = resolve(APP_DIR, "../..");

export interface TempRepo {
  readonly root: string;
  readonly appDir: string;
  remove(): Promise<void>;
}

/**
 * A throwaway copy of the repository root with only this app in it (its src and tsconfig), and
 * node_modules linked to the real ones, so tsc and the generator resolve packages as in the repo.
 * Tests change the copy, never the real tree.
 */
export async function createTempRepo(): Promise<TempRepo> {
  const root = await mkdtemp(join(tmpdir(), "secrets-manifest-openai-"));
  const appDir = join(root, "apps", "openai");
  await cp(join(REPO_ROOT, "tsconfig.base.json"), join(root, "tsconfig.base.json"));
  await cp(join(APP_DIR, "src"), join(appDir, "src"), { recursive: true });
  for (const file of ["package.json", "tsconfig.json"]) await cp(join(APP_DIR, file), join(appDir, file));
  await symlink(join(REPO_ROOT, "node_modules"), join(root, "node_modules"), "dir");
  await symlink(join(APP_DIR, "node_modules"), join(appDir, "node_modules"), "dir");
  return { root, appDir, remove: () => rm(root, { recursive: true, force: true }) };
}

export interface CommandResult {
  readonly exitCode: number;
  readonly output: string;
}

/** Runs a Node script; resolves with its exit code and combined output instead of throwing. */
export async function runNode(args: readonly string[], cwd: string): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...args], { cwd, env: quietEnv() });
    return { exitCode: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: failed.code ?? 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

const require = createRequire(import.meta.url);

/** The `error TS` lines of tsc output. */
export function errorLines(output: string): string[] {
  return output.split("\n").filter((line) => line.includes("error TS"));
}

/** `tsc --noEmit -p <appDir>` with this app's TypeScript. */
export function typecheck(appDir: string): Promise<CommandResult> {
  return runNode([require.resolve("typescript/bin/tsc"), "--noEmit", "-p", appDir], appDir);
}

export function quietEnv(): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", NO_COLOR: "1" };
}
