import type { ProviderId } from "../../src/index.ts";
import { createProxyWorker, providers } from "../../src/index.ts";
import type { FixtureEnv } from "./fixture-env.ts";
import { storeReads } from "./store-reads.ts";

/**
 * All seven provider Workers behind one entry point, picked by host name: `openai.proxy.test`,
 * `anthropic.proxy.test`, ... Each has its own secret cache, as separately deployed Workers would.
 */
const workers = Object.fromEntries(
  Object.entries(providers).map(([id, provider]) => [
    id,
    createProxyWorker<FixtureEnv>(provider, { secretCache: { onStoreRead: (binding) => void storeReads.push(binding) } }),
  ]),
) as Record<ProviderId, ExportedHandler<FixtureEnv>>;

export default {
  fetch(request, env, ctx) {
    const id = new URL(request.url).hostname.split(".")[0] as ProviderId;
    const worker = workers[id];
    if (worker?.fetch === undefined) return new Response("unknown provider host", { status: 421 });
    return worker.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<FixtureEnv>;
