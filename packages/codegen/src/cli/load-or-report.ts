// Shared by every command that needs a valid manifest: load and validate it, print warnings, and on
// failure print what is wrong (the caller exits 1 and changes nothing).
import { relative } from "node:path";
import pc from "picocolors";
import { readResolvedManifest, type ManifestResult } from "../pipeline.ts";
import { ManifestLoadError } from "../load/read-manifest.ts";
import type { ManifestIssue } from "../manifest/issues.ts";
import { printIssues } from "./report.ts";

export type ValidManifest = Extract<ManifestResult, { ok: true }>;

export type LoadOutcome =
  | ValidManifest
  /** What went wrong, for `--json` output; the human version is already printed. */
  | { readonly ok: false; readonly errors: readonly (ManifestIssue | { readonly message: string })[] };

export async function loadManifestOrReport(options: {
  manifest?: string | undefined;
  root?: string | undefined;
  /** Said after the error count, e.g. "no file was written". */
  consequence?: string;
  /** Warnings are generate's business; commands that act on stores stay quiet about them. */
  printWarnings?: boolean;
}): Promise<LoadOutcome> {
  const consequence = options.consequence ?? "nothing was done";
  let result: ManifestResult;
  try {
    result = await readResolvedManifest({ manifest: options.manifest, root: options.root, cwd: process.cwd() });
  } catch (error) {
    if (!(error instanceof ManifestLoadError)) throw error;
    process.stderr.write(`${pc.red("error:")} ${error.message}\n`);
    return { ok: false, errors: [{ message: error.message }] };
  }
  const name = relative(process.cwd(), result.manifestFile) || result.manifestFile;
  if (options.printWarnings ?? true) printIssues(result.warnings, name);
  if (!result.ok) {
    printIssues(result.errors, name);
    process.stderr.write(pc.red(`✖ ${result.errors.length} error(s) in ${name}; ${consequence}.\n`));
    return { ok: false, errors: result.errors };
  }
  return result;
}
