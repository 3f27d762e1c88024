import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { providers } from "../../src/providers.ts";
import type { RecordedHttpRequest } from "../../src/testing/http-stand-in-gateway.ts";
import { expectGatewayCredentials, gatewayCalls, observeOneByOne } from "./expectations.ts";
import { gatedStream, SSE_HEADERS, sse } from "./gated-stream.ts";
import type { SdkTarget } from "./sdk-target.ts";
import { startSdkTarget } from "./sdk-target.ts";

// DeepSeek and Perplexity document the openai SDK as their client, with their own base URL.
const completion = {
  id: "c1",
  object: "chat.completion",
  created: 0,
  model: "stand-in",
  choices: [{ index: 0, message: { role: "assistant", content: "Hello from the stand-in" }, finish_reason: "stop" }],
};

function answer(request: RecordedHttpRequest) {
  const path = request.url.split("?")[0] ?? "";
  const json = (body: object) => ({ body: JSON.stringify(body) });
  if (path.endsWith("/chat/completions")) return json(completion);
  if (path.endsWith("/beta/completions")) return json({ id: "f1", object: "text_completion", created: 0, model: "m", choices: [{ index: 0, text: "}", finish_reason: "stop" }] });
  if (path.endsWith("/models")) return json({ object: "list", data: [{ id: "deepseek-chat", object: "model", owned_by: "deepseek" }] });
  return { status: 404, body: "{}" };
}

describe("the openai SDK with DeepSeek's base URLs, through the deepseek Worker", () => {
  let target: SdkTarget;
  beforeAll(async () => {
    target = await startSdkTarget("deepseek");
  });
  afterAll(() => target?.close());
  beforeEach(() => {
    target.reset();
    target.respondWith(answer);
  });

  it.each(["", "/v1"])("chats and lists models with the base URL <Worker>%s", async (suffix) => {
    const client = new OpenAI({ baseURL: `${target.baseUrl}${suffix}`, apiKey: target.clientToken });
    const result = await client.chat.completions.create({ model: "deepseek-chat", messages: [{ role: "user", content: "Hi" }] });
    expect(result.choices[0]?.message.content).toBe("Hello from the stand-in");
    expect((await client.models.list()).data.map((model) => model.id)).toEqual(["deepseek-chat"]);
    const prefix = suffix === "" ? "deepseek" : "deepseek/v1";
    expect(gatewayCalls(target)).toEqual([`POST ${prefix}/chat/completions`, `GET ${prefix}/models`]);
    for (const request of target.requests) expectGatewayCredentials(target, providers.deepseek, request);
  });

  it("completes in the middle (FIM) with the beta base URL", async () => {
    const client = new OpenAI({ baseURL: `${target.baseUrl}/beta`, apiKey: target.clientToken });
    const result = await client.completions.create({ model: "deepseek-chat", prompt: "function f() {", suffix: "" });
    expect(result.choices[0]?.text).toBe("}");
    expect(gatewayCalls(target)).toEqual(["POST deepseek/beta/completions"]);
  });

  it("gets 404 for the account balance", async () => {
    const client = new OpenAI({ baseURL: target.baseUrl, apiKey: target.clientToken });
    await expect(client.get("/user/balance")).rejects.toMatchObject({ status: 404 });
    expect(target.requests).toEqual([]);
  });
});

describe("the openai SDK with Perplexity's base URL, through the perplexity Worker", () => {
  let target: SdkTarget;
  let client: OpenAI;
  beforeAll(async () => {
    target = await startSdkTarget("perplexity");
    client = new OpenAI({ baseURL: target.baseUrl, apiKey: target.clientToken });
  });
  afterAll(() => target?.close());
  beforeEach(() => {
    target.reset();
    target.respondWith(answer);
  });

  it("chats, and streams chunk by chunk, on the perplexity-ai slug", async () => {
    await client.chat.completions.create({ model: "sonar", messages: [{ role: "user", content: "Hi" }] });
    const chunk = (content: string) => ({ id: "c", object: "chat.completion.chunk", created: 0, model: "sonar", choices: [{ index: 0, delta: { content } }] });
    const gate = gatedStream(sse([chunk("one"), chunk("two"), "[DONE]"]));
    target.respondWith(() => ({ headers: SSE_HEADERS, body: gate.body }));
    const stream = await client.chat.completions.create({ model: "sonar", messages: [{ role: "user", content: "Hi" }], stream: true });
    expect(await observeOneByOne(stream, gate)).toEqual([1, 2]);
    expect(gatewayCalls(target)).toEqual(["POST perplexity-ai/chat/completions", "POST perplexity-ai/chat/completions"]);
    for (const request of target.requests) expectGatewayCredentials(target, providers.perplexity, request);
  });
});
