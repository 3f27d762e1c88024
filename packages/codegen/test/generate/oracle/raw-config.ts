// Wrangler configs as written by hand (TOML, JSON or JSONC on disk; JSONC read with TypeScript's
// reader) turned into what the Env types renderer reads: one complete config per environment.
import { readFile } from "node:fs/promises";
import { parse as parseToml } from "smol-toml";
import ts from "typescript";
import type { EnvTypesWorker } from "../../../src/generate/env-types.ts";

export type RawConfig = Record<string, unknown> & { env?: Record<string, Record<string, unknown>> };

export async function readRawConfig(path: string): Promise<RawConfig> {
  const text = await readFile(path, "utf8");
  return path.endsWith(".toml") ? (parseToml(text) as RawConfig) : parseJsonc(text, path);
}

export function parseJsonc(text: string, path: string): RawConfig {
  const parsed = ts.parseConfigFileTextToJson(path, text);
  if (parsed.error !== undefined) throw new Error(`${path}: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, "\n")}`);
  return parsed.config as RawConfig;
}

/** The config without its named environments: what Wrangler reads for the top level alone. */
export function topLevelOf(config: RawConfig): Record<string, unknown> {
  const { env: _named, ...top } = config;
  return top;
}

/**
 * The config's sections as the renderer's input: the top level is `defaultEnvironment`. A named
 * section gets what Wrangler inherits into it and the renderer reads: `main` (the renderer falls
 * back to the worker's) and `assets`, the one inheritable binding.
 */
export function workerFromRawConfig(
  config: RawConfig,
  options: { id: string; configFile: string; envTypesFile: string; defaultEnvironment: string },
): EnvTypesWorker {
  const top = topLevelOf(config);
  const name = String(top["name"]);
  return {
    id: options.id,
    dir: ".",
    configFile: options.configFile,
    envTypesFile: options.envTypesFile,
    main: String(top["main"]),
    environments: [
      { environment: options.defaultEnvironment, isDefault: true, workerName: name, config: top },
      ...Object.entries(config.env ?? {}).map(([environment, section]) => ({
        environment,
        isDefault: false,
        workerName: typeof section["name"] === "string" ? section["name"] : `${name}-${environment}`,
        config: section["assets"] === undefined && top["assets"] !== undefined ? { ...section, assets: top["assets"] } : section,
      })),
    ],
  };
}
