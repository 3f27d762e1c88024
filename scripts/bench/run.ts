// `pnpm bench`: every benchmark of the project in one run on this machine, printed as Markdown.
// Not a test: nothing here fails the build; the numbers go into the README and the issue notes.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BENCHES = [
  { title: "Generation (packages/codegen/bench/generate-bench.ts)", file: "packages/codegen/bench/generate-bench.ts" },
  { title: "Proxy throughput (packages/runtime/bench/proxy-bench.ts)", file: "packages/runtime/bench/proxy-bench.ts" },
];

const machine = `${process.platform} ${process.arch}, Node ${process.version}, ${(await import("node:os")).cpus().length} cores`;
process.stdout.write(`# Benchmarks (${new Date().toISOString().slice(0, 10)}, ${machine})\n\n`);
let failed = false;
for (const bench of BENCHES) {
  const file = join(REPO, bench.file);
  if (!existsSync(file)) continue;
  process.stdout.write(`## ${bench.title}\n\n`);
  // Each bench runs from its own package, where its relative paths point.
  const result = spawnSync(process.execPath, [file, ...process.argv.slice(2)], { cwd: dirname(dirname(file)), stdio: "inherit" });
  if (result.status !== 0) failed = true;
  process.stdout.write("\n");
}
process.exitCode = failed ? 1 : 0;
