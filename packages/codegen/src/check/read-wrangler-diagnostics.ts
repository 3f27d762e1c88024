// Wrangler's own config reader as the judge of what we generate (`generate --wrangler`). Loads the
// project's wrangler in-process (about 5 s, so never on a plain `generate`), writes the rendered
// configs to a temporary folder at their relative paths, and reads each environment of each config
// with `unstable_readConfig`, collecting the warnings it prints and the errors it throws.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { GeneratedFile, ResolvedManifest } from "../manifest/model.ts";
import { parseWranglerDiagnostics, type WranglerDiagnostic } from "./parse-wrangler-diagnostics.ts";

export interface WranglerReading {
  readonly worker: string;
  readonly environment: string;
  /** Relative to the output root. */
  readonly configPath: string;
  readonly diagnostics: readonly WranglerDiagnostic[];
}

type ReadConfig = (args: { config: string; env?: string }, options?: { hideWarnings?: boolean }) => unknown;

export class WranglerUnavailableError extends Error {
  override readonly name = "WranglerUnavailableError";
}

/** The project's wrangler (resolved from the output root), else the one installed beside this package. */
export async function loadWranglerReader(root: string): Promise<ReadConfig> {
  const candidates = [join(root, "package.json"), import.meta.filename];
  for (const from of candidates) {
    let resolved: string;
    try {
      resolved = createRequire(from).resolve("wrangler");
    } catch {
      continue;
    }
    const wrangler = (await import(pathToFileURL(resolved).href)) as { unstable_readConfig?: ReadConfig; default?: { unstable_readConfig?: ReadConfig } };
    const read = wrangler.unstable_readConfig ?? wrangler.default?.unstable_readConfig;
    if (read !== undefined) return read;
    throw new WranglerUnavailableError(`The installed wrangler (${resolved}) has no unstable_readConfig.\n  fix: install wrangler 4 (pnpm add -D wrangler)`);
  }
  throw new WranglerUnavailableError("wrangler is not installed here.\n  fix: pnpm add -D wrangler (it is a peer dependency of @secrets-manifest/codegen)");
}

export async function readWranglerDiagnostics(options: {
  readonly manifest: ResolvedManifest;
  readonly files: readonly GeneratedFile[];
  readonly read: ReadConfig;
}): Promise<WranglerReading[]> {
  const folder = await mkdtemp(join(tmpdir(), "secrets-manifest-wrangler-"));
  try {
    const configs = new Map(options.files.filter((file) => file.kind === "wrangler-config").map((file) => [file.worker, file]));
    const readings: WranglerReading[] = [];
    for (const worker of options.manifest.workers) {
      const file = configs.get(worker.id);
      if (file === undefined) continue;
      const target = join(folder, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.contents);
      for (const env of worker.environments) {
        // "" names the top level explicitly, whatever CLOUDFLARE_ENV says.
        const diagnostics = readOnce(options.read, target, env.isDefault ? "" : env.environment);
        readings.push({ worker: worker.id, environment: env.environment, configPath: file.path, diagnostics });
      }
    }
    return readings;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Wrangler's logger writes warnings through console.warn; they are caught here, not shown. */
function readOnce(read: ReadConfig, config: string, env: string): WranglerDiagnostic[] {
  const printed: string[] = [];
  const saved = { warn: console.warn, log: console.log, info: console.info };
  console.warn = (...args: unknown[]) => void printed.push(args.map(String).join(" "));
  console.log = console.info = () => {};
  const diagnostics: WranglerDiagnostic[] = [];
  try {
    read({ config, env }, { hideWarnings: false });
  } catch (error) {
    diagnostics.push(...parseOrWhole((error as Error).message ?? String(error), "error"));
  } finally {
    Object.assign(console, saved);
  }
  return [...printed.flatMap((text) => parseOrWhole(text, "warning")), ...diagnostics];
}

function parseOrWhole(text: string, severity: "error" | "warning"): WranglerDiagnostic[] {
  const parsed = parseWranglerDiagnostics(text, severity);
  return parsed.length > 0 ? parsed : [{ severity, message: text.trim().replace(/\s+/g, " "), fields: [] }];
}
