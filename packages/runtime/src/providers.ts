/** How a provider expects its API key: `Authorization: Bearer KEY`, `x-api-key: KEY`, ... */
export interface ProviderAuth {
  /** Lower-case header name. */
  readonly header: string;
  /** Written before the key, e.g. `"Bearer "`; empty for raw-key headers. */
  readonly prefix: string;
}

/** The gateway's realtime WebSocket endpoint for a provider (usage/websockets-api/realtime-api). */
export interface RealtimeEndpoint {
  /** Gateway slug of the endpoint; Google's is `google`, not `google-ai-studio`. */
  readonly slug: string;
  /**
   * Worker paths that open it: `/` (the gateway's own shape) and the SDK's (`/realtime` for OpenAI).
   * Each must also be served as `WS <path>`. Other served WebSocket paths go to the same path under
   * the provider's slug.
   */
  readonly paths: readonly string[];
  /** Query parameter in which the gateway's docs send the provider key (Google: `api_key`). */
  readonly keyQueryParam?: string;
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
   * What the Worker serves by default, as its official SDK calls it: `METHOD /path` entries (see
   * served-paths.ts). Anything else answers 404 after authentication. A Worker can widen or narrow
   * it with `createProxyWorker`'s `servedPaths` option.
   */
  readonly servedPaths: readonly string[];
  /** The gateway's realtime endpoint, for providers that have one. */
  readonly realtime?: RealtimeEndpoint;
  /**
   * Query parameters in which this provider's SDK sends its key (Google's live API: `?key=`): read as
   * a client token. Like every credential parameter, never forwarded.
   */
  readonly credentialQueryParams: readonly string[];
}

const bearer: ProviderAuth = { header: "authorization", prefix: "Bearer " };

const googleVersions = ["v1", "v1beta"] as const;
const googleModelMethods = ["generateContent", "streamGenerateContent", "countTokens", "embedContent", "batchEmbedContents"];
const googleLive = googleVersions.map((version) => `/ws/google.ai.generativelanguage.${version}.GenerativeService.BidiGenerateContent`);

/**
 * Every provider the proxy Workers serve. Adding a provider is one entry here plus a secret and a
 * worker in secrets.manifest.ts. Account management (files, fine-tuning, batches, organization
 * admin, key minting) stays out of every table; an operator can add what a Worker needs.
 */
export const providers = {
  openai: {
    slug: "openai",
    keyBinding: "OPENAI_API_KEY",
    auth: bearer,
    defaultHeaders: {},
    servedPaths: [
      "POST /chat/completions",
      "GET /chat/completions/{completion_id}",
      "POST /chat/completions/{completion_id}",
      "DELETE /chat/completions/{completion_id}",
      "GET /chat/completions/{completion_id}/messages",
      "POST /responses",
      "POST /responses/input_tokens",
      "POST /responses/compact",
      "GET /responses/{response_id}",
      "DELETE /responses/{response_id}",
      "POST /responses/{response_id}/cancel",
      "GET /responses/{response_id}/input_items",
      "POST /completions",
      "POST /embeddings",
      "POST /moderations",
      "POST /audio/speech",
      "POST /audio/transcriptions",
      "POST /audio/translations",
      "POST /images/generations",
      "POST /images/edits",
      "POST /images/variations",
      "GET /models",
      "GET /models/{model}",
      "WS /",
      "WS /realtime",
    ],
    realtime: { slug: "openai", paths: ["/", "/realtime"] },
    credentialQueryParams: [],
  },
  anthropic: {
    slug: "anthropic",
    keyBinding: "ANTHROPIC_API_KEY",
    auth: { header: "x-api-key", prefix: "" },
    defaultHeaders: { "anthropic-version": "2023-06-01" },
    servedPaths: ["POST /v1/messages", "POST /v1/messages/count_tokens", "GET /v1/models", "GET /v1/models/{model_id}"],
    credentialQueryParams: [],
  },
  deepseek: {
    slug: "deepseek",
    keyBinding: "DEEPSEEK_API_KEY",
    auth: bearer,
    defaultHeaders: {},
    // DeepSeek's docs give both https://api.deepseek.com and .../v1 as base URLs, and .../beta for FIM.
    servedPaths: [
      "POST /chat/completions",
      "POST /v1/chat/completions",
      "POST /beta/chat/completions",
      "POST /beta/completions",
      "GET /models",
      "GET /v1/models",
    ],
    credentialQueryParams: [],
  },
  perplexity: {
    slug: "perplexity-ai",
    keyBinding: "PERPLEXITY_API_KEY",
    auth: bearer,
    defaultHeaders: {},
    servedPaths: ["POST /chat/completions"],
    credentialQueryParams: [],
  },
  "google-ai-studio": {
    slug: "google-ai-studio",
    keyBinding: "GOOGLE_AI_STUDIO_API_KEY",
    auth: { header: "x-goog-api-key", prefix: "" },
    defaultHeaders: {},
    servedPaths: [
      ...googleVersions.flatMap((version) => [
        ...googleModelMethods.map((method) => `POST /${version}/models/{model}:${method}`),
        `GET /${version}/models`,
        `GET /${version}/models/{model}`,
      ]),
      "WS /",
      ...googleLive.map((path) => `WS ${path}`),
    ],
    realtime: { slug: "google", paths: ["/", ...googleLive], keyQueryParam: "api_key" },
    credentialQueryParams: ["key", "api_key"],
  },
  huggingface: {
    slug: "huggingface",
    keyBinding: "HUGGINGFACE_API_KEY",
    auth: bearer,
    defaultHeaders: {},
    // The model id right after the slug (`gpt2`, `bigcode/starcoder`), and the OpenAI-style routes
    // @huggingface/inference appends to a custom endpoint.
    servedPaths: ["{model}", "{org}/{model}"].flatMap((model) => [
      `POST /${model}`,
      `POST /${model}/v1/chat/completions`,
      `POST /${model}/v1/completions`,
    ]),
    credentialQueryParams: [],
  },
  elevenlabs: {
    slug: "elevenlabs",
    keyBinding: "ELEVENLABS_API_KEY",
    auth: { header: "xi-api-key", prefix: "" },
    defaultHeaders: {},
    servedPaths: [
      "POST /v1/text-to-speech/{voice_id}",
      "POST /v1/text-to-speech/{voice_id}/stream",
      "POST /v1/text-to-speech/{voice_id}/with-timestamps",
      "POST /v1/text-to-speech/{voice_id}/stream/with-timestamps",
      "POST /v1/text-to-dialogue",
      "POST /v1/text-to-dialogue/stream",
      "POST /v1/text-to-dialogue/with-timestamps",
      "POST /v1/text-to-dialogue/stream/with-timestamps",
      "POST /v1/speech-to-text",
      "POST /v1/speech-to-speech/{voice_id}",
      "POST /v1/speech-to-speech/{voice_id}/stream",
      "POST /v1/sound-generation",
      "GET /v1/voices",
      "GET /v2/voices",
      "GET /v1/voices/{voice_id}",
      "GET /v1/voices/{voice_id}/settings",
      "GET /v1/voices/settings/default",
      "GET /v1/models",
      "WS /",
      "WS /v1/convai/conversation",
      "WS /v1/text-to-speech/{voice_id}/stream-input",
      "WS /v1/text-to-speech/{voice_id}/multi-stream-input",
      "WS /v1/speech-to-text/realtime",
    ],
    realtime: { slug: "elevenlabs", paths: ["/", "/v1/convai/conversation"] },
    credentialQueryParams: [],
  },
} as const satisfies Record<string, ProviderSpec>;

export type ProviderId = keyof typeof providers;
