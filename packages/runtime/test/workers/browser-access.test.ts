import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ProxyPolicyVars, ProxyWorkerOptions } from "../../src/index.ts";
import { createProxyWorker, providers } from "../../src/index.ts";
import { fixtureSecretsFor, seedGatewaySecrets, seedSecret, STAND_IN_RESPONSE_HEADERS, useStandInGateway } from "../../src/testing/index.ts";
import type { FixtureEnv } from "./fixture-env.ts";
import { callWorker } from "./worker-call.ts";

const provider = providers.openai;
const secrets = fixtureSecretsFor(provider);
const token = secrets.clientTokens[0];
const APP = "https://app.example";

function send(request: Request, options: ProxyWorkerOptions = { allowedOrigins: [APP] }, vars: ProxyPolicyVars = {}) {
  return callWorker(createProxyWorker<FixtureEnv>(provider, options), request, { ...env, ...vars });
}

const preflight = (origin: string) =>
  new Request("https://proxy.test/chat/completions", {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type, x-stainless-lang" },
  });

const chat = (headers: Record<string, string>) =>
  new Request("https://proxy.test/chat/completions", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: "{}" });

describe("browsers", () => {
  const gateway = useStandInGateway();
  beforeAll(async () => {
    await seedGatewaySecrets(env, secrets);
    await seedSecret(env, provider.keyBinding, secrets.providerKey);
  });

  it("answers an allowed origin's preflight without a token and sends nothing upstream", async () => {
    const response = await send(preflight(APP));
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(APP);
    expect(response.headers.get("access-control-allow-headers")).toBe("authorization, content-type, x-stainless-lang");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(gateway.requests).toEqual([]);
  });

  it("gives an unknown origin's preflight no CORS headers and sends nothing upstream", async () => {
    const response = await send(preflight("https://evil.example"));
    expect(response.status).toBe(204);
    expect([...response.headers.keys()].filter((name) => name.startsWith("access-control-"))).toEqual([]);
    expect(gateway.requests).toEqual([]);
  });

  it("lets an allowed page read a 401, and what the gateway answered, with the headers SDKs read", async () => {
    const refused = await send(chat({ origin: APP, authorization: "Bearer wrong" }));
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe(APP);
    expect(refused.headers.get("access-control-expose-headers")).toBe("*");

    const answered = await send(chat({ origin: APP, authorization: `Bearer ${token}` }));
    expect(answered.status).toBe(200);
    expect(answered.headers.get("access-control-allow-origin")).toBe(APP);
    // The wildcard exposes every header the gateway sent (request ids, rate limits, cf-aig-*).
    expect(answered.headers.get("access-control-expose-headers")).toBe("*");
    expect([...answered.headers.keys()]).toEqual(expect.arrayContaining(Object.keys(STAND_IN_RESPONSE_HEADERS)));
    expect(answered.headers.get("access-control-allow-credentials")).toBeNull();
    expect(answered.headers.get("vary")).toBe("Origin");
  });

  it("adds CORS headers to errors the Worker answers itself", async () => {
    const tooMany = await send(chat({ origin: APP, authorization: `Bearer ${"t".repeat(5000)}` }));
    expect(tooMany.status).toBe(400);
    expect(tooMany.headers.get("access-control-allow-origin")).toBe(APP);
    const unreachable = await (() => {
      gateway.respondWith(() => {
        throw new TypeError("Network connection lost.");
      });
      return send(chat({ origin: APP, authorization: `Bearer ${token}` }));
    })();
    expect(unreachable.status).toBe(502);
    expect(unreachable.headers.get("access-control-allow-origin")).toBe(APP);
  });

  it("serves other origins without CORS headers, and non-browser clients without any", async () => {
    const other = await send(chat({ origin: "https://evil.example", authorization: `Bearer ${token}` }));
    expect(other.status).toBe(200);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect(other.headers.get("vary")).toBe("Origin");
    const server = await send(chat({ authorization: `Bearer ${token}` }));
    expect(server.headers.get("vary")).toBeNull();
    expect(server.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("takes allowed origins from PROXY_ALLOWED_ORIGINS too", async () => {
    const vars = { PROXY_ALLOWED_ORIGINS: "https://staging.example, http://localhost:5173" };
    const response = await send(preflight("http://localhost:5173"), {}, vars);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect((await send(preflight(APP), {}, vars)).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers 500 and logs what to fix when a var is invalid", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await send(preflight(APP), {}, { PROXY_ALLOWED_ORIGINS: "https://app.example/" });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { type: "internal_error", message: "The proxy failed to handle the request." } });
    expect(JSON.parse(String(errors.mock.calls[0]?.[0]))).toEqual({
      event: "config_error",
      problems: ['PROXY_ALLOWED_ORIGINS[0]: "https://app.example/" is not an origin (scheme://host[:port], no path or trailing slash); write "https://app.example"'],
    });
    expect(gateway.requests).toEqual([]);
  });

  it("refuses a bad option when the Worker is created", () => {
    expect(() => createProxyWorker<FixtureEnv>(provider, { allowedOrigins: ["*"] })).toThrow(/allowedOrigins\[0\]: "\*" is not an origin/);
  });

  describe("realtime through the OpenAI SDK's browser convention", () => {
    const realtime = (protocols: string) =>
      new Request("https://proxy.test/?model=gpt-realtime", { headers: { upgrade: "websocket", origin: APP, "sec-websocket-protocol": protocols } });

    it("accepts the token as openai-insecure-api-key.<token>, and never forwards or echoes it", async () => {
      const response = await send(realtime(`realtime, openai-insecure-api-key.${token}, openai-beta.realtime-v1`));
      expect(response.status).toBe(101);
      expect(response.headers.get("sec-websocket-protocol")).toBe("realtime");
      const [upstream] = gateway.requests;
      expect(upstream?.headers["sec-websocket-protocol"]).toBe("realtime, openai-beta.realtime-v1");
      expect(upstream?.headers.authorization).toBe(`Bearer ${secrets.providerKey}`);
      expect(JSON.stringify([gateway.requests, [...response.headers]])).not.toContain(token);
      response.webSocket?.accept();
      response.webSocket?.close(1000, "done");
    });

    it("refuses a wrong token in that protocol entry", async () => {
      const response = await send(realtime("realtime, openai-insecure-api-key.sk-not-a-proxy-token"));
      expect(response.status).toBe(401);
      expect(response.headers.get("access-control-allow-origin")).toBe(APP);
      expect(gateway.requests).toEqual([]);
    });
  });
});
