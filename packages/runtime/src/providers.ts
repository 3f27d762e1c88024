/** How a provider expects its API key: `Authorization: Bearer KEY`, `x-api-key: KEY`, ... */
export interface ProviderAuth {
  /** Lower-case header name. */
  readonly header: string;
  /** Written before the key, e.g. `"Bearer "`; empty for raw-key headers. */
  readonly prefix: string;
}

export interface ProviderSpec<KeyBinding extends string = string> {
  /** The AI Gateway provider slug, the path segment after the gateway id. */
  readonly slug: string;
  /** The Secrets Store binding that holds the provider's API key. */
  readonly keyBinding: KeyBinding;
  readonly auth: ProviderAuth;
  /** Added to upstream requests unless the client sent the header itself. */
  readonly defaultHeaders: Readonly<Record<string, string>>;
  /**
   * Paths served over HTTP, relative to the slug: literal segments, `:name` for exactly one
   * segment. Anything else answers 404 after authentication.
   */
  readonly paths: readonly string[];
  /** Paths that accept a WebSocket upgrade; `""` is the gateway's realtime endpoint (the slug itself). */
  readonly webSocketPaths: readonly string[];
  /** Query parameters that carry credentials for this provider; never forwarded. */
  readonly credentialQueryParams: readonly string[];
}

const bearer: ProviderAuth = { header: "authorization", prefix: "Bearer " };
const realtime = [""] as const;

/**
 * Every provider the proxy Workers serve. Adding a provider is one entry here plus a secret and a
 * worker in secrets.manifest.ts.
 */
export const providers = {
  openai: {
    slug: "openai",
    keyBinding: "OPENAI_API_KEY",
    auth: bearer,
    defaultHeaders: {},
    paths: ["chat/completions", "responses", "responses/:id", "embeddings"],
    webSocketPaths: realtime,
    credentialQueryParams: [],
  },
  anthropic: {
    slug: "anthropic",
    keyBinding: "ANTHROPIC_API_KEY",
    auth: { header: "x-api-key", prefix: "" },
    defaultHeaders: { "anthropic-version": "2023-06-01" },
    paths: ["v1/messages", "v1/messages/count_tokens"],
    webSocketPaths: realtime,
    credentialQueryParams: [],
  },
  deepseek: {
    slug: "deepseek",
    keyBinding: "DEEPSEEK_API_KEY",
    auth: bearer,
    defaultHeaders: {},
    paths: ["chat/completions"],
    webSocketPaths: realtime,
    credentialQueryParams: [],
  },
  perplexity: {
    slug: "perplexity-ai",
    keyBinding: "PERPLEXITY_API_KEY",
    auth: bearer,
    defaultHeaders: {},
    paths: ["chat/completions"],
    webSocketPaths: realtime,
    credentialQueryParams: [],
  },
  "google-ai-studio": {
    slug: "google-ai-studio",
    keyBinding: "GOOGLE_AI_STUDIO_API_KEY",
    auth: { header: "x-goog-api-key", prefix: "" },
    defaultHeaders: {},
    // The model segment carries the method: `gemini-2.5-flash:streamGenerateContent`.
    paths: ["v1beta/models/:model"],
    webSocketPaths: realtime,
    credentialQueryParams: ["key"],
  },
  huggingface: {
    slug: "huggingface",
    keyBinding: "HUGGINGFACE_API_KEY",
    auth: bearer,
    defaultHeaders: {},
    paths: [":org/:model"],
    webSocketPaths: realtime,
    credentialQueryParams: [],
  },
  elevenlabs: {
    slug: "elevenlabs",
    keyBinding: "ELEVENLABS_API_KEY",
    auth: { header: "xi-api-key", prefix: "" },
    defaultHeaders: {},
    paths: ["v1/text-to-speech/:voice", "v1/text-to-speech/:voice/stream"],
    webSocketPaths: realtime,
    credentialQueryParams: [],
  },
} as const satisfies Record<string, ProviderSpec>;

export type ProviderId = keyof typeof providers;
