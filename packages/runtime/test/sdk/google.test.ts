import { GoogleGenAI, Modality } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { providers } from "../../src/providers.ts";
import type { RecordedHttpRequest } from "../../src/testing/http-stand-in-gateway.ts";
import { expectGatewayCredentials, gatewayCalls, observeOneByOne } from "./expectations.ts";
import { gatedStream, SSE_HEADERS, sse } from "./gated-stream.ts";
import type { SdkTarget } from "./sdk-target.ts";
import { startSdkTarget } from "./sdk-target.ts";

const reply = (text: string) => ({
  candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason: "STOP", index: 0 }],
  usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 },
});
const model = { name: "models/gemini-stand-in", displayName: "Gemini stand-in", supportedGenerationMethods: ["generateContent"] };

function answer(request: RecordedHttpRequest) {
  const path = request.url.split("/google-ai-studio/")[1]?.split("?")[0] ?? "";
  const json = (body: object) => ({ body: JSON.stringify(body) });
  if (path === "v1/models/gemini-stand-in:generateContent") return json(reply("Hello from the stand-in"));
  if (path === "v1/models/gemini-stand-in:countTokens") return json({ totalTokens: 7 });
  if (path === "v1/models/embedding-stand-in:batchEmbedContents") return json({ embeddings: [{ values: [0.25, 0.5] }] });
  if (path === "v1/models") return json({ models: [model] });
  if (path === "v1/models/gemini-stand-in") return json(model);
  return { status: 404, body: JSON.stringify({ error: { code: 404, message: path, status: "NOT_FOUND" } }) };
}

describe("the @google/genai SDK (default settings: API version v1) through the google-ai-studio Worker", () => {
  let target: SdkTarget;
  let ai: GoogleGenAI;

  beforeAll(async () => {
    target = await startSdkTarget("google-ai-studio");
    ai = new GoogleGenAI({ apiKey: target.clientToken, httpOptions: { baseUrl: target.baseUrl } });
  });
  afterAll(() => target?.close());
  beforeEach(() => {
    target.reset();
    target.respondWith(answer);
  });

  it("generates content on v1 with the real x-goog-api-key upstream, never the client token", async () => {
    const result = await ai.models.generateContent({ model: "gemini-stand-in", contents: "Hi" });
    expect(result.text).toBe("Hello from the stand-in");
    expect(gatewayCalls(target)).toEqual(["POST google-ai-studio/v1/models/gemini-stand-in:generateContent"]);
    expectGatewayCredentials(target, providers["google-ai-studio"], target.requests[0]);
  });

  it("streams generated content (alt=sse) chunk by chunk", async () => {
    const gate = gatedStream(sse([reply("one"), reply("two"), reply("three")]));
    target.respondWith(() => ({ headers: SSE_HEADERS, body: gate.body }));
    const stream = await ai.models.generateContentStream({ model: "gemini-stand-in", contents: "Hi" });
    const items: { text?: string | undefined }[] = [];
    expect(await observeOneByOne(stream, gate, items)).toEqual([1, 2, 3]);
    expect(items.map((item) => item.text)).toEqual(["one", "two", "three"]);
    expect(gatewayCalls(target)).toEqual(["POST google-ai-studio/v1/models/gemini-stand-in:streamGenerateContent?alt=sse"]);
    expectGatewayCredentials(target, providers["google-ai-studio"], target.requests[0]);
  });

  it("counts tokens, embeds, lists and gets models", async () => {
    expect((await ai.models.countTokens({ model: "gemini-stand-in", contents: "Hi" })).totalTokens).toBe(7);
    const embedded = await ai.models.embedContent({ model: "embedding-stand-in", contents: "Hi" });
    expect(embedded.embeddings?.[0]?.values).toEqual([0.25, 0.5]);
    const names = [];
    for await (const entry of await ai.models.list()) names.push(entry.name);
    expect(names).toEqual(["models/gemini-stand-in"]);
    expect((await ai.models.get({ model: "gemini-stand-in" })).displayName).toBe("Gemini stand-in");
    expect(gatewayCalls(target).map((call) => call.split("?")[0])).toEqual([
      "POST google-ai-studio/v1/models/gemini-stand-in:countTokens",
      "POST google-ai-studio/v1/models/embedding-stand-in:batchEmbedContents",
      "GET google-ai-studio/v1/models",
      "GET google-ai-studio/v1/models/gemini-stand-in",
    ]);
    for (const request of target.requests) expectGatewayCredentials(target, providers["google-ai-studio"], request);
  });

  it("opens a live session (token in ?key=) on the gateway's google realtime endpoint, with the real key as api_key", async () => {
    const received: unknown[] = [];
    target.onWebSocket((socket) => {
      socket.on("message", (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>;
        received.push(message);
        if ("setup" in message) socket.send(JSON.stringify({ setupComplete: {} }));
        else socket.send(JSON.stringify({ serverContent: { modelTurn: { parts: [{ text: "live hello" }] }, turnComplete: true } }));
      });
    });
    const messages: { text?: string | undefined }[] = [];
    let turnComplete = () => {};
    const turn = new Promise<void>((resolve) => (turnComplete = resolve));
    const session = await ai.live.connect({
      model: "gemini-live-stand-in",
      config: { responseModalities: [Modality.TEXT] },
      callbacks: {
        onmessage: (message) => {
          messages.push(message);
          if (message.serverContent?.turnComplete) turnComplete();
        },
      },
    });
    session.sendClientContent({ turns: "Hi", turnComplete: true });
    await turn;
    session.close();

    expect(messages.map((message) => message.text).filter(Boolean)).toEqual(["live hello"]);
    expect(received[0]).toEqual({ setup: expect.objectContaining({ model: "models/gemini-live-stand-in" }) });
    const upgrade = target.requests[0];
    expect(gatewayCalls(target)).toEqual([`GET google?api_key=${target.secrets.providerKey}`]);
    expect(upgrade?.headers.upgrade).toBe("websocket");
    expectGatewayCredentials(target, providers["google-ai-studio"], upgrade);
  });
});
