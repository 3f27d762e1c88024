// Loads `secrets.manifest.ts` without a build step: Node strips TypeScript types natively (on by
// default from 22.18 and 23.6; `engines` and the bin say so).
import { readFileSync } from "node:fs";
import module from "node:module";
import { dirname } from "node:path";
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
  let loaded: { default?: unknown };
  try {
    loaded = await importAsModule(url.href);
  } catch (error) {
    throw new ManifestLoadError(`Cannot load the manifest ${file}:\n  ${describeLoadError(error, file)}`);
  }
  if (loaded.default === undefined) {
    throw new ManifestLoadError(
      `The manifest ${file} has no default export.\n  fix: export default defineManifest({ ... })`,
    );
  }
  return { input: loaded.default, source };
}

/**
 * The manifest is an ES module, but Node reads a `.ts` file as CommonJS when the nearest package.json
 * says `"type": "commonjs"` (which `npm init` writes). A load hook, only for the manifest's own URL and
 * only while it loads, tells Node what the file is, so no project has to change its module type.
 */
async function importAsModule(href: string): Promise<{ default?: unknown }> {
  const hooks = module.registerHooks?.({
    load(url, context, nextLoad) {
      if (url !== href) return nextLoad(url, context);
      const result = nextLoad(url, context);
      return result.format === "commonjs-typescript" ? nextLoad(url, { ...context, format: "module-typescript" }) : result;
    },
  });
  try {
    return (await import(href)) as { default?: unknown };
  } finally {
    hooks?.deregister();
  }
}

function describeLoadError(error: unknown, file: string): string {
  const err = error as NodeJS.ErrnoException;
  if (err.code === "ERR_UNKNOWN_FILE_EXTENSION") {
    return (
      `this Node.js (${process.version}) does not strip TypeScript types, so it cannot load a .ts manifest.\n` +
      "  fix: use Node.js 22.18 or later (23.6 or later on the 23 line), without --no-experimental-strip-types"
    );
  }
  if (err.code === "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX") {
    return `${err.message}\n  fix: the manifest must use erasable TypeScript only (no enums or namespaces)`;
  }
  const missing = err.code === "ERR_MODULE_NOT_FOUND" ? /Cannot find package '([^']+)'/.exec(err.message)?.[1] : undefined;
  if (missing) {
    return (
      `${err.message}\n  The manifest imports "${missing}", which is not installed where the manifest is (${dirname(file)}).\n` +
      `  fix: install it in that project: npm install --save-dev ${missing} (or pnpm add -D / yarn add -D)`
    );
  }
  const firstFrame = err.stack?.split("\n").find((line) => line.includes(".ts:"))?.trim();
  return `${err.message ?? String(error)}${firstFrame ? `\n  ${firstFrame}` : ""}`;
}
