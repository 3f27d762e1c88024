import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SdkTarget, SdkTargetOptions } from "./sdk-target.ts";
import { startSdkTarget } from "./sdk-target.ts";

const TIMEOUT_MS = 300;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The openai Worker for the enclosing `describe`, and a chat completion sent to it. */
function useOpenAiTarget(options: SdkTargetOptions) {
  let target: SdkTarget;
  beforeAll(async () => {
    target = await startSdkTarget("openai", options);
  });
  afterAll(() => target?.close());
  beforeEach(() => target.reset());
  return {
    respondWith: (...args: Parameters<SdkTarget["respondWith"]>) => target.respondWith(...args),
    chat: () =>
      fetch(`${target.baseUrl}/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${target.clientToken}`, "content-type": "application/json" },
        body: "{}",
      }),
  };
}

/**
 * The upstream timeout over real sockets (workerd's HTTP client against the stand-in on 127.0.0.1):
 * it bounds the wait for the gateway's response headers, and never cuts a body that is still
 * streaming, however long the stream runs after the headers came.
 */
describe(`the upstream timeout (${TIMEOUT_MS} ms) through workerd's own HTTP client`, () => {
  const { chat, respondWith } = useOpenAiTarget({ upstreamTimeoutMs: TIMEOUT_MS });

  it("answers 504 when the gateway sends no headers in time", async () => {
    respondWith(async () => {
      await sleep(TIMEOUT_MS * 10);
      return { body: "too late" };
    });
    const started = performance.now();
    const response = await chat();
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({ error: { type: "gateway_timeout" } });
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS * 5);
  });

  it("lets a stream that began in time run past the timeout, every chunk delivered", async () => {
    const chunks = Array.from({ length: 8 }, (_, index) => `data: ${index}\n\n`);
    respondWith(() => ({
      headers: { "content-type": "text/event-stream" },
      body: (async function* () {
        for (const chunk of chunks) {
          yield chunk;
          await sleep(TIMEOUT_MS / 2);
        }
      })(),
    }));
    const started = performance.now();
    const response = await chat();
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(chunks.join(""));
    // The stream ran several timeouts long: the timer, had it still been armed, would have cut it.
    expect(performance.now() - started).toBeGreaterThan(TIMEOUT_MS * 3);
  });
});

/**
 * Without `upstreamTimeoutMs` the Worker sets no limit of its own: a non-streaming answer may take
 * minutes (long reasoning), and the client's own timeout decides.
 */
describe("no upstream timeout by default, through workerd's own HTTP client", () => {
  const { chat, respondWith } = useOpenAiTarget({});

  it("waits for a slow gateway's answer", async () => {
    respondWith(async () => {
      await sleep(TIMEOUT_MS * 4);
      return { body: '{"slow":true}' };
    });
    const response = await chat();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ slow: true });
  });
});
