// Reads existing Wrangler configs the way Wrangler does, with Wrangler itself (load-wrangler.ts).
// Wrangler parses each file (TOML, JSON, JSONC) and judges it, at the top level and in every
// [env.*]; a config it rejects stops the import with its complaint. Also notes the fields Wrangler's
// schema does not know, and the names (never the values) in the .dev.vars files beside each config.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { loadWrangler } from "./load-wrangler.ts";
import { findUnknownFields, readConfigSchema } from "./unknown-fields.ts";

export interface WranglerConfigFile {
  /** As given on the command line (or found in a folder given there), for messages. */
  readonly file: string;
  /** The config's folder relative to the output root, POSIX ("" for the root itself). */
  readonly dir: string;
  /** The file name, kept as the worker's `configFile`. */
  readonly configFile: string;
  /** The config as Wrangler parsed it, before Wrangler's own normalisation: what the team wrote. */
  readonly config: Record<string, unknown>;
  /** `.dev.vars` files beside it (relative to the output root) and the variable names they hold. */
  readonly devVars: readonly { readonly file: string; readonly names: readonly string[] }[];
  /** Paths of fields Wrangler's JSON schema does not know (`rules[1].workers_dev`). */
  readonly unknownFields: readonly string[];
}

export type ReadConfigsResult = { readonly ok: true; readonly configs: WranglerConfigFile[] } | { readonly ok: false; readonly errors: string[] };

const CONFIG_NAME = /^wrangler(?:[.-][A-Za-z0-9_.-]+)?\.(?:toml|json|jsonc)$/;
const SKIPPED_FOLDERS = new Set(["node_modules", ".git", ".wrangler", ".tmp", "dist"]);

export async function readWranglerConfigs(paths: readonly string[], options: { cwd: string; root: string }): Promise<ReadConfigsResult> {
  const errors: string[] = [];
  const files = expandFolders(paths, options.cwd, errors);
  const wrangler = await loadWrangler(options.root);
  if ("error" in wrangler) return { ok: false, errors: [...errors, wrangler.error] };
  const schema = wrangler.schemaFile === undefined ? undefined : readConfigSchema(wrangler.schemaFile);
  const configs: WranglerConfigFile[] = [];
  for (const file of files) {
    const path = resolve(options.cwd, file);
    if (!/\.(toml|json|jsonc)$/.test(path)) {
      errors.push(`${file}: not a Wrangler config (expected a .toml, .json or .jsonc file).\n  fix: pass wrangler.toml, wrangler.json or wrangler.jsonc files, or folders holding them`);
      continue;
    }
    const dir = relative(options.root, dirname(path)).split(sep).join("/");
    if (dir === ".." || dir.startsWith("../")) {
      errors.push(`${file} is outside ${options.root}, where the manifest goes.\n  fix: write the manifest in a folder that contains every app (--manifest DIR/secrets.manifest.ts)`);
      continue;
    }
    let config: Record<string, unknown>;
    let env: string | undefined;
    try {
      config = wrangler.readRawConfig({ config: path }).rawConfig as Record<string, unknown>;
      const named = typeof config.env === "object" && config.env !== null ? Object.keys(config.env) : [];
      for (env of [undefined, ...named]) wrangler.readConfig({ config: path, ...(env === undefined ? {} : { env }) }, { hideWarnings: true });
    } catch (error) {
      const where = env === undefined ? "" : ` (with --env ${env})`;
      errors.push(`${file}${lineOf(error)}: Wrangler rejects this config${where}:\n${indent(complaint(error))}\n  fix: correct it until \`wrangler deploy --dry-run -c ${file}${env === undefined ? "" : ` --env ${env}`}\` accepts it, then import again`);
      continue;
    }
    const unknownFields = schema === undefined ? [] : findUnknownFields(schema, config);
    configs.push({ file, dir, configFile: basename(path), config, devVars: readDevVarNames(dirname(path), options.root), unknownFields });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, configs };
}

/** `:LINE:COLUMN` when Wrangler's parser says where (a TOML or JSON syntax error). */
function lineOf(error: unknown): string {
  const location = (error as { location?: { line?: unknown; column?: unknown } } | undefined)?.location;
  return typeof location?.line === "number" ? `:${location.line}${typeof location.column === "number" ? `:${location.column}` : ""}` : "";
}

function complaint(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .join("\n");
}

const indent = (text: string) => text.split("\n").map((line) => `  ${line}`).join("\n");

/** Folders on the command line stand for every wrangler config below them (node_modules and the like aside). */
function expandFolders(paths: readonly string[], cwd: string, errors: string[]): string[] {
  const out: string[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    if (!existsSync(path)) {
      errors.push(`Cannot read ${given}: no such file or folder.\n  fix: pass the path of a wrangler.toml, wrangler.json or wrangler.jsonc, or a folder holding them`);
      continue;
    }
    if (!statSync(path).isDirectory()) {
      out.push(given);
      continue;
    }
    const found = findConfigs(path).map((file) => relative(cwd, file).split(sep).join("/"));
    if (found.length === 0) errors.push(`${given} holds no Wrangler config (wrangler.toml, wrangler.json, wrangler.jsonc or wrangler.<name>.toml and the like).`);
    out.push(...found);
  }
  return [...new Set(out)];
}

function findConfigs(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) out.push(...findConfigs(join(folder, entry.name)));
    else if (entry.isFile() && CONFIG_NAME.test(entry.name)) out.push(join(folder, entry.name));
  }
  return out;
}

/** `.dev.vars` and `.dev.vars.<env>` beside a config: names only; the values are never kept. */
function readDevVarNames(folder: string, root: string): WranglerConfigFile["devVars"] {
  return readdirSync(folder)
    .filter((name) => name === ".dev.vars" || name.startsWith(".dev.vars."))
    .filter((name) => !name.endsWith(".example"))
    .sort()
    .map((name) => ({ file: relative(root, join(folder, name)).split(sep).join("/"), names: Object.keys(parseDotenv(readFileSync(join(folder, name)))) }));
}
