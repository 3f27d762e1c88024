// workerd CPU per request spent in the proxy's own code: its fetch handler called in a loop inside
// workerd, the gateway answering in-process. Steadier than proxy-bench.ts on a busy machine, and it
// compares branches directly. Run: pnpm bench:handler [-- --rounds 7 --requests 5000].
import { parseArgs } from "node:util";
import { BENCH_CLIENT_TOKEN, BENCH_ORIGIN, startHandlerLoopWorker } from "./bench-workers.ts";
import { cpuMs, withNewWorkerd } from "./process-cpu.ts";

const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: { rounds: { type: "string", default: "7" }, requests: { type: "string", default: "5000" } },
});
const rounds = Number(flags.rounds);
const requests = Number(flags.requests);

const { value: worker, pid } = await withNewWorkerd(startHandlerLoopWorker);
if (pid === undefined) throw new Error("handler-cpu.ts reads workerd's CPU time from /proc: Linux only");

async function loop(n: number, origin: string | undefined): Promise<void> {
  const url = new URL(worker.url);
  url.search = new URLSearchParams({ n: String(n), token: BENCH_CLIENT_TOKEN, ...(origin === undefined ? {} : { origin }) }).toString();
  const { answered } = (await (await fetch(url)).json()) as { answered: number };
  if (answered !== n) throw new Error(`${n - answered} of ${n} proxied requests did not answer 200`);
}

const cases = [
  ["no Origin (server clients)", undefined],
  ["allowed Origin (browsers: CORS headers added)", BENCH_ORIGIN],
] as const;
const perCase = new Map<string, number[]>(cases.map(([name]) => [name, []]));
try {
  await loop(2000, BENCH_ORIGIN); // warm up: JIT, the secret cache
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, origin] of cases) {
      const before = cpuMs(pid);
      await loop(requests, origin);
      perCase.get(name)?.push(((cpuMs(pid) - before) * 1000) / requests);
    }
  }
} finally {
  await worker.dispose();
}
process.stdout.write(`Proxy handler CPU per request, ${rounds} alternating rounds of ${requests} (median, min..max):\n`);
for (const [name, samples] of perCase) {
  const sorted = samples.sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  process.stdout.write(`- ${name}: ${median.toFixed(0)} µs (${sorted[0]?.toFixed(0)}..${sorted.at(-1)?.toFixed(0)})\n`);
}
