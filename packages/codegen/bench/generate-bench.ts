// `pnpm bench` part 1: generation speed on synthetic manifests, beside `wrangler types` for one
// config on the same machine in the same run. Prints a Markdown table (or JSON with --json).
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { renderRealisticManifest, renderSyntheticManifest } from "./synthetic-manifest.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "../../..");
const BIN = join(HERE, "../bin/secrets-manifest.js");
const WRANGLER = join(HERE, "../node_modules/.bin/wrangler");
const SIZES = [10, 100, 1000];
/** Workers with KV, D1, a Durable Object, a service binding and per-environment settings (issue 8). */
const REALISTIC_SIZES = [100, 1000];
const RUNS = Number(process.env["BENCH_RUNS"] ?? 5);

interface Row {
  readonly case: string;
  readonly workers: number | null;
  readonly files: number | null;
  readonly medianMs: number;
  readonly minMs: number;
  readonly filesWritten?: number;
}

function time(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { ms: number; stdout: string } {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && !(args.includes("--check") && result.status === 1)) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr}`);
  }
  return { ms, stdout: result.stdout };
}

function stats(samples: number[]): { medianMs: number; minMs: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { medianMs: round(sorted[Math.floor(sorted.length / 2)]!), minMs: round(sorted[0]!) };
}
const round = (ms: number) => Math.round(ms * 10) / 10;

function benchSize(workers: number, realistic = false): Row[] {
  const dir = join(REPO, ".bench", `generate-${realistic ? "realistic-" : ""}${workers}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "secrets.manifest.ts"), realistic ? renderRealisticManifest(workers) : renderSyntheticManifest(workers));
  const label = realistic ? "realistic " : "";
  // Cold runs write into folders that never existed: deleting the previous outputs right before a
  // run would charge the file system's clean-up (discards, writeback) to the generator.
  const cold: number[] = [];
  let files = 0;
  for (let i = 0; i < RUNS; i++) {
    const root = join(dir, `cold-${i}`);
    const run = time(process.execPath, [BIN, "generate", "--json", "--manifest", join(dir, "secrets.manifest.ts"), "--root", root], dir);
    cold.push(run.ms);
    files = JSON.parse(run.stdout).files.length;
  }
  time(process.execPath, [BIN, "generate"], dir);
  const noop: number[] = [];
  let written = 0;
  for (let i = 0; i < RUNS; i++) {
    const run = time(process.execPath, [BIN, "generate", "--json"], dir);
    noop.push(run.ms);
    written += JSON.parse(run.stdout).files.filter((f: { status: string }) => f.status !== "unchanged").length;
  }
  const check: number[] = [];
  for (let i = 0; i < RUNS; i++) check.push(time(process.execPath, [BIN, "generate", "--check"], dir).ms);
  return [
    { case: `${label}cold generate (all files)`, workers, files, ...stats(cold) },
    { case: `${label}no-op regenerate`, workers, files, ...stats(noop), filesWritten: written },
    { case: `${label}generate --check`, workers, files, ...stats(check) },
  ];
}

function benchWranglerTypes(): Row {
  const dir = join(REPO, ".bench", "wrangler-types");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "src/index.ts"), "export default { fetch() { return new Response('ok'); } };\n");
  // The yardstick config is one of the realistic generated ones, so both sides describe the same bindings.
  spawnSync(process.execPath, [BIN, "generate", "--manifest", join(REPO, ".bench/generate-realistic-100/secrets.manifest.ts"), "--root", dir], { encoding: "utf8" });
  const config = join(dir, "apps/worker-0/wrangler-worker-0.toml");
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    samples.push(time(WRANGLER, ["types", "-c", config, join(dir, `types-${i}.d.ts`)], dir, { WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true" }).ms);
  }
  return { case: "wrangler types (one config, yardstick)", workers: 1, files: 1, ...stats(samples) };
}

export function runGenerateBench(): Row[] {
  const rows = [...SIZES.flatMap((size) => benchSize(size)), ...REALISTIC_SIZES.flatMap((size) => benchSize(size, true))];
  rows.push(benchWranglerTypes());
  // Cleaned up after measuring, so the next run does not start with the file system busy discarding.
  rmSync(join(REPO, ".bench"), { recursive: true, force: true });
  return rows;
}

export function renderTable(rows: readonly Row[]): string {
  const lines = ["| case | workers | files | median ms | min ms | files written |", "|---|---:|---:|---:|---:|---:|"];
  for (const row of rows) {
    lines.push(`| ${row.case} | ${row.workers ?? ""} | ${row.files ?? ""} | ${row.medianMs} | ${row.minMs} | ${row.filesWritten ?? ""} |`);
  }
  return lines.join("\n");
}

export function verdicts(rows: readonly Row[]): string[] {
  const yardstick = rows.find((row) => row.case.startsWith("wrangler types"))!;
  const cold1000 = rows.find((row) => row.case.startsWith("cold") && row.workers === 1000)!;
  const noop100 = rows.find((row) => row.case.startsWith("no-op") && row.workers === 100)!;
  const realistic1000 = rows.find((row) => row.case === "realistic cold generate (all files)" && row.workers === 1000)!;
  const realisticNoop100 = rows.find((row) => row.case === "realistic no-op regenerate" && row.workers === 100)!;
  return [
    `${realistic1000.medianMs < yardstick.medianMs ? "PASS" : "FAIL"}: all ${realistic1000.files} artifacts for 1000 realistic workers (20 secrets, KV, D1, Durable Object, service, 3 environments) in ${realistic1000.medianMs} ms vs wrangler types for one config in ${yardstick.medianMs} ms`,
    `${realisticNoop100.medianMs < 500 && realisticNoop100.filesWritten === 0 ? "PASS" : "FAIL"}: no-op regeneration of 100 realistic workers in ${realisticNoop100.medianMs} ms (< 500 ms) writing ${realisticNoop100.filesWritten} files`,
    `${cold1000.medianMs < yardstick.medianMs ? "PASS" : "FAIL"}: all ${cold1000.files} artifacts for 1000 workers in ${cold1000.medianMs} ms vs wrangler types for one config in ${yardstick.medianMs} ms`,
    `${noop100.medianMs < 500 && noop100.filesWritten === 0 ? "PASS" : "FAIL"}: no-op regeneration of 100 workers in ${noop100.medianMs} ms (< 500 ms) writing ${noop100.filesWritten} files`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = runGenerateBench();
  if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify({ rows, verdicts: verdicts(rows) }, null, 2)}\n`);
  else process.stdout.write(`${renderTable(rows)}\n\n${verdicts(rows).join("\n")}\n`);
}
