// The writer never writes or deletes through a path that leaves the output root: a symlinked app
// folder (or file) pointing elsewhere would otherwise receive generated files, or lose stamped ones,
// outside the repository.
import { existsSync, lstatSync, realpathSync } from "node:fs";
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
  return createEscapeFinder(root)(path);
}

/**
 * findEscape for many paths under one root: each folder is resolved once (2,000 files of 1,000 apps
 * share 2,000 folders, not 6,000 path walks), and a file itself only when it is a symlink.
 */
export function createEscapeFinder(root: string): (path: string) => string | undefined {
  const realRoot = resolveRoot(root);
  const folders = new Map<string, string>([[".", realRoot]]);
  // One lstat per folder: a folder that is not a link resolves to its resolved parent + its name.
  const folder = (dir: string): string => {
    let resolved = folders.get(dir);
    if (resolved === undefined) {
      resolved = isSymlink(join(root, dir)) ? resolveThroughLinks(root, dir) : join(folder(dirname(dir)), dir.slice(dirname(dir).length).replace(/^[\\/]+/, ""));
      folders.set(dir, resolved);
    }
    return resolved;
  };
  return (path) => {
    const file = join(root, path);
    const resolved = isSymlink(file) ? resolveThroughLinks(root, path) : join(folder(dirname(path)), file.slice(dirname(file).length + 1));
    const rel = relative(realRoot, resolved);
    const inside = rel === "" || (!isAbsolute(rel) && rel !== ".." && !rel.startsWith(`..${sep}`));
    return inside ? undefined : resolved;
  };
}

/** The root as it really is; a root that does not exist yet is where generate will create it. */
function resolveRoot(root: string): string {
  return resolveThroughLinks(root, ".");
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
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
  return `${path} leads to ${escape}, outside the output root ${resolveRoot(root)} (through a symlink); refusing to write or delete there.`;
}
