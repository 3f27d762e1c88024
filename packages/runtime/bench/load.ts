import { BENCH_CLIENT_TOKEN, BENCH_ORIGIN } from "./bench-workers.ts";

export interface LoadOptions {
  readonly url: string;
  readonly requests: number;
  readonly concurrency: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly failures: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const body = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello" }] });

/** Sends `requests` chat completions with `concurrency` in flight; every response body is read. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL("/chat/completions", options.url);
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;

  async function client(): Promise<void> {
    while (next < options.requests) {
      next += 1;
      const started = performance.now();
      const response = await fetch(target, {
        method: "POST",
        headers: { authorization: `Bearer ${BENCH_CLIENT_TOKEN}`, "content-type": "application/json", origin: BENCH_ORIGIN },
        body,
      });
      await response.arrayBuffer();
      if (response.status !== 200) failures += 1;
      latencies.push(performance.now() - started);
    }
  }

  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: options.requests,
    failures,
    seconds,
    requestsPerSecond: options.requests / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}
