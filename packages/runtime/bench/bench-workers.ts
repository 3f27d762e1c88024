import { readdir, readFile } from "node:fs/promises";
import { stripTypeScriptTypes } from "node:module";
import { join, relative, resolve } from "node:path";
import type { V4MiniflareOptions } from "miniflare";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";

const RUNTIME_DIR = resolve(import.meta.dirname, "..");
const STORE_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const COMPATIBILITY = { compatibilityDate: "2026-08-01", compatibilityFlags: ["nodejs_compat"] };

export const BENCH_CLIENT_TOKEN = "bench-client-token";

const benchSecrets = {
  OPENAI_API_KEY: "sk-bench-provider-key",
  AI_GATEWAY_ACCOUNT_ID: "0123456789abcdef0123456789abcdef",
  AI_GATEWAY_ID: "bench-gateway",
  CLOUDFLARE_API_KEY: "cf-bench-token",
  // A named token: the proxy attributes every request to the client "bench" in cf-aig-metadata.
  PROXY_CLIENT_TOKENS: `old-bench-token,bench:${BENCH_CLIENT_TOKEN}`,
};

/** The load sends this Origin, which the proxy allows: every answer carries CORS headers. */
export const BENCH_ORIGIN = "https://bench.example";

/**
 * Miniflare runs JavaScript modules; the runtime is written in erasable TypeScript, so stripping the
 * types (Node's own stripper) is all the "build" the bench needs.
 */
async function readModules(entry: string, dirs: readonly string[]) {
  const files = [entry];
  for (const dir of dirs) {
    const names = await readdir(join(RUNTIME_DIR, dir));
    files.push(...names.filter((name) => name.endsWith(".ts")).map((name) => join(RUNTIME_DIR, dir, name)));
  }
  return Promise.all(
    files.map(async (path) => ({
      type: "ESModule" as const,
      path: relative(RUNTIME_DIR, path),
      contents: stripTypeScriptTypes(await readFile(path, "utf8"), { mode: "strip" }),
    })),
  );
}

// Miniflare 5 still accepts the flat Miniflare 4 options through its converter; they read best here.
function startMiniflare(options: V4MiniflareOptions): Miniflare {
  return new Miniflare(convertV4MiniflareOptions(options));
}

export interface BenchWorker {
  readonly url: string;
  dispose(): Promise<void>;
}

/** The openai proxy Worker in its own workerd, its secrets seeded in the local store. */
export interface ProxyWorkerOptions {
  readonly upstreamOrigin: string;
  readonly ttlMs?: number;
  /** Opens the V8 inspector on this port, to profile the Worker under load. */
  readonly inspectorPort?: number;
}

export async function startProxyWorker(options: ProxyWorkerOptions): Promise<BenchWorker> {
  const mf = startMiniflare({
    ...COMPATIBILITY,
    ...(options.inspectorPort === undefined ? {} : { inspectorPort: options.inspectorPort }),
    modulesRoot: RUNTIME_DIR,
    modules: await readModules(join(RUNTIME_DIR, "bench/workers/openai-bench-worker.ts"), ["src"]),
    bindings: {
      AI_GATEWAY_BASE_URL: `${options.upstreamOrigin}/v1`,
      BENCH_SECRET_TTL_MS: options.ttlMs?.toString() ?? "",
      PROXY_ALLOWED_ORIGINS: BENCH_ORIGIN,
    },
    secretsStoreSecrets: Object.fromEntries(
      Object.keys(benchSecrets).map((name) => [name, { store_id: STORE_ID, secret_name: name }]),
    ),
  });
  const url = (await mf.ready).href;
  for (const [name, value] of Object.entries(benchSecrets)) {
    const admin = await mf.getSecretsStoreSecretAPI(name);
    await admin().create(value);
  }
  return { url, dispose: () => mf.dispose() };
}

/** bench/workers/handler-loop-worker.ts, which calls the proxy's handler in a loop (handler-cpu.ts). */
export async function startHandlerLoopWorker(): Promise<BenchWorker> {
  const mf = startMiniflare({
    ...COMPATIBILITY,
    modulesRoot: RUNTIME_DIR,
    modules: await readModules(join(RUNTIME_DIR, "bench/workers/handler-loop-worker.ts"), ["src"]),
    bindings: { AI_GATEWAY_BASE_URL: "http://127.0.0.1:9/v1", PROXY_ALLOWED_ORIGINS: BENCH_ORIGIN },
    secretsStoreSecrets: Object.fromEntries(
      Object.keys(benchSecrets).map((name) => [name, { store_id: STORE_ID, secret_name: name }]),
    ),
  });
  const url = (await mf.ready).href;
  for (const [name, value] of Object.entries(benchSecrets)) {
    const admin = await mf.getSecretsStoreSecretAPI(name);
    await admin().create(value);
  }
  return { url, dispose: () => mf.dispose() };
}

/** The bare pass-through Worker on the same runtime and upstream. */
export async function startPassThroughWorker(options: { upstreamOrigin: string }): Promise<BenchWorker> {
  const mf = startMiniflare({
    ...COMPATIBILITY,
    modulesRoot: RUNTIME_DIR,
    modules: await readModules(join(RUNTIME_DIR, "bench/workers/pass-through-worker.ts"), []),
    bindings: { UPSTREAM_URL: `${options.upstreamOrigin}/v1/0123456789abcdef0123456789abcdef/bench-gateway/openai` },
  });
  return { url: (await mf.ready).href, dispose: () => mf.dispose() };
}

export interface StoreReadStats {
  readonly storeReads: number;
  readonly ttlMs: number;
}

export async function readStoreReads(worker: BenchWorker): Promise<StoreReadStats> {
  const response = await fetch(new URL("/__bench/store-reads", worker.url));
  return (await response.json()) as StoreReadStats;
}
