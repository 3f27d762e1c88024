// The single source of truth for the fleet's Secrets Store bindings.
// `pnpm generate` turns it into apps/*/wrangler-*.toml, apps/*/src/env.generated.ts and provision/*.
import { defineManifest } from "@secrets-manifest/codegen";

const gateway = ["AI_GATEWAY_ACCOUNT_ID", "AI_GATEWAY_ID", "CLOUDFLARE_API_KEY", "PROXY_CLIENT_TOKENS"] as const;

const proxy = {
  main: "src/index.ts",
  compatibilityDate: "2026-08-01",
  compatibilityFlags: ["nodejs_compat"],
  vars: { AI_GATEWAY_BASE_URL: "https://gateway.ai.cloudflare.com/v1" },
} as const;

export default defineManifest({
  environments: {
    production: {
      accountId: "0123456789abcdef0123456789abcdef",
      storeId: "a1b2c3d4e5f60718293a4b5c6d7e8f90",
    },
    staging: {
      accountId: "0123456789abcdef0123456789abcdef",
      storeId: "a1b2c3d4e5f60718293a4b5c6d7e8f90",
      secretPrefix: "STAGING_",
    },
  },
  defaultEnvironment: "production",
  secrets: {
    OPENAI_API_KEY: { description: "OpenAI API key used by the openai proxy Worker", scopes: ["workers"] },
    ANTHROPIC_API_KEY: { description: "Anthropic API key used by the anthropic proxy Worker", scopes: ["workers"] },
    DEEPSEEK_API_KEY: { description: "DeepSeek API key used by the deepseek proxy Worker", scopes: ["workers"] },
    PERPLEXITY_API_KEY: { description: "Perplexity API key used by the perplexity proxy Worker", scopes: ["workers"] },
    GOOGLE_AI_STUDIO_API_KEY: {
      description: "Google AI Studio (Gemini) API key used by the google-ai-studio proxy Worker",
      scopes: ["workers"],
    },
    HUGGINGFACE_API_KEY: { description: "Hugging Face access token used by the huggingface proxy Worker", scopes: ["workers"] },
    ELEVENLABS_API_KEY: { description: "ElevenLabs API key used by the elevenlabs proxy Worker", scopes: ["workers"] },
    AI_GATEWAY_ACCOUNT_ID: { description: "Cloudflare account id that owns the AI Gateway", scopes: ["workers"] },
    AI_GATEWAY_ID: { description: "AI Gateway id (the gateway's slug) the proxies call", scopes: ["workers"] },
    CLOUDFLARE_API_KEY: {
      description: "Cloudflare API token with AI Gateway Run, sent as cf-aig-authorization (HTTP and WebSocket)",
      scopes: ["workers"],
      rotateEveryDays: 90,
    },
    PROXY_CLIENT_TOKENS: {
      description: "Comma-separated tokens that clients present to the proxy Workers",
      scopes: ["workers"],
      rotateEveryDays: 30,
    },
  },
  workers: {
    openai: { ...proxy, name: "ai-openai", secrets: ["OPENAI_API_KEY", ...gateway] },
    anthropic: { ...proxy, name: "ai-anthropic", secrets: ["ANTHROPIC_API_KEY", ...gateway] },
    deepseek: { ...proxy, name: "ai-deepseek", secrets: ["DEEPSEEK_API_KEY", ...gateway] },
    perplexity: { ...proxy, name: "ai-perplexity", secrets: ["PERPLEXITY_API_KEY", ...gateway] },
    "google-ai-studio": { ...proxy, name: "ai-google-ai-studio", secrets: ["GOOGLE_AI_STUDIO_API_KEY", ...gateway] },
    huggingface: { ...proxy, name: "ai-huggingface", secrets: ["HUGGINGFACE_API_KEY", ...gateway] },
    elevenlabs: { ...proxy, name: "ai-elevenlabs", secrets: ["ELEVENLABS_API_KEY", ...gateway] },
  },
});
