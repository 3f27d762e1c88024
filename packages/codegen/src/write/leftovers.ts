// Temporary files of an interrupted run. The writer writes `<file>.<pid>.<8 hex>.tmp` beside each
// target and renames it into place; a `kill -9` between the two leaves it behind. Only names of
// that exact shape, for a file the generator writes, whose process is gone, count as ours.
import { readdirSync } from "node:fs";
import { join, posix } from "node:path";
import { randomBytes } from "node:crypto";

const TEMPORARY = /^(.+)\.(\d+)\.([0-9a-f]{8})\.tmp$/;
const GENERATED_NAME = /^(?:wrangler-.+\.toml|env\.generated\.ts|SECRETS\.md|.+\.sh|.+\.ps1)$/;

/** The temporary sibling a write goes through. */
export function temporaryName(target: string): string {
  return `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
}

/**
 * Leftover temporary files in the given folders (relative to root, POSIX), as paths relative to root.
 * `names` are the file names the generator writes or may delete in those folders.
 */
export function findLeftovers(root: string, folders: Iterable<string>, names: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const folder of new Set(folders)) {
    for (const entry of listDir(join(root, folder))) {
      const match = TEMPORARY.exec(entry);
      if (!match) continue;
      const [, base, pid] = match;
      if (!names.has(base!) && !GENERATED_NAME.test(base!)) continue;
      if (isRunning(Number(pid))) continue; // a generate still at work: its file is not a leftover
      found.push(folder === "." ? entry : posix.join(folder, entry));
    }
  }
  return found.sort();
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
