import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ProxyWorkerOptions } from "../../src/index.ts";
import { createProxyWorker, providers } from "../../src/index.ts";
import { fixtureSecretsFor, seedGatewaySecrets, seedSecret, useStandInGateway } from "../../src/testing/index.ts";
import type { FixtureEnv } from "./fixture-env.ts";

const provider = providers.openai;
const secrets = fixtureSecretsFor(provider);
const bearer = { authorization: `Bearer ${secrets.clientTokens[0]}` };

/** A fresh Worker (fresh cache), called directly as the runtime would call its fetch handler. */
async function call(request: Request, options: ProxyWorkerOptions = {}, workerEnv: FixtureEnv = env) {
  const worker = createProxyWorker<FixtureEnv>(provider, options);
  const ctx = createExecutionContext();
  const response = await worker.fetch?.(incoming(request), workerEnv, ctx);
  await waitOnExecutionContext(ctx);
  if (response === undefined) throw new Error("the Worker has no fetch handler");
  return response;
}

/** Types a test-built Request as the runtime's incoming one (which carries `cf` properties). */
const incoming = (request: Request) => request as Parameters<NonNullable<ExportedHandler["fetch"]>>[0];

const chat = (headers: Record<string, string> = bearer) =>
  new Request("https://proxy.test/chat/completions", { method: "POST", headers, body: "{}" });

describe("createProxyWorker", () => {
  const gateway = useStandInGateway();
  beforeAll(async () => {
    await seedGatewaySecrets(env, secrets);
    await seedSecret(env, provider.keyBinding, secrets.providerKey);
  });

  it("answers 504 when the gateway sends no response headers within the timeout", async () => {
    gateway.respondWith(
      (request) =>
        new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
    );
    const started = Date.now();
    const response = await call(chat(), { upstreamTimeoutMs: 100 });
    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({
      error: { type: "gateway_timeout", message: "The AI Gateway did not answer in time." },
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("does not time out a stream that started in time but runs longer", async () => {
    gateway.respondWith(() => {
      const body = new ReadableStream({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode("data: first\n\n"));
          await new Promise((resolve) => setTimeout(resolve, 200));
          controller.enqueue(new TextEncoder().encode("data: last\n\n"));
          controller.close();
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    });
    const response = await call(chat(), { upstreamTimeoutMs: 100 });
    expect(await response.text()).toBe("data: first\n\ndata: last\n\n");
  });

  it("arms no timer when no timeout is set (the client's own timeout applies), and one when it is", async () => {
    const timeout = vi.spyOn(AbortSignal, "timeout");
    try {
      expect((await call(chat())).status).toBe(200);
      expect(timeout).not.toHaveBeenCalled();
      expect((await call(chat(), { upstreamTimeoutMs: 300_000 })).status).toBe(200);
      expect(timeout).toHaveBeenCalledExactlyOnceWith(300_000);
    } finally {
      timeout.mockRestore();
    }
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses upstreamTimeoutMs %s when the Worker is created", (upstreamTimeoutMs) => {
    expect(() => createProxyWorker<FixtureEnv>(provider, { upstreamTimeoutMs })).toThrow(
      `upstreamTimeoutMs: ${String(upstreamTimeoutMs)} is not a whole number of milliseconds above 0; give one (e.g. 300000 for 5 minutes) or leave it out for no limit`,
    );
  });

  it("answers 502 when the gateway cannot be reached", async () => {
    gateway.respondWith(() => {
      throw new TypeError("Network connection lost.");
    });
    const response = await call(chat());
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: { type: "bad_gateway" } });
  });

  it("uses https://gateway.ai.cloudflare.com/v1 when AI_GATEWAY_BASE_URL is not set", async () => {
    const { AI_GATEWAY_BASE_URL: _, ...withoutBaseUrl } = env;
    await call(chat(), {}, withoutBaseUrl as FixtureEnv);
    expect(gateway.requests[0]?.url).toBe(
      `https://gateway.ai.cloudflare.com/v1/${secrets.accountId}/${secrets.gatewayId}/openai/chat/completions`,
    );
  });

  it("reads each secret from the store once for many concurrent requests", async () => {
    const reads: string[] = [];
    const worker = createProxyWorker<FixtureEnv>(provider, { secretCache: { onStoreRead: (b) => void reads.push(b) } });
    const ctx = createExecutionContext();
    const responses = await Promise.all(Array.from({ length: 20 }, () => worker.fetch?.(incoming(chat()), env, ctx)));
    await waitOnExecutionContext(ctx);
    expect(responses.map((response) => response?.status)).toEqual(Array(20).fill(200));
    expect(reads.sort()).toEqual(
      ["AI_GATEWAY_ACCOUNT_ID", "AI_GATEWAY_ID", "CLOUDFLARE_API_KEY", "OPENAI_API_KEY", "PROXY_CLIENT_TOKENS"].sort(),
    );
  });

  it("accepts a rotated client token without a redeploy once the TTL has passed", async () => {
    const worker = createProxyWorker<FixtureEnv>(provider, { secretCache: { ttlMs: 50 } });
    const send = async (token: string) => {
      const ctx = createExecutionContext();
      const response = await worker.fetch?.(incoming(chat({ authorization: `Bearer ${token}` })), env, ctx);
      await waitOnExecutionContext(ctx);
      return response?.status;
    };
    expect(await send("rotated-in-token")).toBe(401);
    await seedSecret(env, "PROXY_CLIENT_TOKENS", `${secrets.clientTokens[1]},rotated-in-token`);
    await new Promise((resolve) => setTimeout(resolve, 70));
    expect(await send("rotated-in-token")).toBe(200);
    expect(await send(secrets.clientTokens[0])).toBe(401);
    await seedGatewaySecrets(env, secrets);
  });

  it("passes a refused WebSocket upgrade's status and body back", async () => {
    gateway.respondWith(() => new Response("no realtime here", { status: 400 }));
    const response = await call(new Request("https://proxy.test/", { headers: { ...bearer, upgrade: "websocket" } }));
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("no realtime here");
  });

  it("strips the credential query parameters its provider defines", async () => {
    const worker = createProxyWorker<FixtureEnv>(providers["google-ai-studio"]);
    await seedSecret(env, "GOOGLE_AI_STUDIO_API_KEY", "google-key");
    const ctx = createExecutionContext();
    const url = "https://proxy.test/v1beta/models/m:streamGenerateContent?alt=sse&key=client-key";
    await worker.fetch?.(incoming(new Request(url, { method: "POST", headers: bearer, body: "{}" })), env, ctx);
    expect(gateway.requests[0]?.url).toMatch(/\/google-ai-studio\/v1beta\/models\/m:streamGenerateContent\?alt=sse$/);
  });
});
