/** The Secrets Store bindings every proxy Worker needs besides its provider key. */
export const GATEWAY_SECRET_BINDINGS = [
  "AI_GATEWAY_ACCOUNT_ID",
  "AI_GATEWAY_ID",
  "CLOUDFLARE_API_KEY",
  "PROXY_CLIENT_TOKENS",
] as const;

export type GatewaySecretBinding = (typeof GATEWAY_SECRET_BINDINGS)[number];
