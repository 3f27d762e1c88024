// Shared by commands that need a valid manifest: load it, print issues, or explain why it failed.
import { relative } from "node:path";
import pc from "picocolors";
import { readResolvedManifest, type ManifestResult } from "../pipeline.ts";
import { ManifestLoadError } from "../load/read-manifest.ts";
import { printIssues } from "./report.ts";

export type ValidManifest = Extract<ManifestResult, { ok: true }>;

/** The valid manifest, or undefined after printing what is wrong (the caller exits 1). */
export async function loadManifestOrReport(options: { manifest?: string | undefined; root?: string | undefined }): Promise<ValidManifest | undefined> {
  let result: ManifestResult;
  try {
    result = await readResolvedManifest({ manifest: options.manifest, root: options.root, cwd: process.cwd() });
  } catch (error) {
    if (!(error instanceof ManifestLoadError)) throw error;
    process.stderr.write(`${pc.red("error:")} ${error.message}\n`);
    return undefined;
  }
  const name = relative(process.cwd(), result.manifestFile) || result.manifestFile;
  printIssues(result.warnings, name);
  if (!result.ok) {
    printIssues(result.errors, name);
    process.stderr.write(pc.red(`✖ ${result.errors.length} error(s) in ${name}.\n`));
    return undefined;
  }
  return result;
}
