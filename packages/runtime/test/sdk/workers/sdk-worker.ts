import type { ProviderId } from "../../../src/index.ts";
import { createProxyWorker, providers } from "../../../src/index.ts";
import type { FixtureEnv } from "../../workers/fixture-env.ts";

interface SdkWorkerEnv extends FixtureEnv {
  /** Which provider's Worker this Miniflare instance runs. */
  readonly PROVIDER_ID: ProviderId;
  /** `upstreamTimeoutMs` for this Worker; empty for the default. */
  readonly UPSTREAM_TIMEOUT_MS: string;
}

let worker: ExportedHandler<SdkWorkerEnv> | undefined;

/** One provider's proxy Worker, exactly as an app builds it: `createProxyWorker<Env>(providers.<id>)`. */
export default {
  fetch(request, env, ctx) {
    const timeout = env.UPSTREAM_TIMEOUT_MS === "" ? {} : { upstreamTimeoutMs: Number(env.UPSTREAM_TIMEOUT_MS) };
    worker ??= createProxyWorker<SdkWorkerEnv>(providers[env.PROVIDER_ID], timeout);
    return worker.fetch?.(request, env, ctx) ?? new Response(null, { status: 500 });
  },
} satisfies ExportedHandler<SdkWorkerEnv>;
