/**
 * CORS for browsers calling a proxy Worker. Allowed origins are configured per Worker; a preflight
 * is answered by the Worker itself, without a token (browsers send none) and without reaching the
 * gateway. Answers to allowed origins, errors included, carry CORS headers so the page can read
 * them; other origins get none, and the browser keeps the answer from the page.
 */

const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
const PREFLIGHT_MAX_AGE_SECONDS = "600";
// A comma-separated list of header names, as browsers send Access-Control-Request-Headers.
const HEADER_NAME_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;
const MAX_REQUESTED_HEADERS_LENGTH = 4096;

/** Problems with configured origins: each must be exactly `scheme://host[:port]`, as browsers send it. */
export function validateOrigins(origins: readonly string[], where: string): string[] {
  return origins.flatMap((origin, index) => {
    let canonical: string | undefined;
    try {
      const url = new URL(origin);
      canonical = url.protocol === "https:" || url.protocol === "http:" ? url.origin : undefined;
    } catch {
      canonical = undefined;
    }
    if (canonical === origin) return [];
    const hint = canonical === undefined ? "e.g. https://app.example.com" : `write ${JSON.stringify(canonical)}`;
    return [`${where}[${index}]: ${JSON.stringify(origin)} is not an origin (scheme://host[:port], no path or trailing slash); ${hint}`];
  });
}

/** A CORS preflight: OPTIONS with Origin and Access-Control-Request-Method (the Fetch standard's test). */
export function isPreflight(request: Request): boolean {
  return (
    request.method === "OPTIONS" &&
    request.headers.has("origin") &&
    request.headers.has("access-control-request-method")
  );
}

/** The Worker's own answer to a preflight: 204, with CORS headers only for an allowed origin. */
export function answerPreflight(request: Request, allowedOrigin: string | undefined): Response {
  const headers = new Headers({ vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers" });
  if (allowedOrigin !== undefined) {
    headers.set("access-control-allow-origin", allowedOrigin);
    headers.set("access-control-allow-methods", ALLOWED_METHODS);
    headers.set("access-control-max-age", PREFLIGHT_MAX_AGE_SECONDS);
    // The SDKs each send their own headers (x-stainless-*, anthropic-version, x-goog-api-client, ...):
    // allowing what was asked for is safe, because the Worker decides what it forwards anyway.
    const requested = request.headers.get("access-control-request-headers");
    if (requested !== null && requested.length <= MAX_REQUESTED_HEADERS_LENGTH && HEADER_NAME_LIST.test(requested)) {
      headers.set("access-control-allow-headers", requested);
    }
  }
  return new Response(null, { status: 204, headers });
}

/**
 * Adds CORS headers for an allowed origin: the origin itself, and every header of the answer exposed
 * to the page (request ids, rate limits, `retry-after`, `cf-aig-*`: what the SDKs read) with the
 * wildcard `*`. The wildcard holds for requests without credentials (cookies, browser-managed HTTP
 * auth), and those are the only cross-origin requests a proxy answer can reach: it never sends
 * `Access-Control-Allow-Credentials`, so the browser refuses a credentialed answer whatever it
 * exposes. For other origins only `Vary: Origin`, so no cache serves one origin's answer to another.
 */
export function renderCorsResponse(response: Response, allowedOrigin: string | undefined): Response {
  if (response.webSocket !== null) return response;
  let headers = response.headers;
  try {
    headers.append("vary", "Origin");
  } catch {
    // Immutable headers (a response passed through as fetched): copy once, then edit.
    response = new Response(response.body, response);
    headers = response.headers;
    headers.append("vary", "Origin");
  }
  if (allowedOrigin === undefined) return response;
  headers.set("access-control-allow-origin", allowedOrigin);
  headers.set("access-control-expose-headers", "*");
  return response;
}
