import { adminSecretsStore } from "cloudflare:test";
import type { GatewaySecretBinding } from "../gateway-bindings.ts";
import type { FixtureSecrets } from "./fixtures.ts";
import { renderClientTokensSecret } from "./fixtures.ts";

/** `env` from `cloudflare:workers` in a test: any object holding the Worker's bindings. */
export type TestEnv = object;

/** Writes (or overwrites) the secret behind `binding` in the local Secrets Store. */
export async function seedSecret(env: TestEnv, binding: string, value: string): Promise<void> {
  const secret = (env as Readonly<Record<string, unknown>>)[binding];
  if (typeof secret !== "object" || secret === null) throw new Error(`The test Env has no binding ${binding}`);
  using admin = adminSecretsStore(secret as SecretsStoreSecret);
  await admin.create(value);
}

/** Seeds every secret a proxy Worker needs except its provider key. */
export async function seedGatewaySecrets(env: TestEnv, secrets: FixtureSecrets): Promise<void> {
  const values: Record<GatewaySecretBinding, string> = {
    AI_GATEWAY_ACCOUNT_ID: secrets.accountId,
    AI_GATEWAY_ID: secrets.gatewayId,
    CLOUDFLARE_API_KEY: secrets.gatewayToken,
    PROXY_CLIENT_TOKENS: renderClientTokensSecret(secrets),
  };
  for (const [binding, value] of Object.entries(values)) await seedSecret(env, binding, value);
}
