import { once } from "node:events";
import OpenAI, { toFile } from "openai";
import { OpenAIRealtimeWS } from "openai/realtime/ws";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { providers } from "../../src/providers.ts";
import type { RecordedHttpRequest } from "../../src/testing/http-stand-in-gateway.ts";
import { expectGatewayCredentials, gatewayCalls, observeOneByOne } from "./expectations.ts";
import { gatedStream, SSE_HEADERS, sse } from "./gated-stream.ts";
import type { SdkTarget } from "./sdk-target.ts";
import { startSdkTarget } from "./sdk-target.ts";

const model = { id: "gpt-stand-in", object: "model", created: 0, owned_by: "openai" };
const response = { id: "resp_1", object: "response", created_at: 0, status: "completed", model: "gpt-stand-in", output: [] };
const completion = {
  id: "chatcmpl_1",
  object: "chat.completion",
  created: 0,
  model: "gpt-stand-in",
  choices: [{ index: 0, message: { role: "assistant", content: "Hello from the stand-in" }, finish_reason: "stop" }],
};
const list = (data: object[]) => ({ object: "list", data, first_id: null, last_id: null, has_more: false });

/** Minimal bodies in the shapes the OpenAI API documents, by gateway path. */
function answer(request: RecordedHttpRequest) {
  const path = request.url.split("/openai/")[1]?.split("?")[0] ?? "";
  const json = (body: object) => ({ body: JSON.stringify(body) });
  if (path === "chat/completions") return json(completion);
  if (path === "chat/completions/chatcmpl_1") return json(completion);
  if (path === "chat/completions/chatcmpl_1/messages") return json(list([]));
  if (path === "responses" || path === "responses/resp_1" || path === "responses/resp_1/cancel") return json(response);
  if (path === "responses/resp_1/input_items") return json(list([]));
  if (path === "embeddings") return json({ object: "list", data: [{ object: "embedding", index: 0, embedding: [0.5] }], model: "e", usage: {} });
  if (path === "audio/speech") return { headers: { "content-type": "audio/mpeg" }, body: new Uint8Array([0xff, 0xf3, 1, 2]) };
  if (path === "audio/transcriptions" || path === "audio/translations") return json({ text: "hello" });
  if (path.startsWith("images/")) return json({ created: 0, data: [{ b64_json: "aW1n" }] });
  if (path === "models") return json(list([model]));
  if (path === "models/gpt-stand-in") return json(model);
  return { status: 404, body: JSON.stringify({ error: { message: `stand-in has no answer for ${path}` } }) };
}

describe("the openai SDK (default settings) through the openai Worker", () => {
  let target: SdkTarget;
  let client: OpenAI;

  beforeAll(async () => {
    target = await startSdkTarget("openai");
    client = new OpenAI({ baseURL: target.baseUrl, apiKey: target.clientToken });
  });
  afterAll(() => target?.close());
  beforeEach(() => {
    target.reset();
    target.respondWith(answer);
  });

  it("creates a chat completion with the real key upstream, never the client token", async () => {
    const result = await client.chat.completions.create({ model: "gpt-stand-in", messages: [{ role: "user", content: "Hi" }] });
    expect(result.choices[0]?.message.content).toBe("Hello from the stand-in");
    expect(gatewayCalls(target)).toEqual(["POST openai/chat/completions"]);
    expectGatewayCredentials(target, providers.openai, target.requests[0]);
    expect(JSON.parse(target.requests[0]?.body ?? "{}")).toMatchObject({ model: "gpt-stand-in" });
  });

  it("streams a chat completion chunk by chunk", async () => {
    const chunk = (content: string) => ({ id: "c", object: "chat.completion.chunk", created: 0, model: "m", choices: [{ index: 0, delta: { content } }] });
    const gate = gatedStream(sse([chunk("one"), chunk("two"), chunk("three"), "[DONE]"]));
    target.respondWith(() => ({ headers: SSE_HEADERS, body: gate.body }));
    const stream = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "Hi" }], stream: true });
    const items: { choices: { delta: { content?: string | null } }[] }[] = [];
    expect(await observeOneByOne(stream, gate, items)).toEqual([1, 2, 3]);
    expect(items.map((item) => item.choices[0]?.delta.content)).toEqual(["one", "two", "three"]);
    expectGatewayCredentials(target, providers.openai, target.requests[0]);
  });

  it("streams a response's events one by one", async () => {
    const delta = (text: string, n: number) => ({ type: "response.output_text.delta", item_id: "m", output_index: 0, content_index: 0, delta: text, sequence_number: n });
    const events = [delta("a", 0), delta("b", 1), { type: "response.completed", response, sequence_number: 2 }];
    const gate = gatedStream(sse(events, (event) => (event as { type: string }).type));
    target.respondWith(() => ({ headers: SSE_HEADERS, body: gate.body }));
    const stream = await client.responses.create({ model: "m", input: "Hi", stream: true });
    const items: { type: string }[] = [];
    expect(await observeOneByOne(stream, gate, items)).toEqual([1, 2, 3]);
    expect(items.map((item) => item.type)).toEqual(["response.output_text.delta", "response.output_text.delta", "response.completed"]);
  });

  it("reaches responses and their sub-resources, stored chat completions, embeddings, models", async () => {
    await client.responses.create({ model: "m", input: "Hi" });
    await client.responses.retrieve("resp_1");
    await client.responses.inputItems.list("resp_1");
    await client.responses.cancel("resp_1");
    await client.chat.completions.retrieve("chatcmpl_1");
    await client.chat.completions.messages.list("chatcmpl_1");
    const embedding = await client.embeddings.create({ model: "e", input: "Hi", encoding_format: "float" });
    const models = await client.models.list();
    const retrieved = await client.models.retrieve("gpt-stand-in");
    expect(embedding.data[0]?.embedding).toEqual([0.5]);
    expect(models.data.map((entry) => entry.id)).toEqual(["gpt-stand-in"]);
    expect(retrieved.id).toBe("gpt-stand-in");
    expect(gatewayCalls(target)).toEqual([
      "POST openai/responses",
      "GET openai/responses/resp_1",
      "GET openai/responses/resp_1/input_items",
      "POST openai/responses/resp_1/cancel",
      "GET openai/chat/completions/chatcmpl_1",
      "GET openai/chat/completions/chatcmpl_1/messages",
      "POST openai/embeddings",
      "GET openai/models",
      "GET openai/models/gpt-stand-in",
    ]);
    for (const request of target.requests) expectGatewayCredentials(target, providers.openai, request);
  });

  it("reaches audio and images, with binary answers and multipart uploads intact", async () => {
    const speech = await client.audio.speech.create({ model: "tts", voice: "alloy", input: "Hi" });
    expect(new Uint8Array(await speech.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xf3, 1, 2]));
    const file = await toFile(new Uint8Array([1, 2, 3]), "clip.mp3", { type: "audio/mpeg" });
    expect((await client.audio.transcriptions.create({ model: "whisper-1", file })).text).toBe("hello");
    await client.audio.translations.create({ model: "whisper-1", file });
    await client.images.generate({ model: "gpt-image-1", prompt: "a cat" });
    await client.images.edit({ model: "gpt-image-1", prompt: "a hat", image: await toFile(new Uint8Array([9]), "cat.png") });
    expect(gatewayCalls(target)).toEqual([
      "POST openai/audio/speech",
      "POST openai/audio/transcriptions",
      "POST openai/audio/translations",
      "POST openai/images/generations",
      "POST openai/images/edits",
    ]);
    const upload = target.requests[1];
    expect(upload?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload?.body).toContain('filename="clip.mp3"');
    for (const request of target.requests) expectGatewayCredentials(target, providers.openai, request);
  });

  it("opens a realtime session at <baseURL>/realtime, on the gateway's realtime endpoint, events both ways", async () => {
    const received: string[] = [];
    target.onWebSocket((socket) => {
      socket.send(JSON.stringify({ type: "session.created", event_id: "e1", session: { type: "realtime", id: "sess_1" } }));
      socket.on("message", (data) => {
        received.push(String(data));
        socket.send(JSON.stringify({ type: "response.created", event_id: "e2", response: { id: "resp_rt", object: "realtime.response" } }));
      });
    });
    const realtime = new OpenAIRealtimeWS({ model: "gpt-realtime" }, client);
    expect(realtime.url.href).toBe(`${target.baseUrl.replace("https:", "wss:")}/realtime?model=gpt-realtime`);
    const created = new Promise((resolve) => realtime.on("session.created", resolve));
    await once(realtime.socket, "open");
    expect(await created).toMatchObject({ session: { id: "sess_1" } });
    const answered = new Promise((resolve) => realtime.on("response.created", resolve));
    realtime.send({ type: "response.create", response: { instructions: "Say hi" } });
    expect(await answered).toMatchObject({ response: { id: "resp_rt" } });
    expect(received.map((data) => JSON.parse(data))).toEqual([{ type: "response.create", response: { instructions: "Say hi" } }]);
    realtime.close();

    expect(gatewayCalls(target)).toEqual(["GET openai?model=gpt-realtime"]);
    expect(target.requests[0]?.headers.upgrade).toBe("websocket");
    expectGatewayCredentials(target, providers.openai, target.requests[0]);
  });

  it("forwards an odd query string byte for byte through workerd's HTTP server, minus credential parameters", async () => {
    const query = "?x=%7e&X=%7E&y=a+b&z=%zz&&flag&=v&u=%E2%9C%93&api_key=c1&k%65y=c2&token=c3&after=m_1";
    const result = await fetch(`${target.baseUrl}/models${query}`, { headers: { authorization: `Bearer ${target.clientToken}` } });
    expect(result.status).toBe(200);
    expect(gatewayCalls(target)).toEqual(["GET openai/models?x=%7e&X=%7E&y=a+b&z=%zz&&flag&=v&u=%E2%9C%93&after=m_1"]);
  });

  it("gets 404 for account management, which the Worker does not serve by default", async () => {
    await expect(client.files.list()).rejects.toMatchObject({ status: 404 });
    await expect(client.fineTuning.jobs.list()).rejects.toMatchObject({ status: 404 });
    await expect(client.batches.list()).rejects.toMatchObject({ status: 404 });
    expect(target.requests).toEqual([]);
  });
});
