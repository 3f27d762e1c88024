// Compares generated files with the tree: what to create, update, keep, delete, and what it must not
// touch: a file at a generated path without a real stamp (the user's), a stamped file edited by hand,
// and any path that leads outside the output root through a symlink. `force` lets generate replace
// the first two (never the third, and never deletes an unstamped file).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import type { GeneratedFile, GeneratedFileKind, ResolvedManifest } from "../manifest/model.ts";
import { readStamp } from "../generate/header.ts";
import { createEscapeFinder } from "./inside-root.ts";
import { findLeftovers } from "./leftovers.ts";

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
  /** The file on disk was stamped and then edited by hand: a conflict too, unless forced. */
  readonly edited?: boolean;
}

export type ConflictReason = "not-generated" | "edited" | "outside-root";

export interface WriteConflict {
  readonly path: string;
  readonly reason: ConflictReason;
  /** What the generator meant to do with it. */
  readonly action: "write" | "delete";
  /** For outside-root: where the path really leads. */
  readonly resolved?: string;
}

export interface WritePlan {
  readonly root: string;
  readonly changes: readonly FileChange[];
  /** Paths the generator must not write or delete; generate stops on any of them. */
  readonly conflicts: readonly WriteConflict[];
  /** Temporary files left by an interrupted run, to delete. */
  readonly leftovers: readonly string[];
}

export interface PlanWritesOptions {
  readonly root: string;
  readonly files: readonly GeneratedFile[];
  readonly manifest: ResolvedManifest;
  /** Replace unstamped files at generated paths and stamped files edited by hand. */
  readonly force?: boolean;
}

export function planWrites(options: PlanWritesOptions): WritePlan {
  const { root, files } = options;
  const force = options.force ?? false;
  const planned = new Set(files.map((file) => file.path));
  const changes: FileChange[] = [];
  const conflicts: WriteConflict[] = [];
  const findEscape = createEscapeFinder(root);
  for (const file of files) {
    const escape = findEscape(file.path);
    if (escape !== undefined) {
      conflicts.push({ path: file.path, reason: "outside-root", action: "write", resolved: escape });
      continue;
    }
    const current = readIfExists(join(root, file.path));
    const base = { path: file.path, kind: file.kind, worker: file.worker, environment: file.environment, next: file.contents };
    if (current === undefined) {
      changes.push({ ...base, action: "create" });
      continue;
    }
    const stamp = readStamp(current);
    if (current === file.contents) changes.push({ ...base, action: "unchanged", current });
    else if (stamp === undefined && !force) conflicts.push({ path: file.path, reason: "not-generated", action: "write" });
    else {
      // An edited file is still a change (a check shows its diff); without force it is also a conflict.
      if (stamp?.edited && !force) conflicts.push({ path: file.path, reason: "edited", action: "write" });
      changes.push({ ...base, action: "update", current, ...(stamp?.edited ? { edited: true } : {}) });
    }
  }
  const candidates = findGeneratedFiles(root, options.manifest).filter((path) => !planned.has(path));
  for (const path of candidates) {
    // Reading through a link is harmless; only a file this generator would delete can be in the way.
    const current = readIfExists(join(root, path));
    const stamp = current === undefined ? undefined : readStamp(current);
    if (stamp === undefined) continue;
    const escape = findEscape(path);
    if (escape !== undefined) {
      conflicts.push({ path, reason: "outside-root", action: "delete", resolved: escape });
      continue;
    }
    if (stamp.edited && !force) conflicts.push({ path, reason: "edited", action: "delete" });
    changes.push({ path, kind: kindOf(path), action: "delete", current, ...(stamp.edited ? { edited: true } : {}) });
  }
  changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const known = [...planned, ...candidates];
  const leftovers = findLeftovers(root, known.map((path) => posix.dirname(path)), new Set(known.map((path) => posix.basename(path)))).filter(
    (path) => findEscape(path) === undefined,
  );
  return { root, changes, conflicts, leftovers };
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
  return plan.leftovers.length > 0 || plan.changes.some((change) => change.action !== "unchanged");
}

