// Wrangler prints its config diagnostics as an indented tree:
//
//   Processing services/api/wrangler.jsonc configuration:
//     - "env.staging" environment configuration
//       - The following vars exist at the top level, but not on "env.staging.vars".
//         Please add these vars to "env.staging.vars":
//         - LOG_LEVEL
//     - Unexpected fields found in top-level field: "kv_namespace"
//
// This turns that text into one message per leaf, with the field path the message names, so that
// each can be reported at the manifest line that set the field. Pure.

export interface WranglerDiagnostic {
  readonly severity: "error" | "warning";
  /** The message, its lines joined by spaces. */
  readonly message: string;
  /** Field paths the message quotes, in order, e.g. `["kv_namespaces", 0, "id"]`: the caller knows
   *  which name a field (quoted binding names and values look the same). */
  readonly fields: readonly (readonly (string | number)[])[];
}

interface Line {
  readonly indent: number;
  readonly text: string;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const SECTION = /^"env\.[^"]+" environment configuration$/;

export function parseWranglerDiagnostics(text: string, severity: "error" | "warning"): WranglerDiagnostic[] {
  const lines = text
    .replace(ANSI, "")
    .split("\n")
    .map((raw) => raw.replace(/^\s*▲ \[WARNING\] |^\s*✘ \[ERROR\] /, ""))
    .filter((raw) => raw.trim() !== "")
    .map((raw): Line => ({ indent: raw.length - raw.trimStart().length, text: raw.trim() }));
  const messages: string[] = [];
  collect(lines, messages);
  return messages.map((message) => ({ severity, message, fields: quotedPaths(message) }));
}

/** Items are `- ` lines; each owns the deeper lines after it. Section items hold items of their own. */
function collect(lines: readonly Line[], out: string[]): void {
  const dashes = lines.filter((line) => line.text.startsWith("- "));
  if (dashes.length === 0) return;
  const level = Math.min(...dashes.map((line) => line.indent));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.indent !== level || !line.text.startsWith("- ")) continue;
    const body: Line[] = [];
    for (let j = i + 1; j < lines.length && lines[j]!.indent > level; j++) body.push(lines[j]!);
    const head = line.text.slice(2);
    if (SECTION.test(head)) collect(body, out);
    else out.push([head, ...body.map((inner) => inner.text)].join(" "));
  }
}

/** Quoted texts shaped like field paths: `"env.staging.kv_namespaces[0].id"` -> `["kv_namespaces", 0, "id"]`. */
function quotedPaths(message: string): (string | number)[][] {
  return [...message.matchAll(/"([^"\s]+)"/g)].flatMap((match) => {
    const path = parseFieldPath(match[1]!);
    return path === undefined ? [] : [path];
  });
}

function parseFieldPath(text: string): (string | number)[] | undefined {
  if (!/^[a-z_$][a-z0-9_$]*(?:\.[A-Za-z0-9_$-]+|\[\d+\])*$/.test(text)) return undefined;
  const segments = [...text.matchAll(/([A-Za-z0-9_$-]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
  // `env.<name>.` names the environment the message is about; the rest is the field.
  const field = segments[0] === "env" && segments.length > 2 ? segments.slice(2) : segments;
  return field.length > 0 && typeof field[0] === "string" && field[0] !== "env" ? field : undefined;
}
