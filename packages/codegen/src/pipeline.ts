// Orchestrates one generation: read the manifest, validate it, render every file, plan the writes.
// It reads disk but never writes; the CLI decides whether to apply or only check.
import { dirname, join, relative, resolve, sep } from "node:path";
import { existsSync } from "node:fs";
import { readManifest, type LoadedManifest } from "./load/read-manifest.ts";
import { readRuntimeCompatibilityDate } from "./load/runtime-date.ts";
import { validateManifest } from "./manifest/validate.ts";
import { locateIssues } from "./manifest/locate.ts";
import type { ManifestIssue } from "./manifest/issues.ts";
import type { ResolvedManifest } from "./manifest/model.ts";
import { renderAll } from "./generate/render-all.ts";
import { planWrites, type WritePlan } from "./write/plan-writes.ts";

export const DEFAULT_MANIFEST = "secrets.manifest.ts";

export interface GenerationInput {
  /** Path to the manifest; default: secrets.manifest.ts in the working folder or a parent. */
  readonly manifest?: string;
  /** Output root; default: the manifest's folder. */
  readonly root?: string;
  readonly cwd: string;
}

export type GenerationResult =
  | { readonly ok: true; readonly manifestFile: string; readonly manifest: ResolvedManifest; readonly plan: WritePlan; readonly warnings: ManifestIssue[] }
  | { readonly ok: false; readonly manifestFile: string; readonly errors: ManifestIssue[]; readonly warnings: ManifestIssue[] };

export function findManifest(cwd: string, explicit?: string): string {
  if (explicit !== undefined) return resolve(cwd, explicit);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, DEFAULT_MANIFEST);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return resolve(cwd, DEFAULT_MANIFEST);
  }
}

export type ManifestResult =
  | {
      readonly ok: true;
      readonly manifestFile: string;
      readonly root: string;
      readonly manifest: ResolvedManifest;
      readonly warnings: ManifestIssue[];
      /** The manifest as loaded, for checks that report at its lines (generate --wrangler). */
      readonly loaded: LoadedManifest;
    }
  | { readonly ok: false; readonly manifestFile: string; readonly errors: ManifestIssue[]; readonly warnings: ManifestIssue[] };

/** Reads and validates the manifest; issues carry their line:column. Throws ManifestLoadError. */
export async function readResolvedManifest(input: GenerationInput): Promise<ManifestResult> {
  const manifestFile = findManifest(input.cwd, input.manifest);
  const root = resolve(input.cwd, input.root ?? dirname(manifestFile));
  const loaded = await readManifest(manifestFile);
  const maxCompatibilityDate = readRuntimeCompatibilityDate([dirname(manifestFile), root, ...appDirs(root, loaded.input)]);
  const result = validateManifest(loaded.input, {
    manifestPath: toPosix(relative(root, manifestFile)),
    ...(maxCompatibilityDate ? { maxCompatibilityDate } : {}),
  });
  if (!result.ok) {
    const located = await locateIssues([...result.errors, ...result.warnings], loaded.source);
    return {
      ok: false,
      manifestFile,
      errors: sortByLocation(located.filter((issue) => issue.severity === "error")),
      warnings: sortByLocation(located.filter((issue) => issue.severity === "warning")),
    };
  }
  const warnings = sortByLocation(await locateIssues(result.warnings, loaded.source));
  return { ok: true, manifestFile, root, manifest: result.manifest, warnings, loaded };
}

export async function prepareGeneration(input: GenerationInput): Promise<GenerationResult> {
  const result = await readResolvedManifest(input);
  if (!result.ok) return result;
  const { manifestFile, root, manifest, warnings } = result;
  return { ok: true, manifestFile, manifest, plan: planWrites({ root, files: renderAll(manifest), manifest }), warnings };
}

/** App folders named by the raw manifest, read defensively: they may hold their own Workers runtime. */
function appDirs(root: string, input: unknown): string[] {
  const workers = (input as { workers?: unknown } | undefined)?.workers;
  if (typeof workers !== "object" || workers === null) return [];
  return Object.entries(workers).map(([id, worker]) => {
    const dir = (worker as { dir?: unknown } | null)?.dir;
    return join(root, typeof dir === "string" ? dir : join("apps", id));
  });
}

function sortByLocation(issues: ManifestIssue[]): ManifestIssue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => {
      const la = a.issue.location, lb = b.issue.location;
      if (la && lb && la.line !== lb.line) return la.line - lb.line;
      if (la && lb && la.column !== lb.column) return la.column - lb.column;
      return a.index - b.index;
    })
    .map(({ issue }) => issue);
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}
