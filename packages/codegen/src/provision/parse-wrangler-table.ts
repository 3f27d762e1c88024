// wrangler's secrets-store commands have no JSON output; they print box-drawn tables. This reads
// them back: one record per data row, keyed by the header cells.
const BAR = "│";

export function parseWranglerTable(text: string): Record<string, string>[] {
  const rows = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith(BAR) && line.endsWith(BAR))
    .map((line) => line.slice(1, -1).split(BAR).map((cell) => cell.trim()));
  const [header, ...data] = rows;
  if (header === undefined) return [];
  return data.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""])));
}

/** The id wrangler prints after `✅ Created secret! (ID: …)`. */
export function parseCreatedId(text: string): string | undefined {
  return /Created secret! \(ID: ([0-9a-f]+)\)/.exec(text)?.[1];
}
