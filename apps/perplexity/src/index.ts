import { createProxyWorker, providers } from "@secrets-manifest/runtime";
import type { Env } from "./env.generated.ts";

/**
 * Perplexity through AI Gateway. Clients authenticate with a PROXY_CLIENT_TOKENS token; the provider key
 * and the gateway token come from Secrets Store and never leave the Worker (see secrets.manifest.ts).
 */
export default createProxyWorker<Env>(providers.perplexity);
