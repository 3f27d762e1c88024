import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createProxyWorker, providers } from "../../src/index.ts";
import { fixtureSecretsFor, seedGatewaySecrets, seedSecret, useStandInGateway } from "../../src/testing/index.ts";
import type { FixtureEnv } from "./fixture-env.ts";
import { callWorker } from "./worker-call.ts";

const secrets = fixtureSecretsFor(providers.openai);
const token = secrets.clientTokens[0];

type Provider = (typeof providers)["openai" | "anthropic"];

/** A fresh Worker per request: nothing cached, so a store read or a digest would show. */
async function send(provider: Provider, headers: Record<string, string>) {
  const reads: string[] = [];
  const worker = createProxyWorker<FixtureEnv>(provider, { secretCache: { onStoreRead: (binding) => void reads.push(binding) } });
  const response = await callWorker(worker, new Request("https://proxy.test/", { headers }), env);
  return { response, reads };
}

const protocols = (count: number, entry: (index: number) => string) =>
  Array.from({ length: count }, (_, index) => entry(index)).join(", ");

describe("cheap rejection of oversized credentials", () => {
  const gateway = useStandInGateway();
  beforeAll(async () => {
    await seedGatewaySecrets(env, secrets);
    await seedSecret(env, providers.openai.keyBinding, secrets.providerKey);
    await seedSecret(env, providers.anthropic.keyBinding, secrets.providerKey);
  });

  const oversized: [string, Provider, Record<string, string>][] = [
    ["6,000 proxy-auth subprotocol entries", providers.openai, { upgrade: "websocket", "sec-websocket-protocol": protocols(6000, (index) => `proxy-auth.${token}${index}`) }],
    ["6,000 subprotocols, the valid token among them", providers.openai, { upgrade: "websocket", "sec-websocket-protocol": protocols(6000, (index) => (index === 5999 ? `proxy-auth.${token}` : "x")) }],
    ["6,000 openai-insecure-api-key entries", providers.openai, { upgrade: "websocket", "sec-websocket-protocol": protocols(6000, (index) => `openai-insecure-api-key.k${index}`) }],
    ["a 100,000-character Authorization header", providers.openai, { authorization: `Bearer ${"t".repeat(100_000)}` }],
    ["a 100,000-character provider key header", providers.anthropic, { "x-api-key": "k".repeat(100_000) }],
    ["a valid token next to a huge one", providers.anthropic, { authorization: `Bearer ${token}`, "x-api-key": "k".repeat(100_000) }],
  ];

  it.each(oversized)("answers %s with 400 before reading a secret or hashing anything", async (_, provider, headers) => {
    const digest = vi.spyOn(crypto.subtle, "digest");
    const { response, reads } = await send(provider, headers);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        type: "bad_request",
        message: "Too many or too large credentials: present one proxy client token of at most 1024 characters, and at most 16 WebSocket subprotocols.",
      },
    });
    expect(digest).not.toHaveBeenCalled();
    expect(reads).toEqual([]);
    expect(gateway.requests).toEqual([]);
  });

  it("still hashes the handful of tokens a normal client presents", async () => {
    const digest = vi.spyOn(crypto.subtle, "digest");
    const { response } = await send(providers.anthropic, { authorization: `Bearer ${token}`, "x-api-key": token });
    expect(response.status).toBe(404); // authenticated; the slug root is not an HTTP path
    // Two accepted tokens (read from the store once) and one distinct presented token.
    expect(digest).toHaveBeenCalledTimes(3);
  });
});
