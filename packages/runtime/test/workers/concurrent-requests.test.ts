import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";
import { providers } from "../../src/index.ts";
import { fixtureSecretsFor, seedGatewaySecrets, seedSecret, useStandInGateway } from "../../src/testing/index.ts";
import { storeReads } from "./store-reads.ts";

const gateway = useStandInGateway();

it("shares one store read per secret between concurrent requests to a cold Worker", async () => {
  const secrets = fixtureSecretsFor(providers.deepseek);
  await seedGatewaySecrets(env, secrets);
  await seedSecret(env, "DEEPSEEK_API_KEY", secrets.providerKey);
  storeReads.length = 0;

  const send = () =>
    exports.default.fetch("https://deepseek.proxy.test/chat/completions", {
      method: "POST",
      headers: { authorization: `Bearer ${secrets.clientTokens[0]}` },
      body: "{}",
    });
  const responses = await Promise.all(Array.from({ length: 12 }, send));

  expect(responses.map((response) => response.status)).toEqual(Array(12).fill(200));
  expect(gateway.requests).toHaveLength(12);
  expect(storeReads.sort()).toEqual(
    ["AI_GATEWAY_ACCOUNT_ID", "AI_GATEWAY_ID", "CLOUDFLARE_API_KEY", "DEEPSEEK_API_KEY", "PROXY_CLIENT_TOKENS"].sort(),
  );
});
