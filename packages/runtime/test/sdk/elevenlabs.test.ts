import { AudioFormat, ElevenLabsClient, RealtimeEvents } from "@elevenlabs/elevenlabs-js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { providers } from "../../src/providers.ts";
import type { RecordedHttpRequest } from "../../src/testing/http-stand-in-gateway.ts";
import { expectGatewayCredentials, gatewayCalls, observeOneByOne } from "./expectations.ts";
import { gatedStream } from "./gated-stream.ts";
import type { SdkTarget } from "./sdk-target.ts";
import { startSdkTarget } from "./sdk-target.ts";

const VOICE = "21m00Tcm4TlvDq8ikWAM";
const AUDIO = { "content-type": "audio/mpeg" };
const voice = { voice_id: VOICE, name: "Rachel" };

function answer(request: RecordedHttpRequest) {
  const path = request.url.split("/elevenlabs/")[1]?.split("?")[0] ?? "";
  const json = (body: unknown) => ({ body: JSON.stringify(body) });
  if (path === `v1/text-to-speech/${VOICE}`) return { headers: AUDIO, body: new Uint8Array([0x49, 0x44, 0x33, 4]) };
  if (path === `v1/text-to-speech/${VOICE}/with-timestamps`) return json({ audio_base64: "SUQz", alignment: null });
  if (path === "v1/voices") return json({ voices: [voice] });
  if (path === "v2/voices") return json({ voices: [voice], has_more: false, total_count: 1 });
  if (path === `v1/voices/${VOICE}`) return json(voice);
  if (path === "v1/models") return json([{ model_id: "eleven_multilingual_v2" }]);
  return { status: 404, body: JSON.stringify({ detail: path }) };
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<number[]> {
  return [...new Uint8Array(await new Response(stream).arrayBuffer())];
}

describe("@elevenlabs/elevenlabs-js (default settings) through the elevenlabs Worker", () => {
  let target: SdkTarget;
  let client: ElevenLabsClient;

  beforeAll(async () => {
    target = await startSdkTarget("elevenlabs");
    client = new ElevenLabsClient({ apiKey: target.clientToken, baseUrl: target.baseUrl });
  });
  afterAll(() => target?.close());
  beforeEach(() => {
    target.reset();
    target.respondWith(answer);
  });

  it("converts text to speech with the real xi-api-key upstream, never the client token", async () => {
    const audio = await client.textToSpeech.convert(VOICE, { text: "Hello", modelId: "eleven_multilingual_v2" });
    expect(await bytesOf(audio)).toEqual([0x49, 0x44, 0x33, 4]);
    expect(gatewayCalls(target).map((call) => call.split("?")[0])).toEqual([`POST elevenlabs/v1/text-to-speech/${VOICE}`]);
    expectGatewayCredentials(target, providers.elevenlabs, target.requests[0]);
  });

  it("streams speech chunk by chunk", async () => {
    const chunks = [new Uint8Array([1, 1]), new Uint8Array([2, 2]), new Uint8Array([3, 3])];
    const gate = gatedStream(chunks);
    target.respondWith(() => ({ headers: AUDIO, body: gate.body }));
    const audio = await client.textToSpeech.stream(VOICE, { text: "Hello", modelId: "eleven_multilingual_v2" });
    const items: Uint8Array[] = [];
    expect(await observeOneByOne(audio, gate, items)).toEqual([1, 2, 3]);
    expect(items.map((item) => [...item])).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(gatewayCalls(target).map((call) => call.split("?")[0])).toEqual([`POST elevenlabs/v1/text-to-speech/${VOICE}/stream`]);
    expectGatewayCredentials(target, providers.elevenlabs, target.requests[0]);
  });

  it("reaches with-timestamps, voices (v1 and v2) and models", async () => {
    expect((await client.textToSpeech.convertWithTimestamps(VOICE, { text: "Hello" })).audioBase64).toBe("SUQz");
    expect((await client.voices.getAll()).voices.map((entry) => entry.voiceId)).toEqual([VOICE]);
    expect((await client.voices.search()).totalCount).toBe(1);
    expect((await client.voices.get(VOICE)).name).toBe("Rachel");
    expect((await client.models.list()).map((model) => model.modelId)).toEqual(["eleven_multilingual_v2"]);
    expect(gatewayCalls(target).map((call) => call.split("?")[0])).toEqual([
      `POST elevenlabs/v1/text-to-speech/${VOICE}/with-timestamps`,
      "GET elevenlabs/v1/voices",
      "GET elevenlabs/v2/voices",
      `GET elevenlabs/v1/voices/${VOICE}`,
      "GET elevenlabs/v1/models",
    ]);
    for (const request of target.requests) expectGatewayCredentials(target, providers.elevenlabs, request);
  });

  it("transcribes in realtime (speechToText.realtime) over the Worker's WebSocket relay", async () => {
    const received: Record<string, unknown>[] = [];
    target.onWebSocket((socket) => {
      socket.send(JSON.stringify({ message_type: "session_started", session_id: "s1", config: {} }));
      socket.on("message", (data) => {
        received.push(JSON.parse(String(data)) as Record<string, unknown>);
        socket.send(JSON.stringify({ message_type: "partial_transcript", text: "hel" }));
      });
    });
    const connection = await client.speechToText.realtime.connect({
      modelId: "scribe_v2_realtime",
      audioFormat: AudioFormat.PCM_16000,
      sampleRate: 16000,
    });
    await new Promise((resolve) => connection.on(RealtimeEvents.SESSION_STARTED, resolve));
    const partial = new Promise((resolve) => connection.on(RealtimeEvents.PARTIAL_TRANSCRIPT, resolve));
    connection.send({ audioBase64: "AAAA" });
    expect(await partial).toMatchObject({ text: "hel" });
    connection.close();

    expect(received[0]).toMatchObject({ message_type: "input_audio_chunk", audio_base_64: "AAAA" });
    expect(gatewayCalls(target)).toEqual([
      "GET elevenlabs/v1/speech-to-text/realtime?model_id=scribe_v2_realtime&audio_format=pcm_16000",
    ]);
    expectGatewayCredentials(target, providers.elevenlabs, target.requests[0]);
  });
});
