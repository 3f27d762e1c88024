import { validateOrigins } from "./cors.ts";
import type { ClientHeaderName, ClientHeaderRules } from "./gateway-header-policy.ts";
import { resolveClientHeaderRules, validateClientHeaderNames } from "./gateway-header-policy.ts";

/** What an operator configures per Worker in code; the matching vars add to it per environment. */
export interface ProxyPolicyOptions {
  /** Browser origins answered with CORS headers, e.g. `["https://app.example.com"]`. Adds to PROXY_ALLOWED_ORIGINS. */
  readonly allowedOrigins?: readonly string[];
  /** Client headers forwarded with any value beyond the default policy. Adds to PROXY_ALLOWED_CLIENT_HEADERS. */
  readonly allowedClientHeaders?: readonly ClientHeaderName[];
  /** Client headers dropped although the default policy forwards them. Adds to PROXY_DENIED_CLIENT_HEADERS. */
  readonly deniedClientHeaders?: readonly ClientHeaderName[];
}

/** The Worker vars (`[vars]` in its wrangler config, `vars` in the manifest): comma-separated lists. */
export interface ProxyPolicyVars {
  readonly PROXY_ALLOWED_ORIGINS?: string;
  readonly PROXY_ALLOWED_CLIENT_HEADERS?: string;
  readonly PROXY_DENIED_CLIENT_HEADERS?: string;
}

export interface ProxyPolicy {
  readonly origins: ReadonlySet<string>;
  readonly headers: ClientHeaderRules;
}

/** A misconfigured policy. The message lists every problem; configuration holds no secrets. */
export class ProxyConfigError extends Error {
  override readonly name = "ProxyConfigError";
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid proxy Worker configuration:\n- ${problems.join("\n- ")}`);
    this.problems = problems;
  }
}

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

interface PolicyInput {
  readonly origins: readonly (readonly [string, readonly string[]])[];
  readonly allowed: readonly (readonly [string, readonly string[]])[];
  readonly denied: readonly (readonly [string, readonly string[]])[];
}

function resolvePolicy(input: PolicyInput): ProxyPolicy {
  const problems = [
    ...input.origins.flatMap(([where, origins]) => validateOrigins(origins, where)),
    ...[...input.allowed, ...input.denied].flatMap(([where, names]) => validateClientHeaderNames(names, where)),
  ];
  const allowed = input.allowed.flatMap(([, names]) => names);
  const denied = input.denied.flatMap(([, names]) => names);
  for (const name of allowed.filter((name) => denied.includes(name))) {
    problems.push(`${name} is both allowed and denied; keep it in one list`);
  }
  if (problems.length > 0) throw new ProxyConfigError(problems);
  return {
    origins: new Set(input.origins.flatMap(([, origins]) => origins)),
    headers: resolveClientHeaderRules({ allowed, denied }),
  };
}

/**
 * The policy for a request: the options (checked once, here, so a bad option fails the Worker at
 * startup) combined with the Worker's vars. The vars are parsed once per value, not per request.
 */
export function createPolicyResolver(options: ProxyPolicyOptions): (vars: ProxyPolicyVars) => ProxyPolicy {
  const fromOptions = {
    origins: [["allowedOrigins", options.allowedOrigins ?? []]] as const,
    allowed: [["allowedClientHeaders", options.allowedClientHeaders ?? []]] as const,
    denied: [["deniedClientHeaders", options.deniedClientHeaders ?? []]] as const,
  };
  let last: { vars: ProxyPolicyVars; policy?: ProxyPolicy; error?: ProxyConfigError } = { vars: {}, policy: resolvePolicy(fromOptions) };
  return (vars) => {
    if (
      vars.PROXY_ALLOWED_ORIGINS !== last.vars.PROXY_ALLOWED_ORIGINS ||
      vars.PROXY_ALLOWED_CLIENT_HEADERS !== last.vars.PROXY_ALLOWED_CLIENT_HEADERS ||
      vars.PROXY_DENIED_CLIENT_HEADERS !== last.vars.PROXY_DENIED_CLIENT_HEADERS
    ) {
      const current = {
        PROXY_ALLOWED_ORIGINS: vars.PROXY_ALLOWED_ORIGINS,
        PROXY_ALLOWED_CLIENT_HEADERS: vars.PROXY_ALLOWED_CLIENT_HEADERS,
        PROXY_DENIED_CLIENT_HEADERS: vars.PROXY_DENIED_CLIENT_HEADERS,
      };
      const lowerCase = (value: string | undefined) => splitList(value).map((name) => name.toLowerCase());
      try {
        const policy = resolvePolicy({
          origins: [...fromOptions.origins, ["PROXY_ALLOWED_ORIGINS", splitList(current.PROXY_ALLOWED_ORIGINS)]],
          allowed: [...fromOptions.allowed, ["PROXY_ALLOWED_CLIENT_HEADERS", lowerCase(current.PROXY_ALLOWED_CLIENT_HEADERS)]],
          denied: [...fromOptions.denied, ["PROXY_DENIED_CLIENT_HEADERS", lowerCase(current.PROXY_DENIED_CLIENT_HEADERS)]],
        });
        last = { vars: current, policy };
      } catch (error) {
        if (!(error instanceof ProxyConfigError)) throw error;
        last = { vars: current, error };
      }
    }
    if (last.error !== undefined) throw last.error;
    return last.policy as ProxyPolicy;
  };
}
