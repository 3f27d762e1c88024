// The validation pipeline: schema -> flattened issues -> cross-field rules -> normalisation.
// Every error is collected before failing; generators only ever see the normalised result.
import { manifestSchema } from "./schema.ts";
import { fromZodIssues } from "./zod-issues.ts";
import { checkRules, type RuleContext } from "./rules.ts";
import { normalizeManifest } from "./normalize.ts";
import { checkConfigs } from "./config-rules.ts";
import type { ManifestIssue } from "./issues.ts";
import type { ResolvedManifest } from "./model.ts";

export interface ValidateOptions extends RuleContext {
  /** Manifest path relative to the output root, POSIX; recorded in generated headers. */
  readonly manifestPath: string;
}

export type ValidationResult =
  | { readonly ok: true; readonly manifest: ResolvedManifest; readonly warnings: ManifestIssue[] }
  | { readonly ok: false; readonly errors: ManifestIssue[]; readonly warnings: ManifestIssue[] };

export function validateManifest(input: unknown, options: ValidateOptions): ValidationResult {
  const parsed = manifestSchema.safeParse(input, { reportInput: true });
  const issues = [...(parsed.success ? [] : fromZodIssues(parsed.error.issues)), ...checkRules(input, options)];
  const errors = dedupe(issues.filter((issue) => issue.severity === "error"));
  const warnings = dedupe(issues.filter((issue) => issue.severity === "warning"));
  if (!parsed.success || errors.length > 0) return { ok: false, errors, warnings };
  const manifest = normalizeManifest(parsed.data, options);
  // Rules that need the merge rule applied run on the resolved configs.
  const configIssues = checkConfigs(manifest, parsed.data);
  const configErrors = configIssues.filter((issue) => issue.severity === "error");
  warnings.push(...dedupe(configIssues.filter((issue) => issue.severity === "warning")));
  if (configErrors.length > 0) return { ok: false, errors: dedupe(configErrors), warnings };
  return { ok: true, manifest, warnings };
}

function dedupe(issues: ManifestIssue[]): ManifestIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.code}|${issue.path.join("\u0000")}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
