import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { providers } from "../../src/index.ts";
import { bridgeWebSockets } from "../../src/relay-websocket.ts";
import { fixtureSecretsFor, seedGatewaySecrets, seedSecret, useStandInGateway } from "../../src/testing/index.ts";

const provider = providers.openai;
const secrets = fixtureSecretsFor(provider);
const WAIT = { timeout: 20_000, interval: 5 };

/**
 * Received messages as the kind of frame the sender chose. Comparing a 32 MiB payload with
 * toEqual would print megabytes on failure: large payloads are compared by length and checksum.
 */
type Frame = { readonly kind: "text" | "binary"; readonly size: number; readonly checksum: number };

// The documented limit on a WebSocket message received by a Worker (Workers runtime APIs, WebSockets):
// 32 MiB; the platform closes the socket with 1009 beyond it.
const MESSAGE_LIMIT = 32 * 1024 * 1024;

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let index = 0; index < bytes.length; index += 1) sum = (sum * 31 + (bytes[index] ?? 0)) >>> 0;
  return sum;
}

function frameOf(data: string | ArrayBuffer | Uint8Array): Frame {
  if (typeof data === "string") {
    const bytes = new TextEncoder().encode(data);
    return { kind: "text", size: bytes.length, checksum: checksum(bytes) };
  }
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  return { kind: "binary", size: bytes.length, checksum: checksum(bytes) };
}

interface Recorded {
  readonly frames: Frame[];
  readonly closed: Promise<{ code: number; reason: string }>;
}

/** Records what a socket receives. The test's own sockets read binary as ArrayBuffer, synchronously. */
function record(socket: WebSocket): Recorded {
  const frames: Frame[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.addEventListener("close", (event) => resolve({ code: event.code, reason: event.reason }));
  });
  socket.binaryType = "arraybuffer";
  socket.addEventListener("message", (event) => frames.push(frameOf(event.data as string | ArrayBuffer)));
  return { frames, closed };
}

/**
 * The gateway's end of the realtime socket. It runs in the Worker's request (the test cannot touch
 * it directly), so it is scripted: it echoes every frame unchanged, `close:<code>:<reason>` closes
 * with that code and reason, `close-without-status` closes with no status code.
 */
function useScriptedGateway() {
  const gateway = useStandInGateway();
  let current: Recorded | undefined;
  return {
    arm() {
      gateway.respondWith(() => {
        const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
        current = record(server);
        server.addEventListener("message", (event) => {
          const close = typeof event.data === "string" ? /^close:(\d+):(.*)$/.exec(event.data) : null;
          if (close) server.close(Number(close[1]), close[2]);
          else if (event.data === "close-without-status") server.close();
          else server.send(event.data as string | ArrayBuffer);
        });
        server.accept();
        return new Response(null, { status: 101, webSocket: client });
      });
    },
    get upstream(): Recorded {
      if (current === undefined) throw new Error("no upstream socket was opened");
      return current;
    },
  };
}

async function connect(): Promise<Recorded & { socket: WebSocket }> {
  const response = await exports.default.fetch("https://openai.proxy.test/?model=stand-in-realtime", {
    headers: { upgrade: "websocket", authorization: `Bearer ${secrets.clientTokens[0]}` },
  });
  expect(response.status).toBe(101);
  const socket = response.webSocket as WebSocket;
  const recorded = record(socket);
  socket.accept();
  return { socket, ...recorded };
}

function bytesOf(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let index = 0; index < size; index += 1) bytes[index] = (index * 31 + size) & 0xff;
  return bytes;
}

/** A string of `size` UTF-8 bytes, mostly two-byte characters, so a byte-for-character mix-up shows. */
function textOf(size: number): string {
  return "é".repeat(Math.floor(size / 2)) + (size % 2 === 1 ? "a" : "");
}

describe("WebSocket frames through the proxy", () => {
  const gateway = useScriptedGateway();
  beforeAll(async () => {
    await seedGatewaySecrets(env, secrets);
    await seedSecret(env, provider.keyBinding, secrets.providerKey);
  });

  // Several sizes: empty, tiny, above the old 1 MiB limit, and just under the platform's limit.
  const sizes = [0, 1, 4096, 1024 * 1024 + 1, MESSAGE_LIMIT - 64];

  it.each(sizes)("keeps a binary frame of %i bytes binary and intact, to the gateway and back", async (size) => {
    gateway.arm();
    const client = await connect();
    const sent = frameOf(bytesOf(size));
    client.socket.send(bytesOf(size));
    await vi.waitFor(() => expect(client.frames).toHaveLength(1), WAIT);
    expect(gateway.upstream.frames).toEqual([sent]);
    expect(client.frames).toEqual([sent]);
    client.socket.close(1000, "done");
  }, 60_000);

  it.each(sizes)("keeps a text frame of %i UTF-8 bytes text and intact, to the gateway and back", async (size) => {
    gateway.arm();
    const client = await connect();
    const sent = frameOf(textOf(size));
    client.socket.send(textOf(size));
    await vi.waitFor(() => expect(client.frames).toHaveLength(1), WAIT);
    expect(gateway.upstream.frames).toEqual([sent]);
    expect(client.frames).toEqual([sent]);
    client.socket.close(1000, "done");
  }, 60_000);

  it("keeps the order and kind of interleaved text and binary frames", async () => {
    gateway.arm();
    const client = await connect();
    const messages = ["one", bytesOf(3), "two", bytesOf(70_000), new Uint8Array([0x7b, 0x7d]), "{}"];
    for (const message of messages) client.socket.send(message);
    await vi.waitFor(() => expect(client.frames).toHaveLength(messages.length), WAIT);
    expect(gateway.upstream.frames).toEqual(messages.map(frameOf));
    expect(client.frames).toEqual(messages.map(frameOf));
  });

  it("passes the client's close code and reason to the gateway", async () => {
    gateway.arm();
    const client = await connect();
    client.socket.send("hello");
    await vi.waitFor(() => expect(client.frames).toHaveLength(1), WAIT);
    client.socket.close(4001, "client done");
    expect(await gateway.upstream.closed).toEqual({ code: 4001, reason: "client done" });
  });

  it.each([
    [1000, "normal"],
    [1008, "policy violation"],
    [4002, "upstream done"],
  ])("passes the gateway's close code %i and reason to the client", async (code, reason) => {
    gateway.arm();
    const client = await connect();
    client.socket.send(`close:${code}:${reason}`);
    expect(await client.closed).toEqual({ code, reason });
  });

  it("passes a close without a status code on as one without a status code", async () => {
    gateway.arm();
    const client = await connect();
    client.socket.send("close-without-status");
    expect(await client.closed).toEqual({ code: 1005, reason: "" });
  });
});

describe("bridgeWebSockets", () => {
  /** Two pairs joined in the middle, as the relay joins the client's socket and the gateway's. */
  function bridged() {
    const [clientEnd, clientFacing] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    const [upstreamFacing, gatewayEnd] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    bridgeWebSockets(clientFacing, upstreamFacing);
    const client = record(clientEnd);
    const gateway = record(gatewayEnd);
    clientEnd.accept();
    gatewayEnd.accept();
    return { clientEnd, gatewayEnd, clientFacing, upstreamFacing, client, gateway };
  }

  it("relays binary frames as binary when the runtime delivers Blobs", async () => {
    // The precondition: this runtime's compatibility date turns on websocket_standard_binary_type.
    expect((Object.values(new WebSocketPair())[0] as WebSocket).binaryType).toBe("blob");
    const { clientEnd, gatewayEnd, client, gateway } = bridged();
    clientEnd.send(bytesOf(10));
    gatewayEnd.send(bytesOf(20));
    await vi.waitFor(() => expect([client.frames.length, gateway.frames.length]).toEqual([1, 1]), WAIT);
    expect(gateway.frames).toEqual([frameOf(bytesOf(10))]);
    expect(client.frames).toEqual([frameOf(bytesOf(20))]);
  });

  it("closes both sides when the gateway's side fails", async () => {
    const { upstreamFacing, client } = bridged();
    upstreamFacing.dispatchEvent(new ErrorEvent("error", { message: "connection reset" }));
    expect(await client.closed).toEqual({ code: 1011, reason: "relay failed" });
  });

  it("closes both sides when the client's side fails", async () => {
    const { clientFacing, gateway } = bridged();
    clientFacing.dispatchEvent(new ErrorEvent("error", { message: "connection reset" }));
    expect(await gateway.closed).toEqual({ code: 1011, reason: "relay failed" });
  });
});
