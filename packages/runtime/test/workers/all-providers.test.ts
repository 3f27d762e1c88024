import { env, exports } from "cloudflare:workers";
import { providers } from "../../src/index.ts";
import { describeProxyWorker } from "../../src/testing/index.ts";

// The shared suite, once per provider, against the fixture Worker that hosts all seven.
for (const [id, provider] of Object.entries(providers)) {
  describeProxyWorker({ provider, worker: exports.default, env, origin: `https://${id}.proxy.test` });
}
