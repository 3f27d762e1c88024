// Checked by `pnpm typecheck`: each @ts-expect-error fails the check if the error it expects goes away.
import type { GatewayEnv, SecretBindingName } from "../../src/index.ts";
import { createProxyWorker, createSecretCache, providers } from "../../src/index.ts";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

interface OpenAiEnv extends GatewayEnv {
  readonly OPENAI_API_KEY: SecretsStoreSecret;
  readonly AI_GATEWAY_BASE_URL: "https://gateway.ai.cloudflare.com/v1";
  readonly SESSIONS: KVNamespace;
  readonly MAYBE_KEY?: SecretsStoreSecret;
}

export type OnlySecretsStoreBindings = Expect<
  Equal<
    SecretBindingName<OpenAiEnv>,
    "OPENAI_API_KEY" | "AI_GATEWAY_ACCOUNT_ID" | "AI_GATEWAY_ID" | "CLOUDFLARE_API_KEY" | "PROXY_CLIENT_TOKENS"
  >
>;

export const openai = createProxyWorker<OpenAiEnv>(providers.openai);

// @ts-expect-error OpenAiEnv has no ANTHROPIC_API_KEY binding.
export const anthropic = createProxyWorker<OpenAiEnv>(providers.anthropic);

export async function reads(env: OpenAiEnv): Promise<string[]> {
  const cache = createSecretCache();
  return [
    await cache.read(env, "OPENAI_API_KEY"),
    // @ts-expect-error a KV namespace is not a Secrets Store secret.
    await cache.read(env, "SESSIONS"),
    // @ts-expect-error a var is not a Secrets Store secret.
    await cache.read(env, "AI_GATEWAY_BASE_URL"),
    // @ts-expect-error not a binding at all.
    await cache.read(env, "ANTHROPIC_API_KEY"),
  ];
}
