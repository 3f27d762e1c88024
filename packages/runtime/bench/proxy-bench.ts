// Requests per second through the openai proxy Worker against a bare pass-through Worker, both in
// workerd via Miniflare, against one stand-in gateway on 127.0.0.1. Run: pnpm bench [-- --json]; add
// --calibrate for an A/A run (a second bare Worker in the proxy's place) that shows the harness's spread.
//
// Two measurements: isolated rounds, one Worker loaded at a time (throughput, latency and workerd CPU
// per request of each), and paired rounds, both loaded at once, whose ratio is the headline: the
// machine's speed swings between isolated rounds, while in a paired round both meet the same machine.
import { parseArgs } from "node:util";
import type { BenchWorker } from "./bench-workers.ts";
import { readStoreReads, startPassThroughWorker, startProxyWorker } from "./bench-workers.ts";
import type { LoadResult } from "./load.ts";
import { runLoad, runPairedLoad } from "./load.ts";
import { cpuMs, withNewWorkerd } from "./process-cpu.ts";
import { startUpstreamProcess } from "./upstream.ts";

const TARGET_RATIO = 0.9;

const { values: flags } = parseArgs({
  // pnpm passes a literal `--` through from `pnpm bench -- --json`.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    json: { type: "boolean", default: false },
    requests: { type: "string", default: "3000" },
    concurrency: { type: "string", default: "16" },
    rounds: { type: "string", default: "7" },
    "paired-rounds": { type: "string", default: "9" },
    "ttl-ms": { type: "string" },
    // A/A check of the harness: a second bare pass-through Worker in the proxy's place. Its ratio
    // shows how far apart two identical Workers measure on this machine.
    calibrate: { type: "boolean", default: false },
  },
});
const settings = {
  requests: positive("requests"),
  concurrency: positive("concurrency"),
  rounds: positive("rounds"),
  pairedRounds: positive("paired-rounds"),
  ttlMs: flags["ttl-ms"] === undefined ? undefined : Number(flags["ttl-ms"]),
};

function positive(name: "requests" | "concurrency" | "rounds" | "paired-rounds"): number {
  const value = Number(flags[name]);
  if (!Number.isInteger(value) || value < 1 || value > 100_000) throw new Error(`--${name} must be 1..100000`);
  return value;
}

interface Round extends LoadResult {
  /** workerd CPU microseconds per request in this round; undefined where /proc is missing. */
  readonly cpuMicrosPerRequest: number | undefined;
}

interface Summary {
  readonly requestsPerSecond: number;
  readonly cpuMicrosPerRequest: number | undefined;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
  readonly rounds: readonly Round[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function summarise(rounds: readonly Round[]): Summary {
  const cpu = rounds.map((round) => round.cpuMicrosPerRequest).filter((value) => value !== undefined);
  return {
    requestsPerSecond: median(rounds.map((round) => round.requestsPerSecond)),
    cpuMicrosPerRequest: cpu.length === rounds.length ? median(cpu) : undefined,
    p50Ms: median(rounds.map((round) => round.p50Ms)),
    p99Ms: median(rounds.map((round) => round.p99Ms)),
    failures: rounds.reduce((sum, round) => sum + round.failures, 0),
    rounds,
  };
}

async function main(): Promise<void> {
  const upstream = await startUpstreamProcess();
  const workers: BenchWorker[] = [];
  try {
    const proxyStart = await withNewWorkerd(() =>
      flags.calibrate
        ? startPassThroughWorker({ upstreamOrigin: upstream.origin })
        : startProxyWorker({ upstreamOrigin: upstream.origin, ttlMs: settings.ttlMs }),
    );
    const proxy = proxyStart.value;
    workers.push(proxy);
    const bareStart = await withNewWorkerd(() => startPassThroughWorker({ upstreamOrigin: upstream.origin }));
    const bare = bareStart.value;
    workers.push(bare);

    const load = (worker: BenchWorker, requests: number) =>
      runLoad({ url: worker.url, requests, concurrency: settings.concurrency });
    const measure = async (worker: BenchWorker, pid: number | undefined): Promise<Round> => {
      const before = pid === undefined ? undefined : cpuMs(pid);
      const result = await load(worker, settings.requests);
      const used = pid === undefined || before === undefined ? undefined : cpuMs(pid) - before;
      return { ...result, cpuMicrosPerRequest: used === undefined ? undefined : (used * 1000) / settings.requests };
    };
    // Warm both up (JIT, connections, the proxy's secret cache) before measuring.
    await load(proxy, 200);
    await load(bare, 200);
    const noReads = { storeReads: 0, ttlMs: 0 };
    const readsBefore = flags.calibrate ? noReads : await readStoreReads(proxy);

    const proxyRounds: Round[] = [];
    const bareRounds: Round[] = [];
    // Alternate rounds so drift on the machine affects both sides alike, and swap which side goes
    // first in every other pair: with one order only, two identical bare Workers measured 0.89 to
    // 0.97 apart here, the first of each pair being the slower.
    for (let round = 0; round < settings.rounds; round += 1) {
      if (round % 2 === 0) {
        proxyRounds.push(await measure(proxy, proxyStart.pid));
        bareRounds.push(await measure(bare, bareStart.pid));
      } else {
        bareRounds.push(await measure(bare, bareStart.pid));
        proxyRounds.push(await measure(proxy, proxyStart.pid));
      }
    }
    // Paired rounds: both Workers under load at once; which one starts first alternates.
    const pairedRatios: number[] = [];
    let pairedFailures = 0;
    let pairedProxyRequests = 0;
    for (let round = 0; round < settings.pairedRounds; round += 1) {
      const proxyFirst = round % 2 === 0;
      const { completed, sent, failures } = await runPairedLoad({
        urls: proxyFirst ? [proxy.url, bare.url] : [bare.url, proxy.url],
        requests: settings.requests,
        concurrency: settings.concurrency,
      });
      const [proxySide, bareSide] = proxyFirst ? ([0, 1] as const) : ([1, 0] as const);
      pairedRatios.push(completed[proxySide] / completed[bareSide]);
      pairedFailures += failures;
      pairedProxyRequests += sent[proxySide];
    }
    const readsAfter = flags.calibrate ? noReads : await readStoreReads(proxy);
    // Store reads are counted over both phases: every request the proxy received while measuring.
    const measured = settings.requests * settings.rounds + pairedProxyRequests;
    const measuredReads = readsAfter.storeReads - readsBefore.storeReads;
    report({
      settings,
      proxy: summarise(proxyRounds),
      bare: summarise(bareRounds),
      paired: { ratios: pairedRatios.sort((a, b) => a - b), failures: pairedFailures },
      storeReads: {
        ttlMs: readsAfter.ttlMs,
        total: readsAfter.storeReads,
        measured: measuredReads,
        perThousand: (measuredReads / measured) * 1000,
      },
    });
  } finally {
    for (const worker of workers) await worker.dispose();
    await upstream.close();
  }
}

interface Report {
  readonly settings: typeof settings;
  readonly proxy: Summary;
  readonly bare: Summary;
  /** Proxy / bare completions per paired round, sorted. */
  readonly paired: { readonly ratios: readonly number[]; readonly failures: number };
  readonly storeReads: {
    readonly ttlMs: number;
    readonly total: number;
    readonly measured: number;
    readonly perThousand: number;
  };
}

function report(result: Report): void {
  // The headline: paired rounds, both Workers loaded at once.
  const ratio = median(result.paired.ratios);
  // Isolated rounds: each proxy round ran right next to its bare round, and the median of the
  // per-pair ratios cancels slow drift, but not the swings between one round and the next.
  const isolatedRatios = result.proxy.rounds
    .map((round, index) => round.requestsPerSecond / (result.bare.rounds[index]?.requestsPerSecond ?? Number.NaN))
    .sort((a, b) => a - b);
  const isolatedRatio = median(isolatedRatios);
  const range = (ratios: readonly number[]) => `${ratios[0]?.toFixed(3)}..${ratios.at(-1)?.toFixed(3)}`;
  const cpu = (summary: Summary) => summary.cpuMicrosPerRequest?.toFixed(0) ?? "n/a";
  const row = (name: string, summary: Summary) =>
    `| ${name} | ${result.settings.requests * result.settings.rounds} | ${summary.requestsPerSecond.toFixed(0)} | ${summary.p50Ms.toFixed(2)} | ${summary.p99Ms.toFixed(2)} | ${cpu(summary)} | ${summary.failures} |`;
  const table = [
    `Isolated rounds: concurrency ${result.settings.concurrency}, ${result.settings.rounds} alternating rounds (the side going first swapped every pair) of ${result.settings.requests} requests; medians of the rounds.`,
    "",
    "| Worker | requests | req/s | p50 ms | p99 ms | workerd CPU µs/req | non-200 |",
    "|---|---:|---:|---:|---:|---:|---:|",
    row(flags.calibrate ? "bare pass-through (A/A: in the proxy's place)" : "openai proxy", result.proxy),
    row("bare pass-through", result.bare),
    "",
    `Throughput ratio proxy / bare, both loaded at once (median of ${result.paired.ratios.length} paired rounds, concurrency ${result.settings.concurrency} each): ` +
      `**${ratio.toFixed(3)}** (range ${range(result.paired.ratios)}; non-200: ${result.paired.failures}; target >= ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? "met" : "NOT met"})`,
    `The same ratio from the isolated rounds (median of ${isolatedRatios.length} adjacent pairs; the machine's speed swings between rounds): ` +
      `${isolatedRatio.toFixed(3)} (range ${range(isolatedRatios)})`,
    flags.calibrate
      ? "A/A run: both sides are the same bare Worker, so the ratios show the harness's own spread."
      : `Secrets Store get() calls: ${result.storeReads.perThousand.toFixed(2)} per 1,000 measured requests ` +
      `(${result.storeReads.measured} while measuring, ${result.storeReads.total} in total including the cold start; cache TTL ${result.storeReads.ttlMs} ms)`,
  ].join("\n");
  if (flags.json) {
    process.stderr.write(`${table}\n`);
    process.stdout.write(`${JSON.stringify({ ...result, ratio, isolatedRatio, isolatedRatios, targetRatio: TARGET_RATIO }, null, 2)}\n`);
  } else {
    process.stdout.write(`${table}\n`);
  }
}

await main();
