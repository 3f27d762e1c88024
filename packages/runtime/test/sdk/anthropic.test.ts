import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { providers } from "../../src/providers.ts";
import type { RecordedHttpRequest } from "../../src/testing/http-stand-in-gateway.ts";
import { expectGatewayCredentials, gatewayCalls, observeOneByOne } from "./expectations.ts";
import { gatedStream, SSE_HEADERS, sse } from "./gated-stream.ts";
import type { SdkTarget } from "./sdk-target.ts";
import { startSdkTarget } from "./sdk-target.ts";

const usage = { input_tokens: 3, output_tokens: 2 };
const message = {
  id: "msg_1",
  type: "message",
  role: "assistant",
  model: "claude-stand-in",
  content: [{ type: "text", text: "Hello from the stand-in" }],
  stop_reason: "end_turn",
  stop_sequence: null,
  usage,
};
const model = { type: "model", id: "claude-stand-in", display_name: "Claude stand-in", created_at: "2026-01-01T00:00:00Z" };

function answer(request: RecordedHttpRequest) {
  const path = request.url.split("/anthropic/")[1]?.split("?")[0] ?? "";
  const json = (body: object) => ({ body: JSON.stringify(body) });
  if (path === "v1/messages") return json(message);
  if (path === "v1/messages/count_tokens") return json({ input_tokens: 7 });
  if (path === "v1/models") return json({ data: [model], has_more: false, first_id: model.id, last_id: model.id });
  if (path === "v1/models/claude-stand-in") return json(model);
  return { status: 404, body: JSON.stringify({ type: "error", error: { type: "not_found_error", message: path } }) };
}

describe("the @anthropic-ai/sdk SDK (default settings) through the anthropic Worker", () => {
  let target: SdkTarget;
  let client: Anthropic;

  beforeAll(async () => {
    target = await startSdkTarget("anthropic");
    client = new Anthropic({ baseURL: target.baseUrl, apiKey: target.clientToken });
  });
  afterAll(() => target?.close());
  beforeEach(() => {
    target.reset();
    target.respondWith(answer);
  });

  it("creates a message with the real x-api-key and the SDK's anthropic-version upstream, never the client token", async () => {
    const result = await client.messages.create({ model: "claude-stand-in", max_tokens: 64, messages: [{ role: "user", content: "Hi" }] });
    expect(result.content[0]).toEqual({ type: "text", text: "Hello from the stand-in" });
    expect(gatewayCalls(target)).toEqual(["POST anthropic/v1/messages"]);
    // The SDK's own version wins over the Worker's default (2023-06-01, for clients that send none).
    expect(target.requests[0]?.headers["anthropic-version"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expectGatewayCredentials(target, providers.anthropic, target.requests[0]);
  });

  it("streams a message's events one by one", async () => {
    const events = [
      { type: "message_start", message: { ...message, content: [], stop_reason: null } },
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hel" } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "lo" } },
      { type: "content_block_stop", index: 0 },
      { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage },
      { type: "message_stop" },
    ];
    const gate = gatedStream(sse(events, (event) => (event as { type: string }).type));
    target.respondWith(() => ({ headers: SSE_HEADERS, body: gate.body }));
    const stream = await client.messages.create({
      model: "claude-stand-in",
      max_tokens: 64,
      messages: [{ role: "user", content: "Hi" }],
      stream: true,
    });
    const items: { type: string }[] = [];
    expect(await observeOneByOne(stream, gate, items)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(items.map((item) => item.type)).toEqual(events.map((event) => event.type));
    expectGatewayCredentials(target, providers.anthropic, target.requests[0]);
  });

  it("counts tokens, lists and retrieves models", async () => {
    expect((await client.messages.countTokens({ model: "claude-stand-in", messages: [{ role: "user", content: "Hi" }] })).input_tokens).toBe(7);
    const models = [];
    for await (const entry of client.models.list()) models.push(entry.id);
    expect(models).toEqual(["claude-stand-in"]);
    expect((await client.models.retrieve("claude-stand-in")).display_name).toBe("Claude stand-in");
    expect(gatewayCalls(target)).toEqual([
      "POST anthropic/v1/messages/count_tokens",
      "GET anthropic/v1/models",
      "GET anthropic/v1/models/claude-stand-in",
    ]);
    for (const request of target.requests) expectGatewayCredentials(target, providers.anthropic, request);
  });

  it("reaches beta messages and gets 404 for batches and files", async () => {
    await client.beta.messages.create({ model: "claude-stand-in", max_tokens: 8, messages: [{ role: "user", content: "Hi" }] });
    expect(gatewayCalls(target).map((call) => call.split("?")[0])).toEqual(["POST anthropic/v1/messages"]);
    target.reset();
    await expect(client.messages.batches.list()).rejects.toMatchObject({ status: 404 });
    await expect(client.beta.files.list()).rejects.toMatchObject({ status: 404 });
    expect(target.requests).toEqual([]);
  });
});
