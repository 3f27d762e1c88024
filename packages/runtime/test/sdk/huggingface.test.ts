import { InferenceClient } from "@huggingface/inference";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { providers } from "../../src/providers.ts";
import type { RecordedHttpRequest } from "../../src/testing/http-stand-in-gateway.ts";
import { expectGatewayCredentials, gatewayCalls, observeOneByOne } from "./expectations.ts";
import { gatedStream, SSE_HEADERS, sse } from "./gated-stream.ts";
import type { SdkTarget } from "./sdk-target.ts";
import { startSdkTarget } from "./sdk-target.ts";

const MODEL = "meta-llama/Llama-3.1-8B-Instruct";
const chatCompletion = {
  id: "chatcmpl-hf",
  object: "chat.completion",
  created: 0,
  model: MODEL,
  choices: [{ index: 0, message: { role: "assistant", content: "Hello from the stand-in" }, finish_reason: "stop" }],
};

function answer(request: RecordedHttpRequest) {
  const path = request.url.split("/huggingface/")[1]?.split("?")[0] ?? "";
  const json = (body: unknown) => ({ body: JSON.stringify(body) });
  if (path.endsWith("/v1/chat/completions")) return json(chatCompletion);
  if (path.endsWith("/v1/completions")) return json({ choices: [{ index: 0, text: " world", finish_reason: "stop" }] });
  if (path === "gpt2" || path === "sentence-transformers/all-MiniLM-L6-v2") return json([0.1, 0.2]);
  return { status: 404, body: JSON.stringify({ error: path }) };
}

describe("@huggingface/inference (custom endpoint, default settings) through the huggingface Worker", () => {
  let target: SdkTarget;

  beforeAll(async () => {
    target = await startSdkTarget("huggingface");
  });
  afterAll(() => target?.close());
  beforeEach(() => {
    target.reset();
    target.respondWith(answer);
  });

  it("chats with an :org/:model endpoint (the SDK appends /v1/chat/completions), real key upstream", async () => {
    const client = new InferenceClient(target.clientToken, { endpointUrl: `${target.baseUrl}/${MODEL}` });
    const result = await client.chatCompletion({ messages: [{ role: "user", content: "Hi" }], max_tokens: 16 });
    expect(result.choices[0]?.message.content).toBe("Hello from the stand-in");
    expect(gatewayCalls(target)).toEqual([`POST huggingface/${MODEL}/v1/chat/completions`]);
    expectGatewayCredentials(target, providers.huggingface, target.requests[0]);
  });

  it("streams a chat completion chunk by chunk", async () => {
    const chunk = (content: string) => ({ id: "c", object: "chat.completion.chunk", created: 0, model: MODEL, choices: [{ index: 0, delta: { content } }] });
    const gate = gatedStream(sse([chunk("one"), chunk("two"), chunk("three"), "[DONE]"]));
    target.respondWith(() => ({ headers: SSE_HEADERS, body: gate.body }));
    const client = new InferenceClient(target.clientToken, { endpointUrl: `${target.baseUrl}/${MODEL}` });
    const items: { choices: { delta: { content?: string } }[] }[] = [];
    const stream = client.chatCompletionStream({ messages: [{ role: "user", content: "Hi" }], max_tokens: 16 });
    expect(await observeOneByOne(stream, gate, items)).toEqual([1, 2, 3]);
    expect(items.map((item) => item.choices[0]?.delta.content)).toEqual(["one", "two", "three"]);
    expectGatewayCredentials(target, providers.huggingface, target.requests[0]);
  });

  it("runs the gateway docs' example (HfInferenceEndpoint on .../huggingface/gpt2) and other tasks on the endpoint", async () => {
    const gpt2 = new InferenceClient(target.clientToken).endpoint(`${target.baseUrl}/gpt2`);
    expect((await gpt2.textGeneration({ inputs: "Hello" })).generated_text).toBe(" world");
    expect(await gpt2.featureExtraction({ inputs: "Hello" })).toEqual([0.1, 0.2]);
    const minilm = new InferenceClient(target.clientToken, { endpointUrl: `${target.baseUrl}/sentence-transformers/all-MiniLM-L6-v2` });
    expect(await minilm.featureExtraction({ inputs: "Hello" })).toEqual([0.1, 0.2]);
    expect(gatewayCalls(target)).toEqual([
      "POST huggingface/gpt2/v1/completions",
      "POST huggingface/gpt2",
      "POST huggingface/sentence-transformers/all-MiniLM-L6-v2",
    ]);
    for (const request of target.requests) expectGatewayCredentials(target, providers.huggingface, request);
  });
});
