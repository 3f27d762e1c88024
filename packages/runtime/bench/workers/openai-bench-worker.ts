import type { GatewayEnv } from "../../src/index.ts";
import { createProxyWorker, DEFAULT_SECRET_TTL_MS, providers } from "../../src/index.ts";

interface BenchEnv extends GatewayEnv {
  readonly OPENAI_API_KEY: SecretsStoreSecret;
  readonly AI_GATEWAY_BASE_URL: string;
  /** Empty for the runtime's default TTL. */
  readonly BENCH_SECRET_TTL_MS: string;
}

// Bench-only state: the number of get() calls that reached the store, read by the bench script.
let storeReads = 0;
let worker: ExportedHandler<BenchEnv> | undefined;

/** The openai proxy Worker as an app builds it, plus a counter of Secrets Store reads. */
export default {
  fetch(request, env, ctx) {
    const ttlMs = env.BENCH_SECRET_TTL_MS === "" ? DEFAULT_SECRET_TTL_MS : Number(env.BENCH_SECRET_TTL_MS);
    // A suffix test, not a URL parse: the harness must not add work the bare Worker does not do.
    if (request.url.endsWith("/__bench/store-reads")) return Response.json({ storeReads, ttlMs });
    worker ??= createProxyWorker<BenchEnv>(providers.openai, {
      secretCache: { ttlMs, onStoreRead: () => void (storeReads += 1) },
    });
    return worker.fetch?.(request, env, ctx) ?? new Response(null, { status: 500 });
  },
} satisfies ExportedHandler<BenchEnv>;
