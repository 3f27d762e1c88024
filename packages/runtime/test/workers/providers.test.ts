import { describe, expect, it } from "vitest";
import { DEFAULT_GATEWAY_BASE_URL, providers, renderGatewayUrl } from "../../src/index.ts";
import { matchesServedPath } from "../../src/served-paths.ts";

describe("providers", () => {
  it("lists the seven providers with their gateway slug, key binding and auth header", () => {
    const summary = Object.fromEntries(
      Object.entries(providers).map(([id, p]) => [id, `${p.slug} ${p.keyBinding} ${p.auth.header}: ${p.auth.prefix}KEY`]),
    );
    expect(summary).toEqual({
      openai: "openai OPENAI_API_KEY authorization: Bearer KEY",
      anthropic: "anthropic ANTHROPIC_API_KEY x-api-key: KEY",
      deepseek: "deepseek DEEPSEEK_API_KEY authorization: Bearer KEY",
      perplexity: "perplexity-ai PERPLEXITY_API_KEY authorization: Bearer KEY",
      "google-ai-studio": "google-ai-studio GOOGLE_AI_STUDIO_API_KEY x-goog-api-key: KEY",
      huggingface: "huggingface HUGGINGFACE_API_KEY authorization: Bearer KEY",
      elevenlabs: "elevenlabs ELEVENLABS_API_KEY xi-api-key: KEY",
    });
    expect(providers.anthropic.defaultHeaders).toEqual({ "anthropic-version": "2023-06-01" });
  });

  const served: [keyof typeof providers, string, boolean][] = [
    ["openai", "chat/completions", true],
    ["openai", "responses/resp_123", true],
    ["openai", "files", false],
    ["openai", "chat/completions/", false],
    ["anthropic", "v1/messages", true],
    ["google-ai-studio", "v1beta/models/gemini-2.5-flash:streamGenerateContent", true],
    ["google-ai-studio", "v1beta/models/a%2F..%2Fb", false],
    ["google-ai-studio", "v1beta/models/", false],
    ["huggingface", "org/model", true],
    ["huggingface", "model", false],
    ["elevenlabs", "v1/text-to-speech/voice/stream", true],
    ["elevenlabs", "v1/voices", false],
    ["openai", "", false],
  ];
  it.each(served)("%s serves %j: %s", (id, path, expected) => {
    expect(matchesServedPath(providers[id].paths, path)).toBe(expected);
  });

  it("serves WebSockets at the slug itself", () => {
    for (const provider of Object.values(providers)) expect(matchesServedPath(provider.webSocketPaths, "")).toBe(true);
  });
});

describe("renderGatewayUrl", () => {
  const parts = { accountId: "acc", gatewayId: "gw", slug: "openai", search: "" };
  it.each([
    [{ baseUrl: DEFAULT_GATEWAY_BASE_URL, path: "chat/completions" }, "https://gateway.ai.cloudflare.com/v1/acc/gw/openai/chat/completions"],
    [{ baseUrl: "http://127.0.0.1:8787/v1/", path: "embeddings" }, "http://127.0.0.1:8787/v1/acc/gw/openai/embeddings"],
    [{ baseUrl: DEFAULT_GATEWAY_BASE_URL, path: "", search: "?model=m" }, "https://gateway.ai.cloudflare.com/v1/acc/gw/openai?model=m"],
    [{ baseUrl: DEFAULT_GATEWAY_BASE_URL, path: "x", gatewayId: "a/b" }, "https://gateway.ai.cloudflare.com/v1/acc/a%2Fb/openai/x"],
  ])("%j -> %s", (override, expected) => {
    expect(renderGatewayUrl({ ...parts, ...override })).toBe(expected);
  });
});
