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

/** One chat completion, its body read; whether it answered 200. */
async function chat(target: URL): Promise<boolean> {
  const response = await fetch(target, {
    method: "POST",
    headers: { authorization: `Bearer ${BENCH_CLIENT_TOKEN}`, "content-type": "application/json", origin: BENCH_ORIGIN },
    body,
  });
  await response.arrayBuffer();
  return response.status === 200;
}

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
      if (!(await chat(target))) failures += 1;
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

export interface PairedLoadResult {
  /** Requests each side completed while both were under load. */
  readonly completed: readonly [number, number];
  /** Requests each side sent in all, those finishing after the other side stopped included. */
  readonly sent: readonly [number, number];
  readonly failures: number;
}

/**
 * Loads two Workers at the same time, `concurrency` in flight on each, until one side has sent
 * `requests`; counts what each completed while both were loaded. Both meet the same machine at the
 * same moment, so a swing in the machine's speed (up to 50% within minutes on a shared two-core
 * machine) changes both counts alike instead of favouring whichever side ran then.
 */
export async function runPairedLoad(options: { readonly urls: readonly [string, string]; readonly requests: number; readonly concurrency: number }): Promise<PairedLoadResult> {
  const completed: [number, number] = [0, 0];
  const sent: [number, number] = [0, 0];
  let failures = 0;
  let stoppedAt = Number.POSITIVE_INFINITY;

  async function side(index: 0 | 1): Promise<void> {
    const target = new URL("/chat/completions", options.urls[index]);
    async function client(): Promise<void> {
      while (sent[index] < options.requests && performance.now() < stoppedAt) {
        sent[index] += 1;
        const ok = await chat(target);
        if (!ok) failures += 1;
        else if (performance.now() <= stoppedAt) completed[index] += 1;
      }
    }
    await Promise.all(Array.from({ length: options.concurrency }, client));
    stoppedAt = Math.min(stoppedAt, performance.now());
  }

  await Promise.all([side(0), side(1)]);
  return { completed, sent, failures };
}
