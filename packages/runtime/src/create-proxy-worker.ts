import { createPresentedTokenDigest, exceedsCredentialLimits, findClient, readPresentedTokens } from "./client-auth.ts";
import { digestClientTokens } from "./client-tokens.ts";
import { answerPreflight, isPreflight, renderCorsResponse } from "./cors.ts";
import { renderUpstreamHeaders } from "./forwarded-headers.ts";
import { forwardHttp } from "./forward-http.ts";
import { GATEWAY_SECRET_BINDINGS } from "./gateway-bindings.ts";
import type { GatewayEnv, GatewaySecrets } from "./gateway-env.ts";
import { DEFAULT_GATEWAY_BASE_URL, renderGatewayUrl } from "./gateway-url.ts";
import { answerHealthCheck } from "./health-check.ts";
import { credentialsTooLarge, internalError, notFound, serviceUnavailable, unauthorized } from "./json-responses.ts";
import type { ProviderSpec } from "./providers.ts";
import type { ProxyPolicy, ProxyPolicyOptions } from "./proxy-policy.ts";
import { createPolicyResolver, ProxyConfigError } from "./proxy-policy.ts";
import { relayWebSocket } from "./relay-websocket.ts";
import type { SecretBindingName } from "./secret-binding-name.ts";
import type { KeepAlive, SecretCacheOptions } from "./secret-cache.ts";
import { createSecretCache } from "./secret-cache.ts";
import { SecretUnavailableError } from "./secret-unavailable-error.ts";
import { appendQueryParam, rawSearch, readQueryTokens } from "./query-credentials.ts";
import type { ServedPathsOption } from "./served-paths.ts";
import { createUpstreamPlanner } from "./upstream-target.ts";

export interface ProxyWorkerOptions extends ProxyPolicyOptions {
  /**
   * Time allowed for the gateway's response headers before answering 504. Default: no limit of the
   * Worker's own; the client's timeout applies (10 minutes in the OpenAI and Anthropic SDKs), and on
   * Cloudflare a client that disconnects ends the request's outstanding work, the gateway call
   * included (`wrangler dev` keeps waiting for the gateway). A fixed default would cut non-streaming
   * calls that legitimately take minutes (long reasoning, large outputs).
   */
  readonly upstreamTimeoutMs?: number;
  readonly secretCache?: SecretCacheOptions;
  /**
   * What this Worker serves, when it should differ from the provider's table: a replacement list, or
   * `{ add, remove }` (e.g. `{ add: ["GET /files/{file_id}"], remove: ["GET /models"] }`).
   */
  readonly servedPaths?: ServedPathsOption;
}

type Secrets = Readonly<Record<string, SecretsStoreSecret>>;

function checkedTimeout(timeoutMs: number | undefined): number | undefined {
  if (timeoutMs === undefined || (Number.isSafeInteger(timeoutMs) && timeoutMs > 0)) return timeoutMs;
  throw new ProxyConfigError([
    `upstreamTimeoutMs: ${String(timeoutMs)} is not a whole number of milliseconds above 0; give one (e.g. 300000 for 5 minutes) or leave it out for no limit`,
  ]);
}

/**
 * The whole proxy Worker for one provider. `provider.keyBinding` must be a Secrets Store binding of
 * the app's generated `Env`, so an app whose manifest entry lacks its provider key fails to compile.
 *
 * ```ts
 * export default createProxyWorker<Env>(providers.openai);
 * ```
 */
export function createProxyWorker<Env extends GatewayEnv>(
  provider: ProviderSpec<SecretBindingName<Env>>,
  options: ProxyWorkerOptions = {},
): ExportedHandler<Env> {
  // One cache per Worker, created when the module loads: it lives as long as the isolate.
  const cache = createSecretCache(options.secretCache);
  const digestPresented = createPresentedTokenDigest();
  // Throws here, when the module loads, for a bad option: the Worker does not start misconfigured.
  const resolvePolicy = createPolicyResolver(options);
  const timeoutMs = checkedTimeout(options.upstreamTimeoutMs);
  const bindings = [provider.keyBinding, ...GATEWAY_SECRET_BINDINGS];
  // Checked and compiled once: a bad entry stops the Worker from loading, with every problem listed.
  const planner = createUpstreamPlanner(provider, options.servedPaths);

  function peekGatewaySecrets(): GatewaySecrets | undefined {
    const providerKey = cache.peek(provider.keyBinding);
    const accountId = cache.peek("AI_GATEWAY_ACCOUNT_ID");
    const gatewayId = cache.peek("AI_GATEWAY_ID");
    const gatewayToken = cache.peek("CLOUDFLARE_API_KEY");
    if (providerKey === undefined || accountId === undefined || gatewayId === undefined || gatewayToken === undefined) {
      return undefined;
    }
    return { providerKey, accountId, gatewayId, gatewayToken };
  }

  async function readGatewaySecrets(secrets: Secrets, ctx: KeepAlive): Promise<GatewaySecrets> {
    const [providerKey, accountId, gatewayId, gatewayToken] = await Promise.all([
      cache.read(secrets, provider.keyBinding, ctx),
      cache.read(secrets, "AI_GATEWAY_ACCOUNT_ID", ctx),
      cache.read(secrets, "AI_GATEWAY_ID", ctx),
      cache.read(secrets, "CLOUDFLARE_API_KEY", ctx),
    ]);
    return { providerKey, accountId, gatewayId, gatewayToken };
  }

  async function handle(request: Request, env: Env, ctx: KeepAlive, policy: ProxyPolicy): Promise<Response> {
    // Bounded before anything is read or hashed: an unauthenticated request costs length checks.
    const presented = readPresentedTokens(request.headers, provider.auth);
    if (presented === undefined) return credentialsTooLarge();
    const href = request.url;
    for (const token of readQueryTokens(rawSearch(href), provider.credentialQueryParams)) {
      if (!presented.includes(token)) presented.push(token);
    }
    if (exceedsCredentialLimits(presented)) return credentialsTooLarge();
    const secrets = env as unknown as Secrets;
    const accepted =
      cache.peekParsed("PROXY_CLIENT_TOKENS", digestClientTokens) ??
      (await cache.readParsed(secrets, "PROXY_CLIENT_TOKENS", digestClientTokens, ctx));
    const found = findClient(presented, accepted, digestPresented);
    const client = found instanceof Promise ? await found : found;
    if (client === undefined) return unauthorized();
    const url = new URL(href);
    if (url.pathname === "/healthz" && request.method === "GET") return answerHealthCheck({ secrets, cache, bindings, ctx });

    const target = planner.plan(request, url);
    if (target === undefined) return notFound();

    const resolved = peekGatewaySecrets() ?? (await readGatewaySecrets(secrets, ctx));
    const upstreamUrl = renderGatewayUrl({
      baseUrl: env.AI_GATEWAY_BASE_URL ?? DEFAULT_GATEWAY_BASE_URL,
      accountId: resolved.accountId,
      gatewayId: resolved.gatewayId,
      slug: target.slug,
      path: target.path,
      search:
        target.keyQueryParam === undefined
          ? target.search
          : appendQueryParam(target.search, target.keyQueryParam, resolved.providerKey),
    });
    const upstreamHeaders = renderUpstreamHeaders({
      incoming: request.headers,
      provider,
      providerKey: resolved.providerKey,
      gatewayToken: resolved.gatewayToken,
      rules: policy.headers,
      client,
    });
    const forward = { request, upstreamUrl, upstreamHeaders, timeoutMs };
    return target.webSocket ? relayWebSocket(forward) : forwardHttp(forward);
  }

  /** The answer to an error `handle` threw; the log line names a binding or an error class, never a value. */
  function answerError(error: unknown): Response {
    if (error instanceof SecretUnavailableError) {
      console.error(JSON.stringify({ event: "secret_unavailable", binding: error.binding }));
      return serviceUnavailable();
    }
    console.error(JSON.stringify({ event: "proxy_error", error: error instanceof Error ? error.name : "unknown" }));
    return internalError();
  }

  return {
    async fetch(request, env, ctx) {
      let policy: ProxyPolicy;
      try {
        policy = resolvePolicy(env);
      } catch (error) {
        // The vars name origins and header names, never a secret: the problems can be logged as they are.
        const problems = error instanceof ProxyConfigError ? error.problems : ["unexpected error"];
        console.error(JSON.stringify({ event: "config_error", problems }));
        return internalError();
      }
      const origin = request.headers.get("origin");
      const allowedOrigin = origin !== null && policy.origins.has(origin) ? origin : undefined;
      if (isPreflight(request)) return answerPreflight(request, allowedOrigin);
      let response: Response;
      try {
        response = await handle(request, env, ctx, policy);
      } catch (error) {
        response = answerError(error);
      }
      return origin === null || policy.origins.size === 0 ? response : renderCorsResponse(response, allowedOrigin);
    },
  };
}
