import type { AcceptedClient, AcceptedClientTokens } from "./client-tokens.ts";
import { MAX_CLIENT_TOKEN_LENGTH, sha256 } from "./client-tokens.ts";
import { CLIENT_TOKEN_PROTOCOL_PREFIXES, parseWebSocketProtocols } from "./credentials.ts";
import type { ProviderAuth } from "./providers.ts";

/**
 * Bounds on what a client may present, checked before anything is hashed: an unauthenticated
 * request costs string length checks, not thousands of SHA-256 digests.
 */
export const CREDENTIAL_LIMITS = {
  /** Characters in one presented token. */
  tokenLength: MAX_CLIENT_TOKEN_LENGTH,
  /** Distinct tokens presented in one request, wherever they came from. */
  tokens: 4,
  /** Entries in `Sec-WebSocket-Protocol`, credentials or not (OpenAI's browser realtime sends 3-5). */
  webSocketProtocols: 16,
  /** Characters in the whole `Sec-WebSocket-Protocol` header. */
  webSocketProtocolHeaderLength: 4096,
  /** Token-carrying `Sec-WebSocket-Protocol` entries (`proxy-auth.<t>`, `openai-insecure-api-key.<t>`). */
  webSocketProtocolTokens: 2,
} as const;

/**
 * Every token the client presented: `Authorization: Bearer`, the provider's own auth header (so the
 * provider's SDK works with its base URL pointed at the proxy), and token-carrying WebSocket
 * protocol entries (browsers cannot set headers on WebSockets). `undefined` when the request goes
 * beyond CREDENTIAL_LIMITS: it is refused without hashing anything.
 */
export function readPresentedTokens(headers: Headers, auth: ProviderAuth): string[] | undefined {
  const presented = new Set<string>();
  const bearer = stripPrefix(headers.get("authorization"), "bearer ");
  if (bearer !== undefined) presented.add(bearer);
  const own = stripPrefix(headers.get(auth.header), auth.prefix.toLowerCase());
  if (own !== undefined) presented.add(own);

  const protocolHeader = headers.get("sec-websocket-protocol");
  if (protocolHeader !== null) {
    if (protocolHeader.length > CREDENTIAL_LIMITS.webSocketProtocolHeaderLength) return undefined;
    const protocols = parseWebSocketProtocols(protocolHeader);
    if (protocols.length > CREDENTIAL_LIMITS.webSocketProtocols) return undefined;
    let carried = 0;
    for (const protocol of protocols) {
      for (const prefix of CLIENT_TOKEN_PROTOCOL_PREFIXES) {
        const token = stripPrefix(protocol, prefix);
        if (token === undefined) continue;
        carried += 1;
        presented.add(token);
      }
    }
    if (carried > CREDENTIAL_LIMITS.webSocketProtocolTokens) return undefined;
  }
  const tokens = [...presented];
  return exceedsCredentialLimits(tokens) ? undefined : tokens;
}

/**
 * Whether presented tokens go beyond CREDENTIAL_LIMITS in number or length. Apply it again after
 * adding tokens from elsewhere (a query parameter), before anything is hashed.
 */
export function exceedsCredentialLimits(tokens: readonly string[]): boolean {
  return tokens.length > CREDENTIAL_LIMITS.tokens || tokens.some((token) => token.length > CREDENTIAL_LIMITS.tokenLength);
}

function stripPrefix(value: string | null, lowerCasePrefix: string): string | undefined {
  if (value === null) return undefined;
  if (value.slice(0, lowerCasePrefix.length).toLowerCase() !== lowerCasePrefix) return undefined;
  const token = value.slice(lowerCasePrefix.length).trim();
  return token === "" ? undefined : token;
}

/** SHA-256 digests of presented tokens, remembering recent ones. */
export interface PresentedTokenDigests {
  /** The digest of a token hashed recently, without a promise; `undefined` otherwise. */
  known(token: string): ArrayBuffer | undefined;
  digest(token: string): Promise<ArrayBuffer>;
}

/**
 * A SHA-256 of presented tokens that remembers recent ones: a client sends the same token on every
 * request, and hashing it each time (and awaiting the hash) was a measurable share of the proxy's
 * CPU. The lookup's timing depends only on what clients sent, never on the accepted tokens, and the
 * memo is bounded.
 */
export function createPresentedTokenDigest(limit = 256): PresentedTokenDigests {
  const memo = new Map<string, ArrayBuffer>();
  return {
    known: (token) => memo.get(token),
    async digest(token) {
      const digest = memo.get(token) ?? (await sha256(token));
      if (!memo.has(token)) {
        if (memo.size >= limit) memo.clear();
        memo.set(token, digest);
      }
      return digest;
    },
  };
}

const hashEveryTime: PresentedTokenDigests = { known: () => undefined, digest: sha256 };

/**
 * The client whose token was presented, or `undefined`. Both sides are SHA-256 digests so that
 * `timingSafeEqual` compares equal-length values, and every pair is compared: the time taken does
 * not depend on where, or whether, a match was found. Answers without a promise when every presented
 * token was hashed recently (the common case: a client sends the same token on every request).
 */
export function findClient(
  presented: readonly string[],
  accepted: AcceptedClientTokens,
  digests: PresentedTokenDigests = hashEveryTime,
): AcceptedClient | undefined | Promise<AcceptedClient | undefined> {
  if (presented.length === 0 || accepted.digests.length === 0) return undefined;
  const known: ArrayBuffer[] = [];
  for (const token of presented) {
    const digest = digests.known(token);
    if (digest === undefined) return Promise.all(presented.map((each) => digests.digest(each))).then((all) => match(all, accepted));
    known.push(digest);
  }
  return match(known, accepted);
}

function match(presentedDigests: readonly ArrayBuffer[], accepted: AcceptedClientTokens): AcceptedClient | undefined {
  let found = -1;
  for (const left of presentedDigests) {
    for (let index = 0; index < accepted.digests.length; index += 1) {
      if (crypto.subtle.timingSafeEqual(left, accepted.digests[index] as ArrayBuffer)) found = index;
    }
  }
  return accepted.clients[found];
}
