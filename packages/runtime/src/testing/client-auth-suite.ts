import { describe, expect, it, vi } from "vitest";
import type { SuiteContext } from "./suite-context.ts";

export function describeClientAuth(ctx: SuiteContext): void {
  const { provider } = ctx;

  async function expectRefused(response: Response): Promise<void> {
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual({
      error: { type: "unauthorized", message: "A valid proxy client token is required." },
    });
    expect(ctx.gateway.requests).toEqual([]);
  }

  describe("client authentication", () => {
    it("refuses a request without a token and sends nothing upstream", async () => {
      const response = await ctx.send(ctx.sample.path, { method: "POST", body: ctx.sample.body });
      await expectRefused(response);
    });

    it("refuses a wrong token in Authorization and in the provider's header", async () => {
      await expectRefused(await ctx.sendSample({ authorization: "Bearer not-a-client-token" }));
      const own = { authorization: "", [provider.auth.header]: `${provider.auth.prefix}not-a-client-token` };
      await expectRefused(await ctx.sendSample(own));
    });

    it("refuses the provider key itself as a client token", async () => {
      await expectRefused(await ctx.sendSample({ authorization: `Bearer ${ctx.secrets.providerKey}` }));
    });

    it("refuses /healthz without a token", async () => {
      await expectRefused(await ctx.send("healthz"));
    });

    it("accepts either token during a rotation overlap", async () => {
      for (const token of ctx.secrets.clientTokens) {
        const response = await ctx.sendSample(ctx.bearer(token));
        expect(response.status).toBe(200);
      }
      expect(ctx.gateway.requests).toHaveLength(2);
    });

    it(`accepts the token in the provider's own header (${provider.auth.header}), as its SDK sends it`, async () => {
      const response = await ctx.send(ctx.sample.path, {
        method: "POST",
        headers: { [provider.auth.header]: `${provider.auth.prefix}${ctx.secrets.clientTokens[1]}` },
        body: ctx.sample.body,
      });
      expect(response.status).toBe(200);
      expect(ctx.gateway.requests).toHaveLength(1);
    });

    it("answers a CORS preflight itself, without a token, and sends nothing upstream", async () => {
      const response = await ctx.send(ctx.sample.path, {
        method: "OPTIONS",
        headers: { origin: "https://not-configured.example", "access-control-request-method": "POST" },
      });
      expect(response.status).toBe(204);
      // No origin is allowed unless the Worker is configured so: no CORS headers.
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      expect(ctx.gateway.requests).toEqual([]);
    });

    it("refuses thousands of presented tokens with 400, without reading or hashing any", async () => {
      const digest = vi.spyOn(crypto.subtle, "digest");
      const protocols = Array.from({ length: 6000 }, (_, index) => `proxy-auth.${ctx.secrets.clientTokens[index % 2]}-${index}`);
      const response = await ctx.send("", { headers: { upgrade: "websocket", "sec-websocket-protocol": protocols.join(", ") } });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { type: "bad_request" } });
      expect(digest).not.toHaveBeenCalled();
      expect(ctx.gateway.requests).toEqual([]);
    });

    it("answers 404 for a path the provider does not serve, after authenticating", async () => {
      await expectRefused(await ctx.send(ctx.sample.notServedPath, { method: "POST" }));
      const response = await ctx.send(ctx.sample.notServedPath, { method: "POST", headers: ctx.bearer() });
      expect(response.status).toBe(404);
      expect(ctx.gateway.requests).toEqual([]);
    });
  });
}
