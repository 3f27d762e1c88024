import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { providers } from "../../src/index.ts";
import { fixtureSecretsFor, seedGatewaySecrets, seedSecret, useStandInGateway } from "../../src/testing/index.ts";

const provider = providers.openai;
const secrets = fixtureSecretsFor(provider);
const WAIT = { timeout: 10_000, interval: 5 };

type Frame = { readonly kind: "text"; readonly text: string } | { readonly kind: "binary"; readonly bytes: Uint8Array };

/** Collects what a socket receives, as the kind of frame the sender chose. */
function record(socket: WebSocket) {
  const frames: Frame[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.addEventListener("close", (event) => resolve({ code: event.code, reason: event.reason }));
  });
  socket.binaryType = "arraybuffer";
  socket.addEventListener("message", (event) => {
    frames.push(
      typeof event.data === "string"
        ? { kind: "text", text: event.data }
        : { kind: "binary", bytes: new Uint8Array(event.data as ArrayBuffer) },
    );
  });
  return { frames, closed };
}

/** The gateway's end of the realtime socket, under the test's control. */
function useUpstreamSocket() {
  const gateway = useStandInGateway();
  const upstream = { socket: undefined as WebSocket | undefined, frames: [] as Frame[], closed: undefined as Promise<{ code: number; reason: string }> | undefined };
  const arm = () =>
    gateway.respondWith(() => {
      const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
      const recorded = record(server);
      server.accept();
      Object.assign(upstream, { socket: server, frames: recorded.frames, closed: recorded.closed });
      return new Response(null, { status: 101, webSocket: client });
    });
  return { gateway, upstream, arm };
}

async function connect() {
  const response = await exports.default.fetch("https://openai.proxy.test/?model=stand-in-realtime", {
    headers: { upgrade: "websocket", authorization: `Bearer ${secrets.clientTokens[0]}` },
  });
  expect(response.status).toBe(101);
  const socket = response.webSocket as WebSocket;
  const recorded = record(socket);
  socket.accept();
  return { socket, ...recorded };
}

function bytesOf(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let index = 0; index < size; index += 1) bytes[index] = (index * 31 + seed) & 0xff;
  return bytes;
}

describe("WebSocket frames through the proxy", () => {
  const { upstream, arm } = useUpstreamSocket();
  beforeAll(async () => {
    await seedGatewaySecrets(env, secrets);
    await seedSecret(env, provider.keyBinding, secrets.providerKey);
  });

  it("keeps a binary frame binary, client to gateway and gateway to client", async () => {
    arm();
    const client = await connect();
    const sent = bytesOf(4096, 7);
    client.socket.send(sent);
    await vi.waitFor(() => expect(upstream.frames).toHaveLength(1), WAIT);
    expect(upstream.frames[0]).toEqual({ kind: "binary", bytes: sent });

    const back = bytesOf(1000, 3);
    upstream.socket?.send(back);
    await vi.waitFor(() => expect(client.frames).toHaveLength(1), WAIT);
    expect(client.frames[0]).toEqual({ kind: "binary", bytes: back });
  });
});
