import { isCredentialHeader } from "./credentials.ts";
import type { ProviderSpec } from "./providers.ts";

/** The AI Gateway request headers a client may set; every other `cf-aig-*` header is dropped. */
export const FORWARDED_GATEWAY_HEADERS: ReadonlySet<string> = new Set([
  "cf-aig-cache-ttl",
  "cf-aig-skip-cache",
  "cf-aig-cache-key",
  "cf-aig-metadata",
  "cf-aig-request-timeout",
  "cf-aig-max-attempts",
  "cf-aig-retry-delay",
  "cf-aig-backoff",
  "cf-aig-collect-log",
  "cf-aig-event-id",
]);

// Connection-level headers belong to one hop; the runtime writes its own.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "host"]);
// The end user's address is not the provider's business.
const CLIENT_ADDRESS = new Set(["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip"]);

function isForwardedRequestHeader(name: string, provider: ProviderSpec): boolean {
  if (name.startsWith("cf-aig-")) return FORWARDED_GATEWAY_HEADERS.has(name);
  if (name.startsWith("cf-") || name.startsWith("sec-websocket-")) return false;
  if (HOP_BY_HOP.has(name) || CLIENT_ADDRESS.has(name)) return false;
  return name !== provider.auth.header && !isCredentialHeader(name);
}

export interface UpstreamHeaderInput {
  readonly incoming: Headers;
  readonly provider: ProviderSpec;
  readonly providerKey: string;
  readonly gatewayToken: string;
}

/**
 * The headers sent to the gateway: the client's headers minus every credential, hop-by-hop and
 * non-allowlisted `cf-*` header, plus the provider's defaults, the provider key and the gateway token.
 */
export function renderUpstreamHeaders(input: UpstreamHeaderInput): Record<string, string> {
  const { incoming, provider } = input;
  // A plain record: the runtime builds its Headers once, inside fetch(), which measured cheaper
  // than copying a Headers object and deleting from it.
  // No prototype: a client header named `__proto__` stays an ordinary (forwarded) header.
  const headers: Record<string, string> = Object.create(null);
  incoming.forEach((value, name) => {
    if (isForwardedRequestHeader(name, provider)) headers[name] = value;
  });
  for (const [name, value] of Object.entries(provider.defaultHeaders)) headers[name] ??= value;
  headers[provider.auth.header] = provider.auth.prefix + input.providerKey;
  headers["cf-aig-authorization"] = `Bearer ${input.gatewayToken}`;
  return headers;
}

const DROPPED_RESPONSE_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "set-cookie", "set-cookie2"]);

/**
 * The gateway's response headers as the client sees them: everything (content type, rate limits,
 * request ids, `cf-aig-cache-status`, `cf-aig-log-id`, `cf-aig-step`) except hop-by-hop headers and
 * cookies, which would be set for the proxy's origin.
 */
export function renderClientResponseHeaders(upstream: Headers): Headers {
  const headers = new Headers(upstream);
  dropClientResponseHeaders(headers);
  return headers;
}

/** The same rule applied in place, to the headers of a response the Worker has just built. */
export function dropClientResponseHeaders(headers: Headers): void {
  for (const name of DROPPED_RESPONSE_HEADERS) headers.delete(name);
}
