// Values files are dotenv (`NAME=value`), keyed by the manifest's secret names without an
// environment's prefix. Parsing is dotenv's own; this adds the checks and errors a person can act on.
// No message ever quotes a value.
import { parse } from "dotenv";
import { closest } from "../manifest/suggest.ts";
import { isCutShortPem, scanValues, type Assignment } from "./scan-values.ts";

export const MAX_VALUE_BYTES = 65_536;

export interface ParsedValues {
  readonly values: ReadonlyMap<string, string>;
  readonly errors: readonly string[];
}

export interface ParseValuesOptions {
  /** Where the text came from, for messages: a path or "standard input". */
  readonly source: string;
  /** The manifest's secret names. */
  readonly declared: readonly string[];
  /** Prefixes of the manifest's environments, to recognise a prefixed name. */
  readonly prefixes: readonly string[];
}

export function parseValues(text: string, options: ParseValuesOptions): ParsedValues {
  const parsed = parse(text);
  const scanned = scanValues(text);
  const declared = new Set(options.declared);
  const values = new Map<string, string>();
  const errors: string[] = [];
  for (const line of scanned.strayLines) {
    errors.push(`${options.source}:${line}: this line is not NAME=value, a comment or part of a quoted value (its text is not shown).\n  fix: quote multi-line values with double quotes, or remove the line`);
  }
  // The last assignment of a name is the one dotenv keeps; a problem with any of them rejects the name.
  const lines = new Map<string, number>();
  const broken = new Map<string, Assignment>();
  for (const assignment of scanned.assignments) {
    lines.set(assignment.name, assignment.line);
    if (assignment.problem !== undefined && !broken.has(assignment.name)) broken.set(assignment.name, assignment);
  }
  for (const [name, line] of lines) {
    const where = `${options.source}:${line}`;
    if (!declared.has(name)) {
      errors.push(`${where}: ${name} is not a secret of the manifest.\n  fix: ${fixUnknown(name, options)}`);
      continue;
    }
    const problem = broken.get(name);
    if (problem !== undefined) {
      errors.push(`${options.source}:${problem.line}: ${name}: ${problem.problem}`);
      continue;
    }
    // Names dotenv found inside a value (a PEM line ending in =) are not in `lines`: never reported.
    const error = checkValue(name, parsed[name] ?? "");
    if (error) errors.push(`${where}: ${error}`);
    else values.set(name, parsed[name]!);
  }
  return { values, errors };
}

/** What is wrong with a value, without showing it. */
export function checkValue(name: string, value: string): string | undefined {
  if (value.length === 0) return `${name} is empty.\n  fix: give it a value, or leave the line out to be asked for it`;
  // The first line of a pasted key (a prompt reads one line) or a key cut short: never stored.
  if (isCutShortPem(value)) {
    return `${name} holds the start of a PEM block (-----BEGIN ...-----) without its end: it is cut short.\n  fix: put the whole key in a values file in double quotes (NAME="-----BEGIN ...\n...-----END ...-----") and pass --values-from FILE`;
  }
  const bytes = Buffer.byteLength(value, "utf8");
  if (bytes > MAX_VALUE_BYTES) return `${name} is ${bytes} bytes long; the Secrets Store takes at most ${MAX_VALUE_BYTES}.\n  fix: shorten the value`;
  return undefined;
}

function fixUnknown(name: string, options: ParseValuesOptions): string {
  for (const prefix of options.prefixes) {
    const bare = prefix !== "" && name.startsWith(prefix) ? name.slice(prefix.length) : undefined;
    if (bare !== undefined && options.declared.includes(bare)) {
      return `values files use the manifest's names without the environment's prefix: write ${bare}=...`;
    }
  }
  const suggestion = closest(name, options.declared);
  return suggestion ? `did you mean ${suggestion}?` : `remove the line, or declare the secret in the manifest (it declares ${options.declared.join(", ")})`;
}
