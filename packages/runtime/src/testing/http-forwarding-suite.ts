import { describe, expect, it } from "vitest";
import { CLIENT_HEADER_POLICY } from "../gateway-header-policy.ts";
import { allSecretValues } from "./fixtures.ts";
import { STAND_IN_RESPONSE_HEADERS } from "./stand-in-gateway.ts";
import type { SuiteContext } from "./suite-context.ts";
import { leakedValues } from "./suite-context.ts";

export function describeHttpForwarding(ctx: SuiteContext): void {
  const { provider, secrets } = ctx;

  describe("HTTP forwarding", () => {
    it("sends exactly the client's request to the gateway, with the provider key and gateway token", async () => {
      await ctx.sendSample({ "user-agent": "stand-in-sdk/1.0", "x-stainless-lang": "js" });

      expect(ctx.gateway.requests).toHaveLength(1);
      const [upstream] = ctx.gateway.requests;
      expect(upstream?.url).toBe(ctx.upstreamUrl(ctx.sample.path));
      expect(upstream?.method).toBe("POST");
      expect(upstream?.body).toBe(ctx.sample.body);
      expect(upstream?.headers).toEqual({
        "content-type": "application/json",
        "content-length": String(new TextEncoder().encode(ctx.sample.body).length),
        "user-agent": "stand-in-sdk/1.0",
        "x-stainless-lang": "js",
        ...provider.defaultHeaders,
        [provider.auth.header]: `${provider.auth.prefix}${secrets.providerKey}`,
        "cf-aig-authorization": `Bearer ${secrets.gatewayToken}`,
      });
    });

    it("keeps a provider default header the client set itself", async () => {
      const overrides = Object.fromEntries(Object.keys(provider.defaultHeaders).map((name) => [name, "client-choice"]));
      await ctx.sendSample(overrides);
      for (const name of Object.keys(overrides)) expect(ctx.gateway.requests[0]?.headers[name]).toBe("client-choice");
    });

    it("passes status, body and cf-aig-* response headers back, but not cookies", async () => {
      ctx.gateway.respondWith(() =>
        Response.json({ answer: 42 }, { status: 201, headers: { ...STAND_IN_RESPONSE_HEADERS, "set-cookie": "gw=1" } }),
      );
      const response = await ctx.sendSample();
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ answer: 42 });
      for (const [name, value] of Object.entries(STAND_IN_RESPONSE_HEADERS)) {
        expect(response.headers.get(name)).toBe(value);
      }
      expect(response.headers.get("set-cookie")).toBeNull();
    });

    it("keeps a gateway error's status and body", async () => {
      const error = JSON.stringify([{ code: 2009, message: "Unauthorized" }]);
      ctx.gateway.respondWith(() => new Response(error, { status: 429, headers: { "retry-after": "7" } }));
      const response = await ctx.sendSample();
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("7");
      expect(await response.text()).toBe(error);
    });

    it("streams server-sent events chunk by chunk", async () => {
      const sentAt: number[] = [];
      ctx.gateway.respondWith(() => {
        const encoder = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            for (const event of ["one", "two", "three"]) {
              sentAt.push(Date.now());
              controller.enqueue(encoder.encode(`data: ${event}\n\n`));
              await new Promise((resolve) => setTimeout(resolve, 150));
            }
            controller.close();
          },
        });
        return new Response(body, { headers: { "content-type": "text/event-stream" } });
      });
      const response = await ctx.sendSample();
      expect(response.headers.get("content-type")).toBe("text/event-stream");
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const received: { at: number; text: string }[] = [];
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        received.push({ at: Date.now(), text: new TextDecoder().decode(chunk.value) });
      }
      expect(received.map((chunk) => chunk.text).join("")).toBe("data: one\n\ndata: two\n\ndata: three\n\n");
      expect(received.length).toBeGreaterThanOrEqual(2);
      // Buffering would hold the first event back until the gateway had sent the last one.
      expect(received[0]?.at).toBeLessThan(sentAt[2] ?? 0);
    });

    it("never forwards client credentials", async () => {
      const clientToken = secrets.clientTokens[0];
      const credentials = {
        authorization: `Bearer ${clientToken}`,
        "cf-aig-authorization": "Bearer client-gateway-token",
        cookie: "session=client-cookie",
        "proxy-authorization": "Basic client-proxy",
        "x-api-key": "client-x-api-key",
        "x-goog-api-key": "client-goog-key",
        "xi-api-key": "client-xi-key",
        "api-key": "client-api-key",
        "x-auth-token": "client-auth-token",
      };
      const query = `${ctx.sample.path.includes("?") ? "&" : "?"}key=client-query-key&api_key=client-query-api-key`;
      await ctx.send(`${ctx.sample.path}${query}`, {
        method: "POST",
        headers: credentials,
        body: ctx.sample.body,
      });

      const [upstream] = ctx.gateway.requests;
      expect(upstream).toBeDefined();
      const serialised = JSON.stringify(upstream);
      const clientValues = [clientToken, ...Object.values(credentials).map((value) => value.replace(/^\w+ /, ""))];
      expect(leakedValues(serialised, [...clientValues, "client-query-key", "client-query-api-key"])).toEqual([]);
      expect(upstream?.headers[provider.auth.header]).toBe(`${provider.auth.prefix}${secrets.providerKey}`);
      expect(upstream?.headers["cf-aig-authorization"]).toBe(`Bearer ${secrets.gatewayToken}`);
    });

    it("forwards by default only the gateway options that affect the client's own request", async () => {
      // Each header of the policy with a value in the direction it restricts, if it restricts one.
      const sent = Object.fromEntries(
        Object.entries(CLIENT_HEADER_POLICY).map(([name, rule]) => [name, typeof rule === "object" ? rule.onlyValue : `value-of-${name}`]),
      );
      await ctx.sendSample({ ...sent, "cf-aig-not-documented": "1", "cf-connecting-ip": "203.0.113.9" });
      const headers = ctx.gateway.requests[0]?.headers ?? {};
      const forwarded = Object.keys(sent).filter((name) => headers[name] === sent[name]);
      expect(forwarded).toEqual([
        "cf-aig-skip-cache",
        "cf-aig-collect-log-payload",
        "cf-aig-zdr",
        "cf-aig-request-timeout",
        "cf-aig-event-id",
      ]);
      const dropped = Object.keys(sent).filter((name) => !forwarded.includes(name));
      for (const name of [...dropped, "cf-aig-not-documented", "cf-connecting-ip"]) expect(headers[name]).toBeUndefined();
    });

    it("reports every secret readable on /healthz, by name only", async () => {
      const response = await ctx.send("healthz", { headers: ctx.bearer() });
      const body = await response.text();
      expect(response.status).toBe(200);
      expect(JSON.parse(body)).toEqual({
        ok: true,
        secrets: Object.fromEntries(
          [provider.keyBinding, "AI_GATEWAY_ACCOUNT_ID", "AI_GATEWAY_ID", "CLOUDFLARE_API_KEY", "PROXY_CLIENT_TOKENS"].map(
            (name) => [name, "readable"],
          ),
        ),
      });
      expect(leakedValues(body, allSecretValues(secrets))).toEqual([]);
      expect(ctx.gateway.requests).toEqual([]);
    });
  });
}
