// The writer never writes or deletes through a path that leaves the output root: a symlinked app
// folder (or file) pointing elsewhere would otherwise receive generated files, or lose stamped ones,
// outside the repository.
import { existsSync, realpathSync } from "node:fs";
import { dirname, join, relative, isAbsolute, sep } from "node:path";

/**
 * Where `path` (relative to `root`) really leads, following every symlink that exists along it.
 * Parts that do not exist yet are appended as they are: the writer creates them as real folders.
 */
export function resolveThroughLinks(root: string, path: string): string {
  const target = join(root, path);
  const missing: string[] = [];
  for (let current = target; ; current = dirname(current)) {
    // existsSync follows links: a dangling link counts as missing, and rename replaces the link itself.
    if (existsSync(current)) return join(realpathSync(current), ...missing.reverse());
    if (dirname(current) === current) return target;
    missing.push(current.slice(dirname(current).length).replace(/^[\\/]+/, ""));
  }
}

/** Undefined when `path` stays inside `root`; otherwise where it leads, for the error message. */
export function findEscape(root: string, path: string): string | undefined {
  const realRoot = realpathSync(root);
  const resolved = resolveThroughLinks(root, path);
  const rel = relative(realRoot, resolved);
  const inside = rel === "" || (!isAbsolute(rel) && rel !== ".." && !rel.startsWith(`..${sep}`));
  return inside ? undefined : resolved;
}

export class OutsideRootError extends Error {
  override readonly name = "OutsideRootError";
}

/** Throws OutsideRootError when `path` leads outside `root`: the last check before a write or delete. */
export function assertInsideRoot(root: string, path: string): void {
  const escape = findEscape(root, path);
  if (escape !== undefined) throw new OutsideRootError(describeEscape(path, escape, root));
}

export function describeEscape(path: string, escape: string, root: string): string {
  return `${path} leads to ${escape}, outside the output root ${realpathSync(root)} (through a symlink); refusing to write or delete there.`;
}
