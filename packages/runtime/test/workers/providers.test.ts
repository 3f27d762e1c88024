import { describe, expect, it } from "vitest";
import { DEFAULT_GATEWAY_BASE_URL, providers, renderGatewayUrl } from "../../src/index.ts";
import { compileServedPaths, resolveServedPaths } from "../../src/served-paths.ts";

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

  // Each row is a call the provider's official SDK makes (or its gateway docs show), or one it must not reach.
  const served: [keyof typeof providers, string, boolean][] = [
    ["openai", "POST /chat/completions", true],
    ["openai", "GET /chat/completions/chatcmpl_1", true],
    ["openai", "GET /chat/completions/chatcmpl_1/messages", true],
    ["openai", "GET /chat/completions", false], // lists every client's stored completions
    ["openai", "POST /responses", true],
    ["openai", "GET /responses/resp_123", true],
    ["openai", "GET /responses/resp_123/input_items", true],
    ["openai", "POST /responses/resp_123/cancel", true],
    ["openai", "DELETE /responses/resp_123", true],
    ["openai", "POST /responses/input_tokens", true],
    ["openai", "POST /embeddings", true],
    ["openai", "POST /audio/speech", true],
    ["openai", "POST /audio/transcriptions", true],
    ["openai", "POST /audio/translations", true],
    ["openai", "POST /images/generations", true],
    ["openai", "POST /images/edits", true],
    ["openai", "GET /models", true],
    ["openai", "GET /models/ft%3Agpt-4o-mini%3Aorg%3A%3Aabc", true],
    ["openai", "DELETE /models/ft%3Agpt-4o-mini%3Aorg%3A%3Aabc", false],
    ["openai", "WS /realtime", true],
    ["openai", "WS /", true],
    ["openai", "POST /files", false],
    ["openai", "POST /fine_tuning/jobs", false],
    ["openai", "POST /batches", false],
    ["openai", "GET /organization/costs", false],
    ["openai", "POST /realtime/client_secrets", false],
    ["openai", "POST /chat/completions/", false],
    ["openai", "POST /", false],
    ["anthropic", "POST /v1/messages", true],
    ["anthropic", "POST /v1/messages/count_tokens", true],
    ["anthropic", "GET /v1/models", true],
    ["anthropic", "GET /v1/models/claude-sonnet-4-5", true],
    ["anthropic", "POST /v1/messages/batches", false],
    ["anthropic", "POST /v1/files", false],
    ["anthropic", "GET /v1/organizations/api_keys", false],
    ["anthropic", "WS /", false],
    ["deepseek", "POST /chat/completions", true],
    ["deepseek", "POST /v1/chat/completions", true],
    ["deepseek", "POST /beta/completions", true],
    ["deepseek", "GET /models", true],
    ["deepseek", "GET /v1/models", true],
    ["deepseek", "GET /user/balance", false],
    ["perplexity", "POST /chat/completions", true],
    ["google-ai-studio", "POST /v1/models/gemini-2.5-flash:generateContent", true],
    ["google-ai-studio", "POST /v1beta/models/gemini-2.5-flash:streamGenerateContent", true],
    ["google-ai-studio", "POST /v1/models/gemini-2.5-flash:countTokens", true],
    ["google-ai-studio", "POST /v1/models/gemini-embedding-001:embedContent", true],
    ["google-ai-studio", "POST /v1beta/models/gemini-embedding-001:batchEmbedContents", true],
    ["google-ai-studio", "GET /v1/models", true],
    ["google-ai-studio", "GET /v1beta/models/gemini-2.5-flash", true],
    ["google-ai-studio", "POST /v1beta/models/gemini-2.5-flash:batchGenerateContent", false],
    ["google-ai-studio", "POST /v1beta/models/:generateContent", false],
    ["google-ai-studio", "POST /v1beta/models/a%2F..%2Fb:generateContent", false],
    ["google-ai-studio", "POST /v1beta/models/a%5cb:generateContent", false],
    ["google-ai-studio", "POST /v1beta/files", false],
    ["google-ai-studio", "POST /v1beta/cachedContents", false],
    ["google-ai-studio", "WS /ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContent", true],
    ["google-ai-studio", "WS /ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent", true],
    ["google-ai-studio", "WS /", true],
    ["huggingface", "POST /gpt2", true],
    ["huggingface", "POST /bigcode/starcoder", true],
    ["huggingface", "POST /gpt2/v1/chat/completions", true],
    ["huggingface", "POST /meta-llama/Llama-3.1-8B-Instruct/v1/chat/completions", true],
    ["huggingface", "POST /meta-llama/Llama-3.1-8B-Instruct/v1/completions", true],
    ["huggingface", "POST /a/b/c", false],
    ["huggingface", "GET /gpt2", false],
    ["elevenlabs", "POST /v1/text-to-speech/voice", true],
    ["elevenlabs", "POST /v1/text-to-speech/voice/stream", true],
    ["elevenlabs", "POST /v1/text-to-speech/voice/with-timestamps", true],
    ["elevenlabs", "POST /v1/text-to-speech/voice/stream/with-timestamps", true],
    ["elevenlabs", "GET /v1/voices", true],
    ["elevenlabs", "GET /v2/voices", true],
    ["elevenlabs", "GET /v1/voices/voice", true],
    ["elevenlabs", "GET /v1/models", true],
    ["elevenlabs", "DELETE /v1/voices/voice", false],
    ["elevenlabs", "POST /v1/voices/add", false],
    ["elevenlabs", "GET /v1/history", false],
    ["elevenlabs", "WS /", true],
    ["elevenlabs", "WS /v1/convai/conversation", true],
    ["elevenlabs", "WS /v1/speech-to-text/realtime", true],
  ];
  it.each(served)("%s serves %s: %s", (id, entry, expected) => {
    const [method = "", path = ""] = entry.split(" ");
    expect(compileServedPaths(resolveServedPaths(providers[id].servedPaths, undefined)).matches(method, path)).toBe(expected);
  });

  it("has a realtime endpoint for OpenAI, Google (slug google) and ElevenLabs, each path also served", () => {
    const realtime = Object.fromEntries(Object.entries(providers).map(([id, p]) => [id, "realtime" in p ? p.realtime.slug : null]));
    expect(realtime).toEqual({
      openai: "openai",
      anthropic: null,
      deepseek: null,
      perplexity: null,
      "google-ai-studio": "google",
      huggingface: null,
      elevenlabs: "elevenlabs",
    });
    for (const provider of Object.values(providers)) {
      const paths = "realtime" in provider ? provider.realtime.paths : [];
      for (const path of paths) expect(provider.servedPaths).toContain(`WS ${path}`);
    }
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
