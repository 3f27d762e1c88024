// The project's own wrangler (resolved from the output root), else the one installed beside this
// package: import reads and judges configs with the wrangler that will deploy them. In-process,
// about 5 s; import is not on generate's hot path.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

export interface WranglerReader {
  /** Parses a config (TOML, JSON, JSONC) as Wrangler does, before its normalisation. */
  readonly readRawConfig: (args: { config: string }) => { rawConfig: unknown };
  /** Wrangler's full reading of one environment; throws Wrangler's complaint. */
  readonly readConfig: (args: { config: string; env?: string }, options: { hideWarnings: boolean }) => unknown;
  /** Wrangler's JSON schema of its config (config-schema.json), when the package ships it. */
  readonly schemaFile: string | undefined;
}

/** Where the wrangler package is: its entry module and its config schema. Touches no code of it. */
export function resolveWrangler(root: string): { readonly entry: string; readonly schemaFile: string | undefined } | undefined {
  for (const from of [join(root, "package.json"), import.meta.filename]) {
    let entry: string;
    try {
      entry = createRequire(from).resolve("wrangler");
    } catch {
      continue;
    }
    // wrangler-dist/cli.js -> the package folder, where config-schema.json lives.
    const schemaFile = join(dirname(dirname(entry)), "config-schema.json");
    return { entry, schemaFile: existsSync(schemaFile) ? schemaFile : undefined };
  }
  return undefined;
}

export async function loadWrangler(root: string): Promise<WranglerReader | { readonly error: string }> {
  const found = resolveWrangler(root);
  if (found === undefined) return { error: "wrangler is not installed here; import reads configs with Wrangler itself.\n  fix: npm install --save-dev wrangler" };
  const wrangler = (await import(pathToFileURL(found.entry).href)) as Partial<typeof import("wrangler")>;
  if (typeof wrangler.experimental_readRawConfig !== "function" || typeof wrangler.unstable_readConfig !== "function") {
    return { error: `The installed wrangler (${found.entry}) cannot read configs for import (no experimental_readRawConfig / unstable_readConfig).\n  fix: install wrangler 4: npm install --save-dev wrangler` };
  }
  return {
    readRawConfig: wrangler.experimental_readRawConfig as WranglerReader["readRawConfig"],
    readConfig: wrangler.unstable_readConfig as WranglerReader["readConfig"],
    schemaFile: found.schemaFile,
  };
}
