export const DEFAULT_GATEWAY_BASE_URL = "https://gateway.ai.cloudflare.com/v1";

export interface GatewayUrlParts {
  readonly baseUrl: string;
  readonly accountId: string;
  readonly gatewayId: string;
  readonly slug: string;
  /** Path after the slug, without a leading slash; `""` for the slug itself. */
  readonly path: string;
  /** Query string including `?`, or `""`. */
  readonly search: string;
}

/** `${base}/${account}/${gateway}/${slug}/${path}${search}`, with no doubled or trailing slash. */
export function renderGatewayUrl(parts: GatewayUrlParts): string {
  const base = parts.baseUrl.replace(/\/+$/, "");
  const segments = [base, encodeURIComponent(parts.accountId), encodeURIComponent(parts.gatewayId), parts.slug];
  if (parts.path !== "") segments.push(parts.path);
  return segments.join("/") + parts.search;
}
