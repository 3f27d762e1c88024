import type { AcceptedClient } from "./client-tokens.ts";
import { CLIENT_METADATA_KEY } from "./client-tokens.ts";

/** AI Gateway keeps the first five `cf-aig-metadata` entries and ignores the rest. */
export const MAX_GATEWAY_METADATA_ENTRIES = 5;

type MetadataValue = string | number | boolean;

/**
 * The `cf-aig-metadata` the Worker sends: `{"client":"<name>"}` for a named token, so gateway
 * analytics and logs show usage per client and never a token. When the operator allows client
 * metadata (`clientHeader` is then the client's `cf-aig-metadata`), the client's entries follow the
 * Worker's, minus any `client` entry (a client cannot pose as another), within the gateway's five.
 */
export function renderGatewayMetadata(client: AcceptedClient, clientHeader: string | null): string | undefined {
  if (clientHeader === null) return client.metadata;
  const entries: [string, MetadataValue][] = client.name === undefined ? [] : [[CLIENT_METADATA_KEY, client.name]];
  for (const entry of parseClientMetadata(clientHeader)) {
    if (entries.length >= MAX_GATEWAY_METADATA_ENTRIES) break;
    if (entry[0] !== CLIENT_METADATA_KEY) entries.push(entry);
  }
  // fromEntries defines own properties: a client key named `__proto__` stays an ordinary entry.
  return entries.length === 0 ? undefined : JSON.stringify(Object.fromEntries(entries));
}

/** The client's entries with a value of a type the gateway accepts; anything else is left out. */
function parseClientMetadata(header: string): [string, MetadataValue][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    return [];
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return [];
  return Object.entries(parsed).filter((entry): entry is [string, MetadataValue] =>
    ["string", "number", "boolean"].includes(typeof entry[1]),
  );
}
