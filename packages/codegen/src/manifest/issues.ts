// A validation finding a person can act on: what, where, what was expected, what was received, the fix.
export type IssuePath = readonly (string | number)[];

export interface SourceLocation {
  readonly line: number;
  readonly column: number;
}

export interface ManifestIssue {
  readonly severity: "error" | "warning";
  /** Stable identifier of the rule, e.g. `unknown-secret`. */
  readonly code: string;
  readonly path: IssuePath;
  readonly message: string;
  readonly expected?: string;
  /** Already rendered for display; never a secret value (manifests hold none). */
  readonly received?: string;
  readonly fix?: string;
  readonly location?: SourceLocation;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `workers.openai.secrets[2]`, `workers["google-ai-studio"].main` */
export function formatPath(path: IssuePath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === "" ? "(manifest root)" : out;
}

/** A short, escaped rendering of a received value: control characters and quotes cannot break the output. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (the field is missing)";
  if (value === null) return "null";
  if (typeof value === "string") {
    const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object") return "an object";
  return typeof value;
}

export function formatIssue(issue: ManifestIssue, manifestFile: string): string {
  const where = issue.location
    ? `${manifestFile}:${issue.location.line}:${issue.location.column}`
    : manifestFile;
  const label = issue.severity === "error" ? "error" : "warning";
  const lines = [`${label}: ${formatPath(issue.path)} (${where})`, `  ${issue.message}`];
  if (issue.expected !== undefined) lines.push(`  expected: ${issue.expected}`);
  if (issue.received !== undefined) lines.push(`  received: ${issue.received}`);
  if (issue.fix !== undefined) lines.push(`  fix: ${issue.fix}`);
  return lines.join("\n");
}

export function errorsOf(issues: readonly ManifestIssue[]): ManifestIssue[] {
  return issues.filter((issue) => issue.severity === "error");
}
