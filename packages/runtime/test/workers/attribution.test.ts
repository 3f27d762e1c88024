import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ProxyWorkerOptions } from "../../src/index.ts";
import { createProxyWorker, providers } from "../../src/index.ts";
import { fixtureSecretsFor, seedGatewaySecrets, seedSecret, useStandInGateway } from "../../src/testing/index.ts";
import type { FixtureEnv } from "./fixture-env.ts";
import { callWorker } from "./worker-call.ts";

const provider = providers.openai;
const secrets = fixtureSecretsFor(provider);
const tokens = { mobile: "tok-mobile-1f3a9e", web: "tok-web-9c2b77", unnamed: "tok-unnamed-44d1c0", misnamed: "tok-misnamed-0b7e" };
// Named, unnamed, and an entry with an invalid name (left out, reported by position only).
const CLIENT_TOKENS = `mobile-app:${tokens.mobile}, web:${tokens.web}, ${tokens.unnamed}, bad name:${tokens.misnamed}`;

function send(request: Request, options: ProxyWorkerOptions = {}) {
  return callWorker(createProxyWorker<FixtureEnv>(provider, options), request, env);
}

const chat = (token: string, headers: Record<string, string> = {}) =>
  new Request("https://proxy.test/chat/completions", { method: "POST", headers: { authorization: `Bearer ${token}`, ...headers }, body: "{}" });

describe("per-client attribution", () => {
  const gateway = useStandInGateway();
  beforeAll(async () => {
    await seedGatewaySecrets(env, secrets);
    await seedSecret(env, provider.keyBinding, secrets.providerKey);
    await seedSecret(env, "PROXY_CLIENT_TOKENS", CLIENT_TOKENS);
  });

  it("tells the gateway which named client made the request, as metadata the Worker sets", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    await send(chat(tokens.mobile));
    await send(chat(tokens.web));
    expect(gateway.requests.map((request) => request.headers["cf-aig-metadata"])).toEqual(['{"client":"mobile-app"}', '{"client":"web"}']);
  });

  it("keeps unnamed tokens working, without metadata", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await send(chat(tokens.unnamed));
    expect(response.status).toBe(200);
    expect(gateway.requests[0]?.headers["cf-aig-metadata"]).toBeUndefined();
  });

  it("refuses the token of an entry whose name is invalid", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await send(chat(tokens.misnamed))).status).toBe(401);
  });

  it("does not let a client pose as another through cf-aig-metadata", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    await send(chat(tokens.web, { "cf-aig-metadata": '{"client":"mobile-app"}' }));
    await send(chat(tokens.unnamed, { "cf-aig-metadata": '{"client":"mobile-app"}' }));
    expect(gateway.requests.map((request) => request.headers["cf-aig-metadata"])).toEqual(['{"client":"web"}', undefined]);
  });

  it("merges a client's own metadata under the Worker's when the operator allows it", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    await send(chat(tokens.web, { "cf-aig-metadata": '{"client":"mobile-app","user":"u-17"}' }), { allowedClientHeaders: ["cf-aig-metadata"] });
    expect(JSON.parse(gateway.requests[0]?.headers["cf-aig-metadata"] ?? "")).toEqual({ client: "web", user: "u-17" });
  });

  it("attributes realtime sessions too", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await send(
      new Request("https://proxy.test/?model=m", { headers: { upgrade: "websocket", "sec-websocket-protocol": `ai-proxy, proxy-auth.${tokens.mobile}` } }),
    );
    expect(response.status).toBe(101);
    expect(gateway.requests[0]?.headers["cf-aig-metadata"]).toBe('{"client":"mobile-app"}');
    response.webSocket?.accept();
    response.webSocket?.close(1000, "done");
  });

  it("never lets a token value reach the gateway, the answers or the logs", async () => {
    const logged: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    }
    const answers: string[] = [];
    const keep = async (response: Response) => {
      answers.push(JSON.stringify([response.status, [...response.headers]]), response.webSocket === null ? await response.text() : "");
      response.webSocket?.accept();
      response.webSocket?.close(1000, "done");
    };
    // Credentials only: a client that copies its token into a forwarded header or the body sends it on itself.
    const withMetadata: ProxyWorkerOptions = { allowedClientHeaders: ["cf-aig-metadata"] };
    for (const token of Object.values(tokens)) {
      await keep(await send(chat(token, { "cf-aig-metadata": '{"user":"u-1"}' }), withMetadata));
      await keep(await send(chat(token, { "x-api-key": token, cookie: `s=${token}` })));
      await keep(
        await send(new Request("https://proxy.test/?model=m", { headers: { upgrade: "websocket", "sec-websocket-protocol": `realtime, openai-insecure-api-key.${token}` } })),
      );
      await keep(await send(new Request("https://proxy.test/healthz", { headers: { authorization: `Bearer ${token}` } })));
    }
    gateway.respondWith(() => {
      throw new TypeError("Network connection lost.");
    });
    await keep(await send(chat(tokens.web)));

    expect(gateway.requests.length).toBeGreaterThan(6);
    expect(logged.join("\n")).toContain("client_tokens_ignored");
    const everything = [JSON.stringify(gateway.requests), ...answers, ...logged].join("\n");
    const leaked = Object.values(tokens).filter((token) => everything.includes(token));
    expect(leaked).toEqual([]);
  });
});
