// Terminal output shared by commands: issues, summaries, diffs. Never prints secret values:
// manifests hold none, and values read for provisioning never reach these functions.
import pc from "picocolors";
import { formatIssue, type ManifestIssue } from "../manifest/issues.ts";
import type { FileChange } from "../write/plan-writes.ts";

export function printIssues(issues: readonly ManifestIssue[], manifestFile: string): void {
  for (const issue of issues) {
    const text = formatIssue(issue, manifestFile);
    const [first, ...rest] = text.split("\n");
    const colour = issue.severity === "error" ? pc.red : pc.yellow;
    process.stderr.write(`${colour(first ?? "")}\n${rest.join("\n")}\n\n`);
  }
}

/** Loads the diff library only when a diff is shown: a current tree never pays for it. */
export async function renderDiff(change: FileChange): Promise<string> {
  const { createTwoFilesPatch } = await import("diff");
  const before = change.action === "create" ? "/dev/null" : `a/${change.path}`;
  const after = change.action === "delete" ? "/dev/null" : `b/${change.path}`;
  return createTwoFilesPatch(before, after, change.current ?? "", change.next ?? "", undefined, undefined, { context: 3 });
}

export function colourDiff(patch: string): string {
  return patch
    .split("\n")
    .map((line) => (line.startsWith("+") && !line.startsWith("+++") ? pc.green(line) : line.startsWith("-") && !line.startsWith("---") ? pc.red(line) : line))
    .join("\n");
}
