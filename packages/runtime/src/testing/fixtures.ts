import type { ProviderSpec } from "../providers.ts";

/**
 * Secret values the suites seed. Each is distinctive, so a test can search any output (bodies,
 * logs, upstream headers) for a leak by value.
 */
export interface FixtureSecrets {
  readonly providerKey: string;
  readonly accountId: string;
  readonly gatewayId: string;
  readonly gatewayToken: string;
  /** Both valid, as during a rotation. */
  readonly clientTokens: readonly [string, string];
}

export function fixtureSecretsFor(provider: ProviderSpec): FixtureSecrets {
  return {
    providerKey: `provider-key-${provider.slug}-7d1f0c`,
    accountId: "0123456789abcdef0123456789abcdef",
    gatewayId: "stand-in-gateway",
    gatewayToken: "cf-aig-token-5e2b9a",
    clientTokens: ["client-token-old-3c9e", "client-token-new-8a4d"],
  };
}

/** PROXY_CLIENT_TOKENS as an operator might type it: spaces and a trailing comma. */
export function renderClientTokensSecret(secrets: FixtureSecrets): string {
  return ` ${secrets.clientTokens[0]} ,${secrets.clientTokens[1]}, `;
}

export function allSecretValues(secrets: FixtureSecrets): string[] {
  return [secrets.providerKey, secrets.accountId, secrets.gatewayId, secrets.gatewayToken, ...secrets.clientTokens];
}

/** A realistic request for each provider, plus a path the proxy must refuse. */
export interface SampleRequest {
  /** Path and query after the Worker's origin, no leading slash. */
  readonly path: string;
  readonly body: string;
  readonly notServedPath: string;
}

const chat = JSON.stringify({ model: "stand-in-model", messages: [{ role: "user", content: "Hello" }], stream: false });

export const sampleRequests: Readonly<Record<string, SampleRequest>> = {
  openai: { path: "chat/completions?trace=1", body: chat, notServedPath: "files" },
  anthropic: {
    path: "v1/messages",
    body: JSON.stringify({ model: "claude-stand-in", max_tokens: 64, messages: [{ role: "user", content: "Hello" }] }),
    notServedPath: "v1/files",
  },
  deepseek: { path: "chat/completions", body: chat, notServedPath: "user/balance" },
  "perplexity-ai": { path: "chat/completions", body: chat, notServedPath: "async/chat/completions" },
  "google-ai-studio": {
    path: "v1beta/models/gemini-2.5-flash:generateContent",
    body: JSON.stringify({ contents: [{ parts: [{ text: "Hello" }] }] }),
    notServedPath: "v1beta/files",
  },
  huggingface: {
    path: "meta-llama/Llama-3.1-8B-Instruct",
    body: JSON.stringify({ inputs: "Hello", parameters: { max_new_tokens: 8 } }),
    notServedPath: "meta-llama/Llama-3.1-8B-Instruct/extra",
  },
  elevenlabs: {
    path: "v1/text-to-speech/21m00Tcm4TlvDq8ikWAM?output_format=mp3_44100_128",
    body: JSON.stringify({ text: "Hello", model_id: "eleven_multilingual_v2" }),
    notServedPath: "v1/history",
  },
};

export function sampleRequestFor(provider: ProviderSpec): SampleRequest {
  const sample = sampleRequests[provider.slug];
  if (sample === undefined) throw new Error(`No sample request for provider slug ${provider.slug}`);
  return sample;
}
