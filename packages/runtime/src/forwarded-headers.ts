import type { AcceptedClient } from "./client-tokens.ts";
import { isCredentialHeader } from "./credentials.ts";
import type { ClientHeaderRules } from "./gateway-header-policy.ts";
import { isPolicyHeader, renderPolicyHeader } from "./gateway-header-policy.ts";
import { renderGatewayMetadata } from "./gateway-metadata.ts";
import type { ProviderSpec } from "./providers.ts";

// Connection-level headers belong to one hop; the runtime writes its own.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "host"]);
// The end user's address is not the provider's business.
const CLIENT_ADDRESS = new Set(["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip"]);

// Called for headers the client-header policy does not decide on.
function isForwardedRequestHeader(name: string, provider: ProviderSpec): boolean {
  if (name.startsWith("cf-") || name.startsWith("sec-websocket-")) return false;
  if (HOP_BY_HOP.has(name) || CLIENT_ADDRESS.has(name)) return false;
  return name !== provider.auth.header && !isCredentialHeader(name);
}

export interface UpstreamHeaderInput {
  readonly incoming: Headers;
  readonly provider: ProviderSpec;
  readonly providerKey: string;
  readonly gatewayToken: string;
  /** The Worker's client-header policy (gateway-header-policy.ts). */
  readonly rules: ClientHeaderRules;
  /** Who presented the token: a named client is attributed in `cf-aig-metadata`. */
  readonly client: AcceptedClient;
}

/**
 * The headers sent to the gateway: the client's headers minus every credential, hop-by-hop and
 * `cf-*` header, with the gateway options and billing headers the policy lets through, plus the
 * provider's defaults, the Worker's `cf-aig-metadata`, the provider key and the gateway token.
 */
export function renderUpstreamHeaders(input: UpstreamHeaderInput): Headers {
  const { incoming, provider, rules } = input;
  // A native copy edited in place: fetch() then takes it as it is. A plain record built with forEach
  // (one call back into JavaScript per header, then converted back by fetch()) showed more workerd
  // CPU in perf profiles; the difference is within the throughput benchmark's noise.
  const headers = new Headers(incoming);
  for (const name of incoming.keys()) {
    if (!isPolicyHeader(name)) {
      if (!isForwardedRequestHeader(name, provider)) headers.delete(name);
      continue;
    }
    const value = incoming.get(name) ?? "";
    const forwarded = renderPolicyHeader(rules, name, value);
    if (forwarded === undefined) headers.delete(name);
    else if (forwarded !== value) headers.set(name, forwarded);
  }
  const metadata = renderGatewayMetadata(input.client, rules.clientMetadata ? incoming.get("cf-aig-metadata") : null);
  if (metadata !== undefined) headers.set("cf-aig-metadata", metadata);
  for (const [name, value] of Object.entries(provider.defaultHeaders)) if (!headers.has(name)) headers.set(name, value);
  headers.set(provider.auth.header, provider.auth.prefix + input.providerKey);
  headers.set("cf-aig-authorization", `Bearer ${input.gatewayToken}`);
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
