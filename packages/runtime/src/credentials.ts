/**
 * Recognises client credentials, so the proxy can remove every one before a request leaves:
 * known names, plus any header whose name has an auth-like word as one of its dash-separated parts
 * (`x-api-key`, `x-goog-api-key`, `xi-api-key`, `api-key`, `x-auth-token`, `proxy-authorization`).
 */
const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "cookie2", "cf-aig-authorization"]);
const CREDENTIAL_WORD = /(?:^|-)(?:api-?key|auth|authorization|token|secret|password|session|cookie)(?:-|$)/;

export function isCredentialHeader(lowerCaseName: string): boolean {
  return CREDENTIAL_HEADERS.has(lowerCaseName) || CREDENTIAL_WORD.test(lowerCaseName);
}

/**
 * A `Sec-WebSocket-Protocol` entry that carries a token, written `<kind>.<token>` by browsers that
 * cannot set headers: `proxy-auth.<t>`, `cf-aig-authorization.<t>`, `openai-insecure-api-key.<t>`.
 */
export function isCredentialProtocol(protocol: string): boolean {
  const dot = protocol.indexOf(".");
  return dot > 0 && isCredentialHeader(protocol.slice(0, dot).toLowerCase());
}

/** The protocol prefix a browser uses to present a proxy client token: `proxy-auth.<token>`. */
export const CLIENT_TOKEN_PROTOCOL_PREFIX = "proxy-auth.";

/**
 * Protocol prefixes that present a proxy client token: ours, and the OpenAI SDK's browser realtime
 * convention (`openai-insecure-api-key.<key>`, where the token stands in for the key).
 */
export const CLIENT_TOKEN_PROTOCOL_PREFIXES = [CLIENT_TOKEN_PROTOCOL_PREFIX, "openai-insecure-api-key."] as const;

/** The non-secret protocol browsers offer next to `proxy-auth.<token>`, echoed back on accept. */
export const PROXY_WEBSOCKET_PROTOCOL = "ai-proxy";

export function parseWebSocketProtocols(header: string | null): string[] {
  if (header === null) return [];
  return header
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}
