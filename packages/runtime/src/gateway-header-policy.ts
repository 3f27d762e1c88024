/**
 * Which AI Gateway options (`cf-aig-*`) and billing-related provider headers a client may set. A
 * proxy serves many clients with one provider key and one gateway: by default a client may ask only
 * for what changes its own request, and only in the privacy-preserving direction. Anything that
 * reaches other clients (shared cache entries), the bill (retries, custom cost, which stored key or
 * which provider organisation pays) or the audit trail (logs, metadata) needs the operator's consent.
 * The runtime README has this table with the reasons.
 */
export type ClientHeaderRule =
  /** Forwarded as the client sent it: it affects only the client's own request. */
  | "own-request"
  /** Forwarded only with this value (compared case-insensitively): the privacy-preserving direction. */
  | { readonly onlyValue: string }
  /** Dropped unless the operator allows it. */
  | "operator";

export const CLIENT_HEADER_POLICY = {
  "cf-aig-skip-cache": { onlyValue: "true" },
  "cf-aig-collect-log-payload": { onlyValue: "false" },
  "cf-aig-zdr": { onlyValue: "true" },
  "cf-aig-request-timeout": "own-request",
  "cf-aig-event-id": "own-request",
  "cf-aig-cache-key": "operator",
  "cf-aig-cache-ttl": "operator",
  "cf-aig-collect-log": "operator",
  "cf-aig-metadata": "operator",
  "cf-aig-max-attempts": "operator",
  "cf-aig-retry-delay": "operator",
  "cf-aig-backoff": "operator",
  "cf-aig-custom-cost": "operator",
  "cf-aig-byok-alias": "operator",
  "openai-organization": "operator",
  "openai-project": "operator",
  "x-goog-user-project": "operator",
  "x-hf-bill-to": "operator",
} as const satisfies Readonly<Record<string, ClientHeaderRule>>;

export type ClientHeaderName = keyof typeof CLIENT_HEADER_POLICY;

export const CLIENT_HEADER_NAMES = Object.keys(CLIENT_HEADER_POLICY) as ClientHeaderName[];

/** What a Worker forwards: `true` for any value, a string for only that (lower-case) value. */
export interface ClientHeaderRules {
  readonly forwarded: ReadonlyMap<string, true | string>;
  /** Whether the client's own `cf-aig-metadata` entries are merged under the Worker's. */
  readonly clientMetadata: boolean;
}

export interface ClientHeaderChoices {
  /** Forwarded with any value, although the default policy drops them or restricts the value. */
  readonly allowed: readonly string[];
  /** Dropped, although the default policy forwards them. */
  readonly denied: readonly string[];
}

/** The default policy with the operator's choices applied. Names are validated by `validateClientHeaderNames`. */
export function resolveClientHeaderRules(choices: ClientHeaderChoices): ClientHeaderRules {
  const forwarded = new Map<string, true | string>();
  for (const name of CLIENT_HEADER_NAMES) {
    const rule: ClientHeaderRule = CLIENT_HEADER_POLICY[name];
    if (rule === "own-request") forwarded.set(name, true);
    else if (rule !== "operator") forwarded.set(name, rule.onlyValue);
  }
  for (const name of choices.allowed) forwarded.set(name, true);
  for (const name of choices.denied) forwarded.delete(name);
  // The Worker renders cf-aig-metadata itself (see gateway-metadata.ts); it is never copied as is.
  const clientMetadata = forwarded.delete("cf-aig-metadata");
  return { forwarded, clientMetadata };
}

/** Headers this policy decides on: every `cf-aig-*` header (unknown ones are dropped) and the table's. */
export function isPolicyHeader(lowerCaseName: string): boolean {
  return lowerCaseName.startsWith("cf-aig-") || Object.hasOwn(CLIENT_HEADER_POLICY, lowerCaseName);
}

/** The value to send upstream for a policy header, or `undefined` to drop it. */
export function renderPolicyHeader(rules: ClientHeaderRules, lowerCaseName: string, value: string): string | undefined {
  const rule = rules.forwarded.get(lowerCaseName);
  if (rule === true) return value;
  if (rule !== undefined && value.trim().toLowerCase() === rule) return rule;
  return undefined;
}

/** Problems with operator-given header names, each naming where it came from and what is accepted. */
export function validateClientHeaderNames(names: readonly string[], where: string): string[] {
  return names
    .filter((name) => !Object.hasOwn(CLIENT_HEADER_POLICY, name))
    .map(
      (name) =>
        `${where}: ${JSON.stringify(name)} is not a header the client policy decides on; ` +
        `expected one of ${CLIENT_HEADER_NAMES.join(", ")} (lower case)`,
    );
}
