import { describe, expect, it } from "vitest";
import { isCredentialHeader, isCredentialProtocol } from "../../src/credentials.ts";
import { renderClientResponseHeaders, renderUpstreamHeaders } from "../../src/forwarded-headers.ts";
import { providers } from "../../src/index.ts";

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
    });
    expect(headers).toEqual({
      accept: "text/event-stream",
      "anthropic-version": "2024-01-01",
      "x-api-key": "sk-ant",
      "cf-aig-authorization": "Bearer cf-token",
    });
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
