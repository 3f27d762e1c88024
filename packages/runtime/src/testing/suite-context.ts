import type { ProviderSpec } from "../providers.ts";
import type { FixtureSecrets, SampleRequest } from "./fixtures.ts";
import { fixtureSecretsFor, sampleRequestFor } from "./fixtures.ts";
import type { TestEnv } from "./seed-secrets.ts";
import type { StandInGateway } from "./stand-in-gateway.ts";
import { useStandInGateway } from "./stand-in-gateway.ts";
import { STAND_IN_GATEWAY_BASE_URL } from "./stand-in-url.ts";

export interface ProxyWorkerUnderTest {
  readonly provider: ProviderSpec;
  /** The Worker as a client reaches it, e.g. `exports.default` from `cloudflare:workers`. */
  readonly worker: { fetch(request: Request): Promise<Response> };
  /** The test Env (`env` from `cloudflare:workers`), used to seed the Worker's secrets. */
  readonly env: TestEnv;
  /** Origin of client requests. Default `https://proxy.test`. */
  readonly origin?: string;
  /** What AI_GATEWAY_BASE_URL is set to in the test config. Default STAND_IN_GATEWAY_BASE_URL. */
  readonly gatewayBaseUrl?: string;
}

export interface SuiteContext {
  readonly provider: ProviderSpec;
  readonly env: TestEnv;
  readonly sample: SampleRequest;
  readonly secrets: FixtureSecrets;
  readonly gateway: StandInGateway;
  /** Sends a request to the Worker; `path` has no leading slash. */
  send(path: string, init?: RequestInit): Promise<Response>;
  /** The sample request, authenticated with `Authorization: Bearer <first client token>`. */
  sendSample(extraHeaders?: Record<string, string>): Promise<Response>;
  bearer(token?: string): Record<string, string>;
  /** The gateway URL the proxy must call for `path` (which may carry a query), under `slug`. */
  upstreamUrl(path: string, slug?: string): string;
}

export function createSuiteContext(target: ProxyWorkerUnderTest): SuiteContext {
  const origin = target.origin ?? "https://proxy.test";
  const baseUrl = target.gatewayBaseUrl ?? STAND_IN_GATEWAY_BASE_URL;
  const secrets = fixtureSecretsFor(target.provider);
  const sample = sampleRequestFor(target.provider);
  const gateway = useStandInGateway();
  const bearer = (token = secrets.clientTokens[0]) => ({ authorization: `Bearer ${token}` });
  const send = (path: string, init?: RequestInit) => target.worker.fetch(new Request(`${origin}/${path}`, init));
  return {
    provider: target.provider,
    env: target.env,
    sample,
    secrets,
    gateway,
    send,
    sendSample: (extraHeaders = {}) =>
      send(sample.path, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(), ...extraHeaders },
        body: sample.body,
      }),
    bearer,
    upstreamUrl: (path, slug = target.provider.slug) =>
      `${baseUrl}/${secrets.accountId}/${secrets.gatewayId}/${slug}${path === "" || path.startsWith("?") ? "" : "/"}${path}`,
  };
}

/** Every place a value could leak to: serialised requests, bodies, headers, log lines. */
export function leakedValues(haystack: string, values: readonly string[]): string[] {
  return values.filter((value) => haystack.includes(value));
}
