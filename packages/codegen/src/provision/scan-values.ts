// Reads the line structure of a dotenv text, next to dotenv's own parser, to find what dotenv would
// silently cut: a multi-line value without quotes (dotenv keeps its first line, and a later line of
// a PEM key that looks like NAME=... becomes a "name"), an opening quote that never closes, and a
// `#` inside an unquoted value (the rest becomes a comment). Problems carry line numbers and names,
// never text from a value.

export interface Assignment {
  readonly name: string;
  /** 1-based line of `NAME=`. */
  readonly line: number;
  /** Why the value cannot be trusted as dotenv reads it; undefined when it can. */
  readonly problem?: string;
}

export interface ScannedValues {
  readonly assignments: readonly Assignment[];
  /** Lines that are neither NAME=value, a comment, blank, nor part of a value: 1-based. */
  readonly strayLines: readonly number[];
}

const ASSIGNMENT = /^\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*|:\s+)(.*)$/;
const PEM_BEGIN = /^-----BEGIN [A-Z0-9 ]+-----\s*$/;
const PEM_BEGIN_ANYWHERE = /-----BEGIN [A-Z0-9 ]+-----/;
const PEM_END = /-----END [A-Z0-9 ]+-----/;

/** The start of a PEM block without its end: a key cut short (or the first line of one, pasted at a prompt). */
export function isCutShortPem(value: string): boolean {
  return PEM_BEGIN_ANYWHERE.test(value) && !PEM_END.test(value);
}
const QUOTE_FIX = 'put the whole value in double quotes: NAME="first line\\n...", or write \\n for each line break inside double quotes';

const isSkippable = (line: string) => /^\s*(?:#.*)?$/.test(line);

export function scanValues(text: string): ScannedValues {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const assignments: Assignment[] = [];
  const strayLines: number[] = [];
  const inPem = markPemBodies(lines);
  // A base64 line of a key can look like NAME=... (a line ending in `=` padding): never inside a PEM block.
  const isAssignment = (index: number) => !inPem[index] && ASSIGNMENT.test(lines[index]!);
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const match = inPem[i] ? null : ASSIGNMENT.exec(line);
    if (isSkippable(line) || !match) {
      if (!isSkippable(line)) strayLines.push(i + 1);
      i += 1;
      continue;
    }
    const [, name, rest] = match as unknown as [string, string, string];
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === "`") {
      const end = findClosingQuote(lines, i, line.length - rest.length + 1, quote);
      if (end === undefined) {
        assignments.push({ name, line: i + 1, problem: `the ${quote} that opens its value is never closed at the end of a line, so dotenv would read only part of it.\n  fix: ${QUOTE_FIX}` });
        i += 1;
        // Lines up to the next assignment belong to the broken value: never read them as names.
        while (i < lines.length && !isAssignment(i)) i += 1;
      } else {
        assignments.push({ name, line: i + 1 });
        i = end + 1;
      }
      continue;
    }
    if (PEM_BEGIN.test(rest)) {
      let end = i + 1;
      while (end < lines.length && !PEM_END.test(lines[end]!)) end += 1;
      assignments.push({ name, line: i + 1, problem: `its value spans lines ${i + 1}-${Math.min(end, lines.length - 1) + 1} without quotes; dotenv would keep only the first line.\n  fix: ${QUOTE_FIX}` });
      i = end + 1;
      continue;
    }
    let end = i + 1;
    while (end < lines.length && (inPem[end] || (!isSkippable(lines[end]!) && !isAssignment(end)))) end += 1;
    if (end > i + 1) {
      assignments.push({ name, line: i + 1, problem: `its value continues on line${end - i > 2 ? "s" : ""} ${i + 2}${end - i > 2 ? `-${end}` : ""} without quotes; dotenv would keep only the first line.\n  fix: ${QUOTE_FIX}` });
    } else if (/\S#/.test(rest.replace(/\s+#.*$/, ""))) {
      assignments.push({ name, line: i + 1, problem: "its value holds a # that dotenv would read as the start of a comment, cutting the value there.\n  fix: put the value in double quotes" });
    } else assignments.push({ name, line: i + 1 });
    i = end;
  }
  return { assignments, strayLines };
}

/**
 * The lines after a `-----BEGIN ...-----` marker up to its `-----END ...-----`, wherever the marker
 * stands (after `NAME=`, after a quote, on a line of its own; not in a comment). A marker without an
 * end marks nothing.
 */
function markPemBodies(lines: readonly string[]): boolean[] {
  const inPem = lines.map(() => false);
  for (let begin = 0; begin < lines.length; begin++) {
    if (isSkippable(lines[begin]!) || !PEM_BEGIN_ANYWHERE.test(lines[begin]!)) continue;
    let end = begin + 1;
    while (end < lines.length && !PEM_END.test(lines[end]!)) end += 1;
    if (end === lines.length) continue;
    for (let index = begin + 1; index <= end; index++) inPem[index] = true;
    begin = end;
  }
  return inPem;
}

/** The line where a quoted value ends, as dotenv finds it: an unescaped quote followed only by spaces or a comment. */
function findClosingQuote(lines: readonly string[], start: number, column: number, quote: string): number | undefined {
  for (let index = start; index < lines.length; index++) {
    const line = lines[index]!;
    for (let at = line.indexOf(quote, index === start ? column : 0); at !== -1; at = line.indexOf(quote, at + 1)) {
      if (line[at - 1] === "\\") continue;
      return /^\s*(?:#.*)?$/.test(line.slice(at + 1)) ? index : undefined;
    }
  }
  return undefined;
}
