// Loads `secrets.manifest.ts` without a build step: Node >= 22.18 strips TypeScript types natively.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

export class ManifestLoadError extends Error {
  override readonly name = "ManifestLoadError";
}

export interface LoadedManifest {
  /** The module's default export, not yet validated. */
  readonly input: unknown;
  /** The source text, for mapping issues to line:column. */
  readonly source: string;
}

export async function readManifest(file: string): Promise<LoadedManifest> {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (error) {
    throw new ManifestLoadError(
      `Cannot read the manifest ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.\n` +
        "  fix: run from the folder that holds secrets.manifest.ts, or pass --manifest FILE",
    );
  }
  const url = pathToFileURL(file);
  let module: { default?: unknown };
  try {
    module = (await import(url.href)) as { default?: unknown };
  } catch (error) {
    throw new ManifestLoadError(`Cannot load the manifest ${file}:\n  ${describeLoadError(error)}`);
  }
  if (module.default === undefined) {
    throw new ManifestLoadError(
      `The manifest ${file} has no default export.\n  fix: export default defineManifest({ ... })`,
    );
  }
  return { input: module.default, source };
}

function describeLoadError(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  if (err.code === "ERR_UNKNOWN_FILE_EXTENSION") {
    return `this Node.js (${process.version}) cannot load TypeScript.\n  fix: use Node.js 22.18 or later (the project pins 24 in .node-version)`;
  }
  if (err.code === "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX") {
    return `${err.message}\n  fix: the manifest must use erasable TypeScript only (no enums or namespaces)`;
  }
  const firstFrame = err.stack?.split("\n").find((line) => line.includes(".ts:"))?.trim();
  return `${err.message ?? String(error)}${firstFrame ? `\n  ${firstFrame}` : ""}`;
}
