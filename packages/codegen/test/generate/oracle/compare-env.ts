// Compares our Env interfaces with Wrangler's: the same keys, the same optionality (read from the
// text), and for each binding mutually assignable types that are `any` on both sides or on neither
// (checked by tsc, one `Check<...>` line per binding, so a failure names the binding).
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { MemberText } from "./interfaces.ts";

const run = promisify(execFile);

export interface Comparison {
  /** e.g. `catalog StagingEnv`. */
  readonly label: string;
  readonly ours: ReadonlyMap<string, MemberText>;
  readonly theirs: ReadonlyMap<string, MemberText>;
  /** Type expressions in the check file: `Ours.StagingEnv`, `Full.StagingEnv`. */
  readonly oursRef: string;
  readonly theirsRef: string;
}

/** Keys one side has and the other lacks, and keys optional on one side only. */
export function keyProblems(comparison: Comparison): string[] {
  const problems: string[] = [];
  for (const key of comparison.ours.keys()) if (!comparison.theirs.has(key)) problems.push(`${comparison.label}: ${key} is ours only`);
  for (const key of comparison.theirs.keys()) if (!comparison.ours.has(key)) problems.push(`${comparison.label}: ${key} is Wrangler's only`);
  for (const [key, member] of comparison.ours) {
    const theirs = comparison.theirs.get(key);
    if (theirs !== undefined && theirs.optional !== member.optional) {
      problems.push(`${comparison.label}: ${key} is ${member.optional ? "optional" : "required"} here, ${theirs.optional ? "optional" : "required"} in Wrangler`);
    }
  }
  return problems;
}

export const CHECK_HELPERS = `export type IsAny<T> = 0 extends 1 & T ? true : false;
export type Same<A, B> = [IsAny<A>, IsAny<B>] extends [true, true] ? true
  : [IsAny<A>, IsAny<B>] extends [false, false] ? ([A] extends [B] ? ([B] extends [A] ? true : false) : false)
  : false;
export type Check<T extends true> = T;
`;

export interface CheckFile {
  readonly text: string;
  /** Line number (1-based) -> what that line checks. */
  readonly labels: ReadonlyMap<number, string>;
}

/** `imports` are the file's import lines (ours, Wrangler's, the helpers). */
export function renderCheckFile(imports: readonly string[], comparisons: readonly Comparison[]): CheckFile {
  const lines = [...imports, ""];
  const labels = new Map<number, string>();
  for (const comparison of comparisons) {
    for (const [key, member] of comparison.ours) {
      const theirs = comparison.theirs.get(key);
      if (theirs === undefined) continue;
      const index = JSON.stringify(key);
      lines.push(`export type C${lines.length} = Check<Same<${comparison.oursRef}[${index}], ${comparison.theirsRef}[${index}]>>;`);
      labels.set(lines.length, `${comparison.label}: ${key} is \`${member.type}\` here, \`${theirs.type}\` in Wrangler`);
    }
  }
  return { text: `${lines.join("\n")}\n`, labels };
}

export interface TscRun {
  /** Failed checks by label, and every other error line as tsc printed it. */
  readonly problems: string[];
  readonly output: string;
}

/** Runs `tsc -p` over `root`; errors on a check line become that line's label. */
export async function runChecks(options: { tsc: string; root: string; project: string; checkFiles: ReadonlyMap<string, CheckFile> }): Promise<TscRun> {
  let output = "";
  try {
    await run(options.tsc, ["-p", options.project, "--pretty", "false"], { cwd: options.root, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    output = `${failure.stdout ?? ""}${failure.stderr ?? ""}`;
  }
  const problems: string[] = [];
  for (const line of output.split("\n").filter((l) => /error TS\d+/.test(l))) {
    const match = /^(.*)\((\d+),\d+\): error/.exec(line);
    const label = match ? options.checkFiles.get(join(options.root, match[1]!))?.labels.get(Number(match[2])) : undefined;
    problems.push(label ?? line);
  }
  return { problems, output };
}

export async function writeCheckFile(path: string, file: CheckFile): Promise<void> {
  await writeFile(path, file.text);
}
