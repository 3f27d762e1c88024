import { describe, expect, it } from "vitest";
import { isCredentialHeader, isCredentialProtocol } from "../../src/credentials.ts";
import { renderClientResponseHeaders, renderUpstreamHeaders } from "../../src/forwarded-headers.ts";
import { resolveClientHeaderRules } from "../../src/gateway-header-policy.ts";
import { providers } from "../../src/index.ts";

const defaults = resolveClientHeaderRules({ allowed: [], denied: [] });
const unnamed = { name: undefined, metadata: undefined };

describe("isCredentialHeader", () => {
  it.each([
    "authorization",
    "proxy-authorization",
    "cookie",
    "cf-aig-authorization",
    "x-api-key",
    "api-key",
    "x-goog-api-key",
    "xi-api-key",
    "x-auth-token",
    "x-session-id",
    "x-client-secret",
  ])("%s is a credential", (name) => {
    expect(isCredentialHeader(name)).toBe(true);
  });

  it.each(["content-type", "anthropic-version", "openai-beta", "x-goog-api-client", "x-stainless-lang", "accept"])(
    "%s is not",
    (name) => {
      expect(isCredentialHeader(name)).toBe(false);
    },
  );
});

describe("isCredentialProtocol", () => {
  it.each([
    ["proxy-auth.tok", true],
    ["cf-aig-authorization.tok", true],
    ["openai-insecure-api-key.sk-1", true],
    ["openai-beta.realtime-v1", false],
    ["realtime", false],
    ["ai-proxy", false],
  ])("%s -> %s", (protocol, expected) => {
    expect(isCredentialProtocol(protocol)).toBe(expected);
  });
});

describe("renderUpstreamHeaders", () => {
  it("drops hop-by-hop, client-address and websocket headers, and adds the provider key", () => {
    const incoming = new Headers({
      accept: "text/event-stream",
      connection: "keep-alive",
      host: "proxy.example",
      "x-forwarded-for": "203.0.113.1",
      "sec-websocket-key": "abc",
      "anthropic-version": "2024-01-01",
      "x-api-key": "client",
    });
    const headers = renderUpstreamHeaders({
      incoming,
      provider: providers.anthropic,
      providerKey: "sk-ant",
      gatewayToken: "cf-token",
      rules: defaults,
      client: unnamed,
    });
    expect(Object.fromEntries(headers)).toEqual({
      accept: "text/event-stream",
      "anthropic-version": "2024-01-01",
      "x-api-key": "sk-ant",
      "cf-aig-authorization": "Bearer cf-token",
    });
  });
});

describe("renderUpstreamHeaders with the client-header policy", () => {
  const render = (incoming: Record<string, string>, options: { allowed?: string[]; denied?: string[]; client?: { name: string | undefined; metadata: string | undefined } } = {}) =>
    Object.fromEntries(renderUpstreamHeaders({
      incoming: new Headers(incoming),
      provider: providers.openai,
      providerKey: "sk-openai",
      gatewayToken: "cf-token",
      rules: resolveClientHeaderRules({ allowed: options.allowed ?? [], denied: options.denied ?? [] }),
      client: options.client ?? unnamed,
    }));
  const base = { authorization: "Bearer sk-openai", "cf-aig-authorization": "Bearer cf-token" };

  it("forwards by default only what affects the client's own request, in the privacy-preserving direction", () => {
    const headers = render({
      "cf-aig-skip-cache": "TRUE",
      "cf-aig-collect-log-payload": "false",
      "cf-aig-zdr": "true",
      "cf-aig-request-timeout": "5000",
      "cf-aig-event-id": "evt-1",
      "cf-aig-cache-key": "someone-elses-key",
      "cf-aig-cache-ttl": "2592000",
      "cf-aig-collect-log": "false",
      "cf-aig-metadata": '{"client":"forged"}',
      "cf-aig-max-attempts": "5",
      "cf-aig-retry-delay": "0",
      "cf-aig-backoff": "constant",
      "cf-aig-custom-cost": '{"total_cost":0}',
      "cf-aig-byok-alias": "other-team",
      "cf-aig-not-yet-invented": "x",
      "openai-organization": "org-other",
      "openai-project": "proj-other",
      "x-goog-user-project": "other-project",
      "x-hf-bill-to": "other-org",
      "cf-skip-cache": "true",
      "openai-beta": "assistants=v2",
    });
    expect(headers).toEqual({
      "cf-aig-skip-cache": "true",
      "cf-aig-collect-log-payload": "false",
      "cf-aig-zdr": "true",
      "cf-aig-request-timeout": "5000",
      "cf-aig-event-id": "evt-1",
      "openai-beta": "assistants=v2",
      ...base,
    });
  });

  it.each([
    ["cf-aig-skip-cache", "false"],
    ["cf-aig-collect-log-payload", "true"],
    ["cf-aig-zdr", "false"],
  ])("drops %s: %s, the direction that is not the client's alone to choose", (name, value) => {
    expect(render({ [name]: value })).toEqual(base);
  });

  it("forwards what the operator allows with any value, and drops what it denies", () => {
    const headers = render(
      { "cf-aig-cache-key": "k", "openai-project": "proj", "cf-aig-collect-log-payload": "true", "cf-aig-skip-cache": "true" },
      { allowed: ["cf-aig-cache-key", "openai-project", "cf-aig-collect-log-payload"], denied: ["cf-aig-skip-cache"] },
    );
    expect(headers).toEqual({ "cf-aig-cache-key": "k", "openai-project": "proj", "cf-aig-collect-log-payload": "true", ...base });
  });

  it("sets cf-aig-metadata itself for a named client, over any the client sent", () => {
    const client = { name: "mobile-app", metadata: '{"client":"mobile-app"}' };
    expect(render({ "cf-aig-metadata": '{"client":"forged"}' }, { client })).toEqual({ "cf-aig-metadata": '{"client":"mobile-app"}', ...base });
  });

  it("merges client metadata under the Worker's when the operator allows it", () => {
    const client = { name: "web", metadata: '{"client":"web"}' };
    const headers = render({ "cf-aig-metadata": '{"client":"forged","user":"u-1","test":true}' }, { client, allowed: ["cf-aig-metadata"] });
    expect(JSON.parse(headers["cf-aig-metadata"] ?? "")).toEqual({ client: "web", user: "u-1", test: true });
  });
});

describe("renderClientResponseHeaders", () => {
  it("keeps gateway and provider headers, drops cookies and hop-by-hop headers", () => {
    const upstream = new Headers({
      "content-type": "application/json",
      "cf-aig-log-id": "log",
      "x-ratelimit-remaining-requests": "9",
      "set-cookie": "gw=1",
      connection: "close",
    });
    expect(Object.fromEntries(renderClientResponseHeaders(upstream))).toEqual({
      "content-type": "application/json",
      "cf-aig-log-id": "log",
      "x-ratelimit-remaining-requests": "9",
    });
  });
});
