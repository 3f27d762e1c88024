import { beforeAll, describe } from "vitest";
import { describeClientAuth } from "./client-auth-suite.ts";
import { describeHttpForwarding } from "./http-forwarding-suite.ts";
import { describeMissingProviderKey } from "./missing-secret-suite.ts";
import { seedGatewaySecrets, seedSecret } from "./seed-secrets.ts";
import type { ProxyWorkerUnderTest } from "./suite-context.ts";
import { createSuiteContext } from "./suite-context.ts";
import { describeWebSocketRelay } from "./websocket-relay-suite.ts";

/**
 * The behaviour every proxy Worker must show, run inside the Workers runtime against a stand-in
 * gateway. Register it once per Worker, first in its test file: the first tests need a Worker that
 * has never read its provider key.
 *
 * ```ts
 * describeProxyWorker({ provider: providers.openai, worker: exports.default, env });
 * ```
 */
export function describeProxyWorker(target: ProxyWorkerUnderTest): void {
  describe(`${target.provider.slug} proxy Worker`, () => {
    const ctx = createSuiteContext(target);
    beforeAll(() => seedGatewaySecrets(ctx.env, ctx.secrets));

    describeMissingProviderKey(ctx);

    describe("with every secret in the store", () => {
      beforeAll(() => seedSecret(ctx.env, target.provider.keyBinding, ctx.secrets.providerKey));
      describeClientAuth(ctx);
      describeHttpForwarding(ctx);
      describeWebSocketRelay(ctx);
    });
  });
}
