import type { ProviderId } from "../../../src/index.ts";
import { createProxyWorker, providers } from "../../../src/index.ts";
import type { FixtureEnv } from "../../workers/fixture-env.ts";

interface SdkWorkerEnv extends FixtureEnv {
  /** Which provider's Worker this Miniflare instance runs. */
  readonly PROVIDER_ID: ProviderId;
}

let worker: ExportedHandler<SdkWorkerEnv> | undefined;

/** One provider's proxy Worker, exactly as an app builds it: `createProxyWorker<Env>(providers.<id>)`. */
export default {
  fetch(request, env, ctx) {
    worker ??= createProxyWorker<SdkWorkerEnv>(providers[env.PROVIDER_ID]);
    return worker.fetch?.(request, env, ctx) ?? new Response(null, { status: 500 });
  },
} satisfies ExportedHandler<SdkWorkerEnv>;
