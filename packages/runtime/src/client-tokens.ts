/**
 * PROXY_CLIENT_TOKENS: comma-separated entries, `token` or `name:token`, so old and new tokens
 * overlap during a rotation and a named token tells gateway analytics which client made a request.
 * `mobile-app:tok123,tok456` accepts `tok123` as the client `mobile-app` and `tok456` unnamed.
 */

/** Longer presented tokens are refused before hashing, so no accepted token may be longer. */
export const MAX_CLIENT_TOKEN_LENGTH = 1024;

/** A client name: what gateway analytics show in the `client` metadata entry. */
const CLIENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface ClientTokenEntry {
  readonly token: string;
  readonly name?: string;
}

export interface ParsedClientTokens {
  readonly entries: readonly ClientTokenEntry[];
  /** Entries left out, by position and reason only: never a value, since these may be logged. */
  readonly problems: readonly string[];
}

export function parseClientTokens(secret: string): ParsedClientTokens {
  const entries: ClientTokenEntry[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  secret.split(",").forEach((raw, index) => {
    const entry = raw.trim();
    if (entry === "") return;
    const where = `entry ${index + 1}`;
    const colon = entry.indexOf(":");
    const name = colon === -1 ? undefined : entry.slice(0, colon).trim();
    const token = colon === -1 ? entry : entry.slice(colon + 1).trim();
    if (name !== undefined && !CLIENT_NAME.test(name)) {
      problems.push(`${where}: the client name before ":" must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit`);
    } else if (token === "") {
      problems.push(`${where}: no token after the client name`);
    } else if (token.length > MAX_CLIENT_TOKEN_LENGTH) {
      problems.push(`${where}: the token is longer than ${MAX_CLIENT_TOKEN_LENGTH} characters`);
    } else if (seen.has(token)) {
      problems.push(`${where}: repeats the token of an earlier entry (the earlier one counts)`);
    } else {
      seen.add(token);
      entries.push(name === undefined ? { token } : { token, name });
    }
  });
  return { entries, problems };
}

/** Who a presented token belongs to. */
export interface AcceptedClient {
  readonly name: string | undefined;
  /** The `cf-aig-metadata` value the Worker sends for this client, rendered once: `{"client":"<name>"}`. */
  readonly metadata: string | undefined;
}

export interface AcceptedClientTokens {
  /** SHA-256 of each accepted token; `clients[i]` is who `digests[i]` belongs to. */
  readonly digests: readonly ArrayBuffer[];
  readonly clients: readonly AcceptedClient[];
}

export const CLIENT_METADATA_KEY = "client";

const encoder = new TextEncoder();

export function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(text));
}

/**
 * Digests and client names of the tokens in PROXY_CLIENT_TOKENS. Computed once per value read from
 * the store (through `SecretCache.readParsed`), not once per request, so a malformed entry is
 * reported once per value, by position.
 */
export async function digestClientTokens(secret: string): Promise<AcceptedClientTokens> {
  const { entries, problems } = parseClientTokens(secret);
  if (problems.length > 0) {
    console.error(JSON.stringify({ event: "client_tokens_ignored", binding: "PROXY_CLIENT_TOKENS", problems }));
  }
  return {
    digests: await Promise.all(entries.map((entry) => sha256(entry.token))),
    clients: entries.map(({ name }) => ({
      name,
      metadata: name === undefined ? undefined : JSON.stringify({ [CLIENT_METADATA_KEY]: name }),
    })),
  };
}
