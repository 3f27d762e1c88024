import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ProviderSpec, ProxyWorkerOptions } from "../../src/index.ts";
import { createProxyWorker, providers } from "../../src/index.ts";
import { fixtureSecretsFor, seedGatewaySecrets, seedSecret, STAND_IN_GATEWAY_BASE_URL, useStandInGateway } from "../../src/testing/index.ts";
import type { FixtureEnv } from "./fixture-env.ts";

// The fixture secrets are the same for every provider except the provider key.
const secrets = fixtureSecretsFor(providers.openai);
const token = secrets.clientTokens[0];
const gatewayRoot = `${STAND_IN_GATEWAY_BASE_URL}/${secrets.accountId}/${secrets.gatewayId}`;
const keyOf = (provider: ProviderSpec) => fixtureSecretsFor(provider).providerKey;

/** A request to the fixture Worker of provider `id`, as its client sends it. */
function send(id: string, pathAndQuery: string, init: RequestInit = {}) {
  return exports.default.fetch(`https://${id}.proxy.test${pathAndQuery}`, init);
}

const upgrade = (headers: Record<string, string> = { authorization: `Bearer ${token}` }) => ({
  headers: { upgrade: "websocket", ...headers },
});

describe("where each request goes", () => {
  const gateway = useStandInGateway();
  beforeAll(async () => {
    await seedGatewaySecrets(env, secrets);
    for (const provider of Object.values(providers)) await seedSecret(env, provider.keyBinding, keyOf(provider));
  });

  it("opens OpenAI's SDK realtime URL (<baseURL>/realtime?model=) on the gateway's realtime endpoint", async () => {
    const response = await send("openai", "/realtime?model=gpt-realtime", upgrade());
    expect(response.status).toBe(101);
    expect(gateway.requests[0]?.url).toBe(`${gatewayRoot}/openai?model=gpt-realtime`);
    response.webSocket?.accept();
    response.webSocket?.close(1000);
  });

  it("accepts the Google SDK's live URL with the token in ?key=, and sends the provider key as api_key to the google slug", async () => {
    const path = `//ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContent?key=${token}`;
    const response = await send("google-ai-studio", path, upgrade({}));
    expect(response.status).toBe(101);
    const [upstream] = gateway.requests;
    expect(upstream?.url).toBe(`${gatewayRoot}/google?api_key=${keyOf(providers["google-ai-studio"])}`);
    expect(JSON.stringify(upstream)).not.toContain(token);
    response.webSocket?.accept();
    response.webSocket?.close(1000);
  });

  it("refuses a wrong token in Google's ?key= and opens nothing", async () => {
    const response = await send("google-ai-studio", "/v1/models?key=wrong", {});
    expect(response.status).toBe(401);
    expect(gateway.requests).toEqual([]);
  });

  it("sends ElevenLabs conversations to the gateway's realtime endpoint and other sockets to their own path", async () => {
    const conversation = await send("elevenlabs", "/v1/convai/conversation?agent_id=agent_1", upgrade());
    const scribe = await send("elevenlabs", "/v1/speech-to-text/realtime?model_id=scribe_v2&token=single-use", upgrade());
    expect([conversation.status, scribe.status]).toEqual([101, 101]);
    expect(gateway.requests.map((request) => request.url)).toEqual([
      `${gatewayRoot}/elevenlabs?agent_id=agent_1`,
      `${gatewayRoot}/elevenlabs/v1/speech-to-text/realtime?model_id=scribe_v2`,
    ]);
    for (const socket of [conversation.webSocket, scribe.webSocket]) {
      socket?.accept();
      socket?.close(1000);
    }
  });

  it("forwards the query string byte for byte, minus credential parameters", async () => {
    const query = "?model=gpt%2Drealtime&x=%7e&X=%7E&y=a+b&z=%zz&&flag&=v&u=%E2%9C%93&api_key=c1&k%65y=c2&token=c3";
    const response = await send("openai", `/realtime${query}`, upgrade());
    expect(gateway.requests[0]?.url).toBe(`${gatewayRoot}/openai?model=gpt%2Drealtime&x=%7e&X=%7E&y=a+b&z=%zz&&flag&=v&u=%E2%9C%93`);
    response.webSocket?.accept();
    response.webSocket?.close(1000);

    await send("google-ai-studio", "/v1beta/models/m:streamGenerateContent?alt=sse&key=client-key&$fields=a%2Cb", {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: "{}",
    });
    expect(gateway.requests[1]?.url).toBe(`${gatewayRoot}/google-ai-studio/v1beta/models/m:streamGenerateContent?alt=sse&$fields=a%2Cb`);
  });

  it.each([
    ["huggingface", "/gpt2", "huggingface/gpt2"],
    ["huggingface", "/gpt2/v1/chat/completions", "huggingface/gpt2/v1/chat/completions"],
    ["huggingface", "/bigcode/starcoder/v1/completions", "huggingface/bigcode/starcoder/v1/completions"],
    ["deepseek", "/v1/chat/completions", "deepseek/v1/chat/completions"],
    ["perplexity", "/chat/completions", "perplexity-ai/chat/completions"],
    ["google-ai-studio", "//v1/models/gemini-2.5-flash:countTokens", "google-ai-studio/v1/models/gemini-2.5-flash:countTokens"],
  ])("%s %s -> %s", async (id, path, upstreamPath) => {
    const response = await send(id, path, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: "{}" });
    expect(response.status).toBe(200);
    expect(gateway.requests[0]?.url).toBe(`${gatewayRoot}/${upstreamPath}`);
  });
});

describe("createProxyWorker's servedPaths option", () => {
  const gateway = useStandInGateway();
  const bearer = { authorization: `Bearer ${token}` };

  async function status(options: ProxyWorkerOptions, method: string, path: string): Promise<number> {
    const worker = createProxyWorker<FixtureEnv>(providers.openai, options);
    const ctx = createExecutionContext();
    const request = new Request(`https://proxy.test${path}`, { method, headers: bearer, body: method === "GET" ? null : "{}" });
    const response = await worker.fetch?.(request as Parameters<NonNullable<ExportedHandler["fetch"]>>[0], env, ctx);
    await waitOnExecutionContext(ctx);
    return response?.status ?? 0;
  }

  it("widens and narrows the provider's table per Worker", async () => {
    const options = { servedPaths: { add: ["GET /files/{file_id}"], remove: ["GET /models"] } };
    expect(await status(options, "GET", "/files/file_1")).toBe(200);
    expect(await status(options, "GET", "/models")).toBe(404);
    expect(await status(options, "POST", "/chat/completions")).toBe(200);
    expect(gateway.requests.map((request) => request.url)).toEqual([
      `${gatewayRoot}/openai/files/file_1`,
      `${gatewayRoot}/openai/chat/completions`,
    ]);
  });

  it("replaces the table with a list", async () => {
    const options = { servedPaths: ["POST /chat/completions"] };
    expect(await status(options, "POST", "/chat/completions")).toBe(200);
    expect(await status(options, "POST", "/embeddings")).toBe(404);
  });

  it("refuses a bad option when the Worker is created, not on the first request", () => {
    expect(() => createProxyWorker<FixtureEnv>(providers.openai, { servedPaths: { add: ["FETCH /x"] } })).toThrowError(
      'servedPaths.add[0]: "FETCH /x": method must be one of GET, POST, PUT, PATCH, DELETE, WS',
    );
  });
});
