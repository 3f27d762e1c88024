import { describe, expect, it } from "vitest";
import { answerPreflight, isPreflight, renderCorsResponse, validateOrigins } from "../../src/cors.ts";
import { createPolicyResolver, ProxyConfigError } from "../../src/proxy-policy.ts";

describe("validateOrigins", () => {
  it("accepts origins written as browsers send them", () => {
    expect(validateOrigins(["https://app.example.com", "http://localhost:5173", "https://a.example:8443"], "allowedOrigins")).toEqual([]);
  });

  it.each([
    ["https://app.example.com/", 'write "https://app.example.com"'],
    ["https://App.Example.com", 'write "https://app.example.com"'],
    ["https://app.example.com/chat", 'write "https://app.example.com"'],
    ["https://app.example.com:443", 'write "https://app.example.com"'],
    ["app.example.com", "e.g. https://app.example.com"],
    ["*", "e.g. https://app.example.com"],
    ["chrome-extension://abc", "e.g. https://app.example.com"],
  ])("refuses %j and says what to write", (origin, hint) => {
    const [problem] = validateOrigins(["https://ok.example", origin], "PROXY_ALLOWED_ORIGINS");
    expect(problem).toContain(`PROXY_ALLOWED_ORIGINS[1]: ${JSON.stringify(origin)} is not an origin`);
    expect(problem).toContain(hint);
  });
});

describe("CORS answers", () => {
  const preflight = (headers: Record<string, string>) => new Request("https://proxy.test/chat/completions", { method: "OPTIONS", headers });

  it.each([
    [{ origin: "https://a.example", "access-control-request-method": "POST" }, true],
    [{ origin: "https://a.example" }, false],
    [{ "access-control-request-method": "POST" }, false],
  ])("tells a preflight from other OPTIONS requests: %j", (headers, expected) => {
    expect(isPreflight(preflight(headers))).toBe(expected);
  });

  it("allows an allowed origin the methods and the headers it asked for", () => {
    const request = preflight({
      origin: "https://a.example",
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization, content-type, x-stainless-os",
    });
    const response = answerPreflight(request, "https://a.example");
    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toEqual({
      "access-control-allow-origin": "https://a.example",
      "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE",
      "access-control-allow-headers": "authorization, content-type, x-stainless-os",
      "access-control-max-age": "600",
      vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
    });
  });

  it("gives an unknown origin no CORS headers", () => {
    const response = answerPreflight(preflight({ origin: "https://evil.example", "access-control-request-method": "POST" }), undefined);
    expect(response.status).toBe(204);
    expect([...response.headers.keys()]).toEqual(["vary"]);
  });

  it("does not echo a malformed header list", () => {
    const request = preflight({ origin: "https://a.example", "access-control-request-method": "POST", "access-control-request-headers": "a b, c" });
    expect(answerPreflight(request, "https://a.example").headers.get("access-control-allow-headers")).toBeNull();
  });

  it("exposes every header of an answer with the wildcard, never allowing credentials (which would void it)", () => {
    const answer = Response.json({}, { status: 429, headers: { "retry-after": "7", "x-request-id": "req_1", "cf-aig-log-id": "log" } });
    const response = renderCorsResponse(answer, "https://a.example");
    expect(response.headers.get("access-control-allow-origin")).toBe("https://a.example");
    expect(response.headers.get("access-control-expose-headers")).toBe("*");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    expect(response.headers.get("retry-after")).toBe("7");
    expect(response.headers.get("vary")).toBe("Origin");
  });

  it("edits a copy when the answer's headers are immutable", async () => {
    const immutable = await fetch("data:text/plain,hi");
    const response = renderCorsResponse(immutable, "https://a.example");
    expect(response.headers.get("access-control-allow-origin")).toBe("https://a.example");
    expect(await response.text()).toBe("hi");
  });
});

describe("createPolicyResolver", () => {
  it("combines the options with the Worker's vars", () => {
    const resolve = createPolicyResolver({ allowedOrigins: ["https://a.example"], allowedClientHeaders: ["cf-aig-cache-key"] });
    const policy = resolve({
      PROXY_ALLOWED_ORIGINS: " https://b.example , http://localhost:5173,",
      PROXY_ALLOWED_CLIENT_HEADERS: "OpenAI-Project",
      PROXY_DENIED_CLIENT_HEADERS: "cf-aig-skip-cache",
    });
    expect([...policy.origins]).toEqual(["https://a.example", "https://b.example", "http://localhost:5173"]);
    expect(policy.headers.forwarded.get("cf-aig-cache-key")).toBe(true);
    expect(policy.headers.forwarded.get("openai-project")).toBe(true);
    expect(policy.headers.forwarded.has("cf-aig-skip-cache")).toBe(false);
    expect(policy.headers.clientMetadata).toBe(false);
  });

  it("parses the vars once per value", () => {
    const resolve = createPolicyResolver({});
    const vars = { PROXY_ALLOWED_ORIGINS: "https://a.example" };
    expect(resolve(vars)).toBe(resolve({ ...vars }));
    expect(resolve({})).not.toBe(resolve(vars));
  });

  it("refuses bad options when the Worker is created, listing every problem", () => {
    const create = () =>
      createPolicyResolver({
        allowedOrigins: ["https://a.example/"],
        allowedClientHeaders: ["cf-aig-authorization" as "cf-aig-cache-key", "cf-aig-cache-key"],
        deniedClientHeaders: ["cf-aig-cache-key"],
      });
    expect(create).toThrow(ProxyConfigError);
    expect(() => create()).toThrow(
      [
        "Invalid proxy Worker configuration:",
        '- allowedOrigins[0]: "https://a.example/" is not an origin (scheme://host[:port], no path or trailing slash); write "https://a.example"',
        '- allowedClientHeaders: "cf-aig-authorization" is not a header the client policy decides on; expected one of cf-aig-skip-cache, cf-aig-collect-log-payload, cf-aig-zdr, cf-aig-request-timeout, cf-aig-event-id, cf-aig-cache-key, cf-aig-cache-ttl, cf-aig-collect-log, cf-aig-metadata, cf-aig-max-attempts, cf-aig-retry-delay, cf-aig-backoff, cf-aig-custom-cost, cf-aig-byok-alias, openai-organization, openai-project, x-goog-user-project, x-hf-bill-to (lower case)',
        "- cf-aig-cache-key is both allowed and denied; keep it in one list",
      ].join("\n"),
    );
  });

  it("refuses bad vars on each request until they are fixed", () => {
    const resolve = createPolicyResolver({});
    expect(() => resolve({ PROXY_ALLOWED_CLIENT_HEADERS: "authorization" })).toThrow(/PROXY_ALLOWED_CLIENT_HEADERS: "authorization" is not a header/);
    expect(() => resolve({ PROXY_ALLOWED_CLIENT_HEADERS: "authorization" })).toThrow(ProxyConfigError);
    expect(resolve({ PROXY_ALLOWED_CLIENT_HEADERS: "cf-aig-metadata" }).headers.clientMetadata).toBe(true);
  });
});
