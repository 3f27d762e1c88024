import type { GatewaySecretBinding } from "./gateway-bindings.ts";
import type { ProxyPolicyVars } from "./proxy-policy.ts";

/** What a proxy Worker's generated Env must provide, whatever its provider. */
export type GatewayEnv = { readonly [K in GatewaySecretBinding]: SecretsStoreSecret } & {
  /** Gateway base URL; `https://gateway.ai.cloudflare.com/v1` when unset. */
  readonly AI_GATEWAY_BASE_URL?: string;
} & ProxyPolicyVars;

/** The secrets one request reads, resolved from the store (or the cache). */
export interface GatewaySecrets {
  readonly providerKey: string;
  readonly accountId: string;
  readonly gatewayId: string;
  readonly gatewayToken: string;
}
