import { describe, expect, it, vi } from "vitest";
import { allSecretValues } from "./fixtures.ts";
import type { SuiteContext } from "./suite-context.ts";
import { leakedValues } from "./suite-context.ts";

// Generous, for loaded CI machines: waitFor returns as soon as the expectation holds.
const WAIT = { timeout: 5_000 };

interface OpenedSocket {
  readonly response: Response;
  readonly socket: WebSocket;
  /** Text messages as strings, binary messages as bytes. */
  readonly messages: (string | Uint8Array)[];
  readonly closed: Promise<{ code: number; reason: string }>;
}

export function describeWebSocketRelay(ctx: SuiteContext): void {
  const { provider, secrets } = ctx;
  const realtime = provider.realtime;
  if (realtime === undefined) {
    describe("WebSocket upgrades (the provider has no realtime endpoint)", () => {
      it("answers 404 after authenticating and opens nothing upstream", async () => {
        const response = await ctx.send("?model=stand-in-realtime", { headers: { upgrade: "websocket", ...ctx.bearer() } });
        expect(response.status).toBe(404);
        expect(response.webSocket).toBeNull();
        expect(ctx.gateway.requests).toEqual([]);
      });
    });
    return;
  }
  // The gateway's own shape: the Worker's root stands for the gateway's realtime endpoint.
  const realtimePath = "";
  const keyParam = realtime.keyQueryParam === undefined ? "" : `&${realtime.keyQueryParam}=${secrets.providerKey}`;

  async function open(headers: Record<string, string>): Promise<OpenedSocket> {
    const response = await ctx.send(`${realtimePath}?model=stand-in-realtime`, {
      headers: { upgrade: "websocket", ...headers },
    });
    expect(response.status).toBe(101);
    const socket = response.webSocket as WebSocket;
    socket.binaryType = "arraybuffer";
    socket.accept();
    const messages: (string | Uint8Array)[] = [];
    socket.addEventListener("message", (event) => {
      messages.push(typeof event.data === "string" ? event.data : new Uint8Array(event.data as ArrayBuffer));
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      socket.addEventListener("close", (event) => resolve({ code: event.code, reason: event.reason }));
    });
    return { response, socket, messages, closed };
  }

  describe("WebSocket relay", () => {
    it("refuses an unauthenticated upgrade and opens nothing upstream", async () => {
      const response = await ctx.send(realtimePath, {
        headers: { upgrade: "websocket", "sec-websocket-protocol": "ai-proxy, proxy-auth.wrong-token" },
      });
      expect(response.status).toBe(401);
      expect(response.webSocket).toBeNull();
      expect(ctx.gateway.requests).toEqual([]);
    });

    it("opens the upstream socket with the provider key and relays messages and close codes both ways", async () => {
      const { socket, messages, closed } = await open(ctx.bearer());
      const [upstream] = ctx.gateway.requests;
      expect(upstream?.url).toBe(`${ctx.upstreamUrl("", realtime.slug)}?model=stand-in-realtime${keyParam}`);
      expect(upstream?.headers.upgrade).toBe("websocket");
      expect(upstream?.headers[provider.auth.header]).toBe(`${provider.auth.prefix}${secrets.providerKey}`);
      expect(upstream?.headers["cf-aig-authorization"]).toBe(`Bearer ${secrets.gatewayToken}`);
      expect(leakedValues(JSON.stringify(upstream), [...secrets.clientTokens])).toEqual([]);

      socket.send("hello");
      await vi.waitFor(() => expect(messages).toEqual(["echo:hello"]), WAIT);
      socket.send("close-me");
      expect(await closed).toEqual({ code: 4002, reason: "upstream done" });
      expect(ctx.gateway.webSocketEvents[0]).toEqual({ type: "message", data: "hello" });
    });

    it("relays binary frames as binary and text as text, of several sizes, both ways", async () => {
      const { socket, messages } = await open(ctx.bearer());
      const binary = [1, 1000, 70_000].map((size) => Uint8Array.from({ length: size }, (_, index) => (index * 7 + size) & 0xff));
      const text = ["", "é".repeat(40_000)];
      for (const message of [...binary, ...text]) socket.send(message);
      const sent = binary.length + text.length;
      await vi.waitFor(() => expect(messages).toHaveLength(sent), WAIT);
      // Deep equality over tens of thousands of bytes is slow; a digest of each frame is not.
      expect(messages.map(summarise)).toEqual([...binary.map(summarise), ...text.map((message) => `text:echo:${message}`)]);
      const received = ctx.gateway.webSocketEvents.map((event) => summarise(event.type === "binary" ? event.bytes : event.data));
      expect(received).toEqual([...binary, ...text].map(summarise));
      socket.close(1000, "done");
    });

    it("relays the client's close code upstream", async () => {
      const { socket, messages } = await open(ctx.bearer());
      socket.send("ping");
      await vi.waitFor(() => expect(messages).toEqual(["echo:ping"]), WAIT);
      socket.close(4001, "client done");
      await vi.waitFor(
        () => expect(ctx.gateway.webSocketEvents).toContainEqual({ type: "close", data: "client done", code: 4001 }),
        WAIT,
      );
    });

    it("accepts a browser's proxy-auth protocol entry and never echoes or forwards the token", async () => {
      const token = secrets.clientTokens[1];
      const { response, socket, messages } = await open({ "sec-websocket-protocol": `ai-proxy, proxy-auth.${token}` });
      expect(response.headers.get("sec-websocket-protocol")).toBe("ai-proxy");
      expect(leakedValues(JSON.stringify([...response.headers]), allSecretValues(secrets))).toEqual([]);
      expect(leakedValues(JSON.stringify(ctx.gateway.requests), [token, "proxy-auth"])).toEqual([]);
      socket.send("from-browser");
      await vi.waitFor(() => expect(messages).toEqual(["echo:from-browser"]), WAIT);
      socket.close(1000, "bye");
    });
  });
}

/** `text:<the text>`, or `binary:<length>:<checksum>`: enough to tell kinds, sizes and contents apart. */
function summarise(message: string | Uint8Array): string {
  if (typeof message === "string") return `text:${message}`;
  let sum = 0;
  for (const byte of message) sum = (sum * 31 + byte) >>> 0;
  return `binary:${message.length}:${sum}`;
}
