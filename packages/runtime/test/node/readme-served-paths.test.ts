import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, it } from "vitest";
import { providers } from "../../src/providers.ts";

const readme = readFileSync(resolve(import.meta.dirname, "../../README.md"), "utf8");
const ENTRY = /`((?:GET|POST|PUT|PATCH|DELETE|WS) \/[^`]*)`/g;

/** The "What each Worker serves" table: served entries by Worker, as the README lists them. */
function documentedEntries(): Record<string, string[]> {
  const start = readme.indexOf("## What each Worker serves");
  const table = readme.slice(start, readme.indexOf("\n\n", readme.indexOf("| Worker |", start)));
  const byWorker: Record<string, string[]> = {};
  for (const row of table.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| Worker"))) {
    const [worker = "", , served = ""] = row.split(" | ").map((cell) => cell.replace(/^\| /, ""));
    byWorker[worker] = [...(byWorker[worker] ?? []), ...[...served.matchAll(ENTRY)].map((match) => match[1] ?? "")];
  }
  return byWorker;
}

it("the runtime README lists exactly what each Worker serves by default", () => {
  const documented = Object.fromEntries(Object.entries(documentedEntries()).map(([id, entries]) => [id, [...entries].sort()]));
  const served = Object.fromEntries(Object.entries(providers).map(([id, provider]) => [id, [...provider.servedPaths].sort()]));
  expect(documented).toEqual(served);
});
