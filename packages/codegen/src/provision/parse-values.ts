// Values files are dotenv (`NAME=value`), keyed by the manifest's secret names without an
// environment's prefix. Parsing is dotenv's own; this adds the checks and errors a person can act on.
// No message ever quotes a value.
import { parse } from "dotenv";
import { closest } from "../manifest/suggest.ts";

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
  const declared = new Set(options.declared);
  const values = new Map<string, string>();
  const errors: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    const where = `${options.source}:${lineOf(text, name) ?? "?"}`;
    if (!declared.has(name)) {
      errors.push(`${where}: ${name} is not a secret of the manifest.\n  fix: ${fixUnknown(name, options)}`);
      continue;
    }
    const error = checkValue(name, value);
    if (error) errors.push(`${where}: ${error}`);
    else values.set(name, value);
  }
  return { values, errors };
}

/** What is wrong with a value, without showing it. */
export function checkValue(name: string, value: string): string | undefined {
  if (value.length === 0) return `${name} is empty.\n  fix: give it a value, or leave the line out to be asked for it`;
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

function lineOf(text: string, name: string): number | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
  const pattern = new RegExp(`^\\s*(?:export\\s+)?${escaped}\\s*[=:]`);
  const index = text.split(/\r?\n/).findIndex((line) => pattern.test(line));
  return index === -1 ? undefined : index + 1;
}
