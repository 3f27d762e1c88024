// Test sandboxes live under the repository's .tmp/ so that a manifest copied there still resolves
// `@secrets-manifest/codegen` and the installed wrangler, exactly as in a user's repository.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const CODEGEN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const REPO_ROOT = resolve(CODEGEN_DIR, "../..");
export const BIN = join(CODEGEN_DIR, "bin/secrets-manifest.js");
export const BUNDLED_MANIFEST = join(REPO_ROOT, "secrets.manifest.ts");

export function makeSandbox(name: string): string {
  const base = join(REPO_ROOT, ".tmp");
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${name}-`));
}

export function removeSandbox(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function copyBundledManifest(dir: string): string {
  const target = join(dir, "secrets.manifest.ts");
  copyFileSync(BUNDLED_MANIFEST, target);
  return target;
}

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv }): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    input: options.input ?? "",
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function startCli(args: readonly string[], options: { cwd: string }) {
  return spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: { ...process.env, NO_COLOR: "1" }, stdio: "pipe" });
}

/** Every file below `dir` with its content hash and mtime: compare two of these to prove nothing changed. */
export function snapshotTree(dir: string): Map<string, { hash: string; mtimeMs: number }> {
  const out = new Map<string, { hash: string; mtimeMs: number }>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.set(relative(dir, full), { hash: createHash("sha256").update(readFileSync(full)).digest("hex"), mtimeMs: statSync(full).mtimeMs });
    }
  };
  walk(dir);
  return out;
}
