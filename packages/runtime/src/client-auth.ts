import { CLIENT_TOKEN_PROTOCOL_PREFIX, parseWebSocketProtocols } from "./credentials.ts";
import type { ProviderAuth } from "./providers.ts";

/** The tokens in PROXY_CLIENT_TOKENS: comma-separated so old and new overlap during a rotation. */
export function parseClientTokens(secret: string): string[] {
  return secret
    .split(",")
    .map((token) => token.trim())
    .filter((token) => token !== "");
}

/**
 * Every token the client presented: `Authorization: Bearer`, the provider's own auth header (so the
 * provider's SDK works with its base URL pointed at the proxy), and `proxy-auth.<token>` WebSocket
 * protocol entries (browsers cannot set headers on WebSockets).
 */
export function readPresentedTokens(headers: Headers, auth: ProviderAuth): string[] {
  const presented = new Set<string>();
  const bearer = stripPrefix(headers.get("authorization"), "bearer ");
  if (bearer !== undefined) presented.add(bearer);
  const own = stripPrefix(headers.get(auth.header), auth.prefix.toLowerCase());
  if (own !== undefined) presented.add(own);
  for (const protocol of parseWebSocketProtocols(headers.get("sec-websocket-protocol"))) {
    const token = stripPrefix(protocol, CLIENT_TOKEN_PROTOCOL_PREFIX);
    if (token !== undefined) presented.add(token);
  }
  return [...presented];
}

function stripPrefix(value: string | null, lowerCasePrefix: string): string | undefined {
  if (value === null) return undefined;
  if (value.slice(0, lowerCasePrefix.length).toLowerCase() !== lowerCasePrefix) return undefined;
  const token = value.slice(lowerCasePrefix.length).trim();
  return token === "" ? undefined : token;
}

const encoder = new TextEncoder();

function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(text));
}

/**
 * SHA-256 digests of the tokens in PROXY_CLIENT_TOKENS. Computed once per value read from the store
 * (through `SecretCache.readParsed`), not once per request.
 */
export function digestClientTokens(secret: string): Promise<ArrayBuffer[]> {
  return Promise.all(parseClientTokens(secret).map(sha256));
}

/**
 * A SHA-256 of presented tokens that remembers recent ones: a client sends the same token on every
 * request, and hashing it each time was a measurable share of the proxy's CPU. The lookup's timing
 * depends only on what the client sent, never on the accepted tokens, and the memo is bounded.
 */
export function createPresentedTokenDigest(limit = 256): (token: string) => Promise<ArrayBuffer> {
  const memo = new Map<string, Promise<ArrayBuffer>>();
  return (token) => {
    let digest = memo.get(token);
    if (digest === undefined) {
      if (memo.size >= limit) memo.clear();
      digest = sha256(token);
      memo.set(token, digest);
    }
    return digest;
  };
}

/**
 * Whether any presented token equals any accepted token. Both sides are SHA-256 digests so that
 * `timingSafeEqual` compares equal-length values, and every pair is compared: the time taken does
 * not depend on where, or whether, a match was found.
 */
export async function isAcceptedToken(
  presented: readonly string[],
  acceptedDigests: readonly ArrayBuffer[],
  digest: (token: string) => Promise<ArrayBuffer> = sha256,
): Promise<boolean> {
  if (presented.length === 0 || acceptedDigests.length === 0) return false;
  const presentedDigests = await Promise.all(presented.map(digest));
  let match = false;
  for (const left of presentedDigests) {
    for (const right of acceptedDigests) {
      match = crypto.subtle.timingSafeEqual(left, right) || match;
    }
  }
  return match;
}
