// Gathers the values a command needs: from a dotenv file, from standard input (`-`), or from a hidden
// prompt on a terminal. Values stay in memory; they are handed to a store and to nothing else.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { checkValue, parseValues } from "./parse-values.ts";
import { promptHidden, type PromptStreams } from "./prompt.ts";

export interface ReadValuesOptions {
  /** `--values-from`: a dotenv file, `-` for standard input, or undefined to prompt. */
  readonly from: string | undefined;
  readonly cwd: string;
  /** Manifest names whose values are needed, in the order to ask for them. */
  readonly needed: readonly string[];
  readonly declared: readonly string[];
  readonly prefixes: readonly string[];
  /** May ask on the terminal for what is missing (a TTY, and no --yes). */
  readonly interactive: boolean;
  /** How to ask: `Value for OPENAI_API_KEY (staging)`. */
  readonly describe: (secret: string) => string;
  readonly streams: PromptStreams;
}

export type ReadValuesResult = { readonly ok: true; readonly values: ReadonlyMap<string, string> } | { readonly ok: false; readonly errors: readonly string[] };

export async function readValues(options: ReadValuesOptions): Promise<ReadValuesResult> {
  const values = new Map<string, string>();
  const errors: string[] = [];
  if (options.needed.length === 0) return { ok: true, values };
  if (options.from !== undefined) {
    const source = options.from === "-" ? "standard input" : options.from;
    const text = options.from === "-" ? await readAll(options.streams.input) : readValuesFile(resolve(options.cwd, options.from), errors);
    if (text !== undefined) {
      const parsed = parseValues(text, { source, declared: options.declared, prefixes: options.prefixes });
      errors.push(...parsed.errors);
      for (const [name, value] of parsed.values) values.set(name, value);
    }
  }
  const missing = options.needed.filter((name) => !values.has(name));
  const canAsk = options.interactive && options.from !== "-";
  if (missing.length > 0 && !canAsk) {
    const where = options.from === undefined ? "" : ` in ${options.from === "-" ? "standard input" : options.from}`;
    errors.push(
      `No value${where} for ${missing.join(", ")}.\n  fix: ` +
        (options.from === undefined ? "pass --values-from FILE (dotenv) or --values-from - , or run on a terminal without --yes to be asked" : `add ${missing.map((name) => `${name}=...`).join(", ")} to it, or run on a terminal without --yes to be asked`),
    );
  }
  if (errors.length > 0) return { ok: false, errors };
  for (const name of missing) {
    const value = await promptHidden(`${options.describe(name)} (input hidden): `, options.streams);
    const problem = checkValue(name, value);
    if (problem) return { ok: false, errors: [problem] };
    values.set(name, value);
  }
  return { ok: true, values };
}

function readValuesFile(path: string, errors: string[]): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    errors.push(`Cannot read the values file ${path} (${code}).\n  fix: pass --values-from with a dotenv file of NAME=value lines, or - for standard input`);
    return undefined;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}
