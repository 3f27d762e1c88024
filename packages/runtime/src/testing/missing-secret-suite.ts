import { describe, expect, it, vi } from "vitest";
import { allSecretValues } from "./fixtures.ts";
import type { SuiteContext } from "./suite-context.ts";
import { leakedValues } from "./suite-context.ts";

/** Must run before the provider key is seeded, while the Worker has never read it. */
export function describeMissingProviderKey(ctx: SuiteContext): void {
  describe("when the provider key is missing from the store", () => {
    it("answers 503 with a generic body and names only the binding in the log", async () => {
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      const response = await ctx.sendSample();
      const body = await response.text();

      expect(response.status).toBe(503);
      expect(JSON.parse(body)).toEqual({
        error: { type: "service_unavailable", message: "The proxy is temporarily unavailable." },
      });
      expect(body).not.toContain(ctx.provider.keyBinding);
      const log = errors.mock.calls.map((call) => call.map(String).join(" ")).join("\n");
      expect(log).toContain(ctx.provider.keyBinding);
      expect(leakedValues(log + body, allSecretValues(ctx.secrets))).toEqual([]);
      expect(ctx.gateway.requests).toEqual([]);
    });

    it("reports the key as unreadable on /healthz", async () => {
      const response = await ctx.send("healthz", { headers: ctx.bearer() });
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        ok: false,
        secrets: {
          [ctx.provider.keyBinding]: "unreadable",
          AI_GATEWAY_ACCOUNT_ID: "readable",
          AI_GATEWAY_ID: "readable",
          CLOUDFLARE_API_KEY: "readable",
          PROXY_CLIENT_TOKENS: "readable",
        },
      });
    });
  });
}
