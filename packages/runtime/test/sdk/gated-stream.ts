/**
 * A streamed body the stand-in gateway writes one chunk at a time, each after a short delay and only
 * once the test has seen the previous one arrive through the SDK (`release()`). A proxy that buffered
 * the answer would hold chunk 1 back, the test could not release chunk 2, and `forced` would show
 * the stand-in giving up waiting: so chunks observed one by one prove streaming without timing
 * assertions.
 */
export interface GatedStream {
  readonly body: AsyncIterable<string | Uint8Array>;
  /** Chunks written so far. */
  readonly sent: () => number;
  /** Lets the next chunk go: call it after the SDK delivered the previous one. */
  release(): void;
  /** Indexes of chunks written because nobody released them in time. */
  readonly forced: number[];
}

const DELAY_MS = 25;
const GIVE_UP_MS = 5_000;

export function gatedStream(chunks: readonly (string | Uint8Array)[]): GatedStream {
  let sent = 0;
  const forced: number[] = [];
  let releaseNext: (() => void) | undefined;
  let released = 0;

  function waitForRelease(index: number): Promise<void> {
    if (released >= index) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        forced.push(index);
        resolve();
      }, GIVE_UP_MS);
      releaseNext = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async function* body(): AsyncGenerator<string | Uint8Array> {
    for (const [index, chunk] of chunks.entries()) {
      if (index > 0) await waitForRelease(index);
      await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
      sent += 1;
      yield chunk;
    }
  }

  return {
    body: body(),
    sent: () => sent,
    release() {
      released += 1;
      const next = releaseNext;
      releaseNext = undefined;
      next?.();
    },
    forced,
  };
}

/** Server-sent events, one string per event. */
export function sse(events: readonly (object | string)[], name?: (event: object) => string): string[] {
  return events.map((event) => {
    if (typeof event === "string") return `data: ${event}\n\n`;
    const prefix = name === undefined ? "" : `event: ${name(event)}\n`;
    return `${prefix}data: ${JSON.stringify(event)}\n\n`;
  });
}

export const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache" } as const;
