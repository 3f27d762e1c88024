import type { GatewayEnv } from "../../src/index.ts";
import { createProxyWorker, providers } from "../../src/index.ts";

interface LoopEnv extends GatewayEnv {
  readonly OPENAI_API_KEY: SecretsStoreSecret;
}

const body = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello" }] });
const upstreamBody = JSON.stringify({ id: "chatcmpl-stand-in", object: "chat.completion" });
const upstreamHeaders = { "content-type": "application/json", "cf-aig-cache-status": "MISS", "cf-aig-log-id": "01JSTANDIN" };
let worker: ExportedHandler<LoopEnv> | undefined;

/**
 * Calls the openai proxy Worker's fetch handler `n` times in a row, with the gateway answering
 * in-process: the workerd CPU this costs is the proxy's own work per request, without the HTTP
 * stack that dominates `proxy-bench.ts` and swings with other load on the machine.
 */
export default {
  async fetch(request, env, ctx) {
    const params = new URL(request.url).searchParams;
    const n = Number(params.get("n") ?? "1000");
    const headers: Record<string, string> = { authorization: `Bearer ${params.get("token")}`, "content-type": "application/json" };
    const origin = params.get("origin");
    if (origin !== null) headers.origin = origin;
    globalThis.fetch = async () => new Response(upstreamBody, { headers: upstreamHeaders });
    worker ??= createProxyWorker<LoopEnv>(providers.openai);
    let answered = 0;
    for (let index = 0; index < n; index += 1) {
      const proxied = new Request("https://proxy.test/chat/completions", { method: "POST", headers, body });
      const response = await worker.fetch?.(proxied as Parameters<NonNullable<ExportedHandler["fetch"]>>[0], env, ctx);
      await response?.arrayBuffer();
      if (response?.status === 200) answered += 1;
    }
    return Response.json({ answered });
  },
} satisfies ExportedHandler<LoopEnv>;
