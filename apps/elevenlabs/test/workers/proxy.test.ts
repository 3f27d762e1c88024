import { providers } from "@secrets-manifest/runtime";
import { describeProxyWorker } from "@secrets-manifest/runtime/testing";
import { env, exports } from "cloudflare:workers";

// The shared proxy suite against this app's own Worker and generated wrangler-elevenlabs.toml.
describeProxyWorker({ provider: providers.elevenlabs, worker: exports.default, env });
