/**
 * Query parameters that carry a credential in the providers' APIs and the gateway's realtime
 * endpoints: Google's `key`, the gateway's `api_key`, ElevenLabs' single-use `token`, and the usual
 * spellings of API keys and bearer tokens. Compared by exact name, case-insensitively, after
 * percent-decoding, so `k%65y` is `key`. Exact names, not words: `next_page_token` and `keyterms`
 * are ordinary parameters.
 */
export const CREDENTIAL_QUERY_PARAMS: ReadonlySet<string> = new Set([
  "key",
  "api_key",
  "api-key",
  "apikey",
  "x-api-key",
  "x-goog-api-key",
  "xi-api-key",
  "xi_api_key",
  "access_token",
  "token",
  "auth",
  "authorization",
  "cf-aig-authorization",
]);

export interface QueryPair {
  /** The pair exactly as sent, e.g. `k%65y=abc`. */
  readonly raw: string;
  /** The decoded name, lower-cased. */
  readonly name: string;
  /** The decoded value. */
  readonly value: string;
}

/** Splits a query string (`?a=1&b`) into pairs, keeping each pair's bytes as sent. */
export function parseQueryPairs(search: string): QueryPair[] {
  const query = search.startsWith("?") ? search.slice(1) : search;
  if (query === "") return [];
  return query.split("&").map((raw) => {
    // URLSearchParams decodes the way servers do: `+` is a space, bad escapes are kept as they are.
    const [decoded] = new URLSearchParams(raw);
    return { raw, name: (decoded?.[0] ?? "").toLowerCase(), value: decoded?.[1] ?? "" };
  });
}

/**
 * The query string to send upstream: the client's, byte for byte, without its credential
 * parameters. Returns `""` or a string starting with `?`.
 */
export function renderForwardedQuery(search: string): string {
  if (search === "" || search === "?") return "";
  const pairs = parseQueryPairs(search);
  if (!pairs.some((pair) => CREDENTIAL_QUERY_PARAMS.has(pair.name))) return search;
  const kept = pairs.filter((pair) => !CREDENTIAL_QUERY_PARAMS.has(pair.name)).map((pair) => pair.raw);
  return kept.length === 0 ? "" : `?${kept.join("&")}`;
}

/**
 * Tokens a client sent in the query parameters its provider uses for keys (Google: `key`, `api_key`):
 * the first non-empty value of each, so a long query cannot make the Worker hash many candidates.
 */
export function readQueryTokens(search: string, names: readonly string[]): string[] {
  if (names.length === 0 || search === "") return [];
  const pairs = parseQueryPairs(search);
  return names.flatMap((name) => {
    const pair = pairs.find((candidate) => candidate.name === name && candidate.value !== "");
    return pair === undefined ? [] : [pair.value];
  });
}

/** Appends `name=value` (encoded) to a query string produced by `renderForwardedQuery`. */
export function appendQueryParam(search: string, name: string, value: string): string {
  const pair = `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  return search === "" ? `?${pair}` : `${search}&${pair}`;
}

/** The query string exactly as the request URL carries it; `URL.search` would re-encode some bytes. */
export function rawSearch(requestUrl: string): string {
  const start = requestUrl.indexOf("?");
  if (start === -1) return "";
  const end = requestUrl.indexOf("#", start);
  return end === -1 ? requestUrl.slice(start) : requestUrl.slice(start, end);
}
