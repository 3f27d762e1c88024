import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HttpStandInGateway } from "@secrets-manifest/runtime/testing/node";
import { HTTP_STAND_IN_BODY, startHttpStandInGateway } from "@secrets-manifest/runtime/testing/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_DIR } from "./temp-repo.ts";
import type { WranglerDev } from "./wrangler-dev.ts";
import { seedLocalSecret, startWranglerDev } from "./wrangler-dev.ts";

const STORE_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const APP_ORIGIN = "https://app.example";
const values = {
  OPENAI_API_KEY: "sk-e2e-provider-key-41f9",
  AI_GATEWAY_ACCOUNT_ID: "e2eaccount0000000000000000000000",
  AI_GATEWAY_ID: "e2e-gateway",
  CLOUDFLARE_API_KEY: "cf-e2e-gateway-token-77aa",
  PROXY_CLIENT_TOKENS: "e2e-client-token-old, web:e2e-client-token-new",
};

// The generated wrangler-openai.toml, run by the real `wrangler dev`, secrets in its local store.
describe("the openai Worker under wrangler dev", () => {
  let persistTo: string;
  let gateway: HttpStandInGateway;
  let dev: WranglerDev | undefined;

  beforeAll(async () => {
    persistTo = await mkdtemp(join(tmpdir(), "openai-e2e-state-"));
    for (const [name, value] of Object.entries(values)) {
      await seedLocalSecret({ storeId: STORE_ID, name, value }, { cwd: APP_DIR, persistTo });
    }
    gateway = await startHttpStandInGateway();
    dev = await startWranglerDev({
      cwd: APP_DIR,
      config: "wrangler-openai.toml",
      persistTo,
      vars: { AI_GATEWAY_BASE_URL: `${gateway.origin}/v1`, PROXY_ALLOWED_ORIGINS: APP_ORIGIN },
    });
  });

  afterAll(async () => {
    await dev?.stop();
    await gateway?.close();
    await rm(persistTo, { recursive: true, force: true });
  });

  it("forwards an authenticated request to the gateway with the stored key and gateway token", async () => {
    const body = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
    const response = await fetch(`${dev?.origin}/chat/completions?trace=e2e`, {
      method: "POST",
      headers: { authorization: "Bearer e2e-client-token-new", "content-type": "application/json", cookie: "s=1" },
      body,
    });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(HTTP_STAND_IN_BODY);
    expect(response.headers.get("cf-aig-log-id")).toBe("01JSTANDINHTTP000000000000");
    expect(gateway.requests).toHaveLength(1);
    const [upstream] = gateway.requests;
    expect(upstream?.method).toBe("POST");
    expect(upstream?.url).toBe("/v1/e2eaccount0000000000000000000000/e2e-gateway/openai/chat/completions?trace=e2e");
    expect(upstream?.body).toBe(body);
    expect(upstream?.headers.authorization).toBe(`Bearer ${values.OPENAI_API_KEY}`);
    expect(upstream?.headers["cf-aig-authorization"]).toBe(`Bearer ${values.CLOUDFLARE_API_KEY}`);
    expect(upstream?.headers.cookie).toBeUndefined();
    expect(JSON.stringify(upstream)).not.toContain("e2e-client-token");
  });

  it("refuses a wrong token without calling the gateway", async () => {
    const before = gateway.requests.length;
    const response = await fetch(`${dev?.origin}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer not-a-token" },
      body: "{}",
    });
    expect(response.status).toBe(401);
    expect(gateway.requests).toHaveLength(before);
  });

  it("reports every secret readable on /healthz and prints no secret value", async () => {
    const response = await fetch(`${dev?.origin}/healthz`, { headers: { authorization: "Bearer e2e-client-token-old" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
    const printed = dev?.output() ?? "";
    expect(Object.values(values).filter((value) => printed.includes(value))).toEqual([]);
  });

  it("serves a page on an allowed origin: preflight without a token, CORS on the answer, the client named", async () => {
    const before = gateway.requests.length;
    const preflight = await fetch(`${dev?.origin}/chat/completions`, {
      method: "OPTIONS",
      headers: { origin: APP_ORIGIN, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization, content-type");
    expect(gateway.requests).toHaveLength(before);

    const response = await fetch(`${dev?.origin}/chat/completions`, {
      method: "POST",
      headers: { origin: APP_ORIGIN, authorization: "Bearer e2e-client-token-new", "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(response.headers.get("access-control-expose-headers")).toBe("*");
    expect(gateway.requests.at(-1)?.headers["cf-aig-metadata"]).toBe('{"client":"web"}');
  });
});
