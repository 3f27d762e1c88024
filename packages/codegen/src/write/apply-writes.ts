// Applies a write plan. Each file is written to a temporary sibling and renamed into place, so a
// reader (or a crash) never sees half a file; unchanged files are not touched, keeping their mtime.
// Every write and delete checks again, just before it happens, that the path stays inside the root.
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { WritePlan } from "./plan-writes.ts";
import { assertInsideRoot } from "./inside-root.ts";
import { temporaryName } from "./leftovers.ts";

export type FileStatus = "written" | "unchanged" | "deleted" | "stale";

export interface AppliedFile {
  readonly path: string;
  readonly status: FileStatus;
}

export function applyWrites(plan: WritePlan): AppliedFile[] {
  if (plan.conflicts.length > 0) throw new Error("applyWrites called with conflicts; plan first and stop on conflicts");
  for (const leftover of plan.leftovers) {
    assertInsideRoot(plan.root, leftover);
    rmSync(join(plan.root, leftover), { force: true });
  }
  return plan.changes.map((change) => {
    const target = join(plan.root, change.path);
    if (change.action !== "unchanged") assertInsideRoot(plan.root, change.path);
    switch (change.action) {
      case "unchanged":
        return { path: change.path, status: "unchanged" };
      case "delete":
        rmSync(target, { force: true });
        return { path: change.path, status: "deleted" };
      case "create":
      case "update":
        writeAtomically(target, change.next ?? "", change.path.endsWith(".sh") ? 0o755 : 0o644);
        return { path: change.path, status: "written" };
    }
  });
}

function writeAtomically(target: string, contents: string, mode: number): void {
  mkdirSync(dirname(target), { recursive: true });
  const temporary = temporaryName(target);
  try {
    writeFileSync(temporary, contents, { mode });
    // writeFileSync's mode is filtered by the umask; scripts must stay executable.
    chmodSync(temporary, mode);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
