// Reads existing Wrangler configs: TOML through smol-toml, JSON and JSONC (comments, trailing
// commas) through TypeScript's own JSONC reader, which ts-morph ships.
import { readFileSync } from "node:fs";
import { basename, dirname, relative, resolve, sep } from "node:path";
import { parse as parseToml } from "smol-toml";

export interface WranglerConfigFile {
  /** As given on the command line, for messages. */
  readonly file: string;
  /** The config's folder relative to the output root, POSIX. */
  readonly dir: string;
  readonly config: Record<string, unknown>;
}

export type ReadConfigsResult = { readonly ok: true; readonly configs: WranglerConfigFile[] } | { readonly ok: false; readonly errors: string[] };

export async function readWranglerConfigs(files: readonly string[], options: { cwd: string; root: string }): Promise<ReadConfigsResult> {
  const configs: WranglerConfigFile[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const path = resolve(options.cwd, file);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      errors.push(`Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).\n  fix: pass the path of a wrangler.toml, wrangler.json or wrangler.jsonc`);
      continue;
    }
    const parsed = await parseConfig(basename(path), text);
    if ("error" in parsed) {
      errors.push(`${file}: ${parsed.error}\n  fix: check that \`wrangler deploy --dry-run -c ${file}\` accepts it`);
      continue;
    }
    const dir = relative(options.root, dirname(path)).split(sep).join("/");
    if (dir.startsWith("..")) {
      errors.push(`${file} is outside ${options.root}, where the manifest goes.\n  fix: write the manifest in a folder that contains every app (--manifest DIR/secrets.manifest.ts)`);
      continue;
    }
    configs.push({ file, dir, config: parsed.config });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, configs };
}

async function parseConfig(name: string, text: string): Promise<{ config: Record<string, unknown> } | { error: string }> {
  if (name.endsWith(".toml")) {
    try {
      return { config: parseToml(text) as Record<string, unknown> };
    } catch (error) {
      return { error: `not valid TOML: ${(error as Error).message.split("\n")[0]}` };
    }
  }
  if (name.endsWith(".json") || name.endsWith(".jsonc")) {
    const { ts } = await import("ts-morph");
    const result = ts.parseConfigFileTextToJson(name, text);
    if (result.error) return { error: `not valid JSON: ${ts.flattenDiagnosticMessageText(result.error.messageText, " ")}` };
    if (typeof result.config !== "object" || result.config === null) return { error: "expected an object at the top level" };
    return { config: result.config as Record<string, unknown> };
  }
  return { error: "unknown file type: expected .toml, .json or .jsonc" };
}
