// Compares generated files with the tree: what to create, update, keep, delete, and what it must not
// touch (a file at a generated path that does not carry the stamp).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import type { GeneratedFile, GeneratedFileKind, ResolvedManifest } from "../manifest/model.ts";
import { isGenerated } from "../generate/header.ts";

export type ChangeAction = "create" | "update" | "unchanged" | "delete";

export interface FileChange {
  readonly path: string;
  readonly kind: GeneratedFileKind;
  readonly worker?: string;
  readonly environment?: string;
  readonly action: ChangeAction;
  /** What is on disk now (undefined when absent). */
  readonly current?: string;
  /** What should be there (undefined for deletions). */
  readonly next?: string;
}

export interface WritePlan {
  readonly root: string;
  readonly changes: readonly FileChange[];
  /** Paths the generator would write but that were not generated: never overwritten. */
  readonly conflicts: readonly string[];
}

export function planWrites(options: { root: string; files: readonly GeneratedFile[]; manifest: ResolvedManifest }): WritePlan {
  const { root, files } = options;
  const planned = new Set(files.map((file) => file.path));
  const changes: FileChange[] = [];
  const conflicts: string[] = [];
  for (const file of files) {
    const current = readIfExists(join(root, file.path));
    const base = { path: file.path, kind: file.kind, worker: file.worker, environment: file.environment, next: file.contents };
    if (current === undefined) changes.push({ ...base, action: "create" });
    else if (!isGenerated(current)) conflicts.push(file.path);
    else if (current === file.contents) changes.push({ ...base, action: "unchanged", current });
    else changes.push({ ...base, action: "update", current });
  }
  for (const path of findGeneratedFiles(root, options.manifest)) {
    if (planned.has(path)) continue;
    const current = readIfExists(join(root, path));
    if (current === undefined || !isGenerated(current)) continue;
    changes.push({ path, kind: kindOf(path), action: "delete", current });
  }
  changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { root, changes, conflicts };
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Where earlier runs may have left files: app folders beside the current ones (a removed worker's
 * folder included) and the provisioning folder. Only stamped files are ever candidates for deletion.
 */
function findGeneratedFiles(root: string, manifest: ResolvedManifest): string[] {
  const appParents = new Set(["apps", ...manifest.workers.map((worker) => posix.dirname(worker.dir))]);
  const found: string[] = [];
  for (const parent of appParents) {
    for (const app of listDir(join(root, parent))) {
      const appDir = posix.join(parent, app);
      for (const name of listDir(join(root, appDir))) {
        if (WRANGLER_CONFIG_NAME.test(name)) found.push(posix.join(appDir, name));
      }
      if (existsSync(join(root, appDir, "src", "env.generated.ts"))) found.push(posix.join(appDir, "src", "env.generated.ts"));
    }
  }
  for (const name of listDir(join(root, manifest.provisionDir))) {
    if (/\.(sh|ps1)$/.test(name)) found.push(posix.join(manifest.provisionDir, name));
  }
  return found;
}

/** Config names an earlier run may have written: `wrangler-<app>.toml`, `wrangler.jsonc`, ... */
const WRANGLER_CONFIG_NAME = /^wrangler(?:[-.].+)?\.(?:toml|json|jsonc)$/;

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function kindOf(path: string): GeneratedFileKind {
  if (/\.(?:toml|jsonc?)$/.test(path)) return "wrangler-config";
  if (path.endsWith(".ts")) return "env-types";
  if (path.endsWith(".md")) return "secrets-matrix";
  return "provision-script";
}

export function hasPendingChanges(plan: WritePlan): boolean {
  return plan.changes.some((change) => change.action !== "unchanged");
}

