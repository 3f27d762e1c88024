import type { ProviderSpec } from "./providers.ts";
import { rawSearch, renderForwardedQuery } from "./query-credentials.ts";
import type { ServedPathsOption } from "./served-paths.ts";
import { compileServedPaths, normaliseRequestPath, resolveServedPaths } from "./served-paths.ts";

/** Where a request goes: `${gateway}/${slug}/${path}${search}`. */
export interface UpstreamTarget {
  readonly slug: string;
  /** Path after the slug, without a leading slash; `""` for the slug itself. */
  readonly path: string;
  /** The client's query string without credential parameters: `""` or `?...`, byte for byte. */
  readonly search: string;
  /** A WebSocket upgrade, to relay rather than forward. */
  readonly webSocket: boolean;
  /** Set when the gateway expects the provider key in this query parameter (Google realtime). */
  readonly keyQueryParam?: string;
}

export interface UpstreamPlanner {
  /** The served paths in force for this Worker, for its README-style summary and tests. */
  readonly servedPaths: readonly string[];
  /** The upstream target, or undefined when the Worker does not serve this method and path. */
  plan(request: Request, url: URL): UpstreamTarget | undefined;
}

/**
 * Compiles a provider's served paths (changed by the operator's option) once per Worker. The
 * returned planner costs one regular-expression test per request, two for a WebSocket upgrade.
 */
export function createUpstreamPlanner(provider: ProviderSpec, option?: ServedPathsOption): UpstreamPlanner {
  const servedPaths = resolveServedPaths(provider.servedPaths, option);
  const served = compileServedPaths(servedPaths);
  const realtime = provider.realtime;
  const realtimeEndpoint = compileServedPaths((realtime?.paths ?? []).map((path) => `WS ${path}`));
  return {
    servedPaths,
    plan(request, url) {
      const path = normaliseRequestPath(url.pathname);
      const isWebSocket = request.headers.get("upgrade")?.toLowerCase() === "websocket";
      const method = isWebSocket ? "WS" : request.method;
      if (!served.matches(method, path)) return undefined;
      const search = renderForwardedQuery(rawSearch(request.url));
      if (realtime !== undefined && isWebSocket && realtimeEndpoint.matches("WS", path)) {
        const keyQueryParam = realtime.keyQueryParam;
        const target = { slug: realtime.slug, path: "", search, webSocket: true };
        return keyQueryParam === undefined ? target : { ...target, keyQueryParam };
      }
      return { slug: provider.slug, path: path.slice(1), search, webSocket: isWebSocket };
    },
  };
}
