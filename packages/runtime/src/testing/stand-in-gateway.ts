import { afterEach, beforeEach, vi } from "vitest";

export interface RecordedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A text message (`data`), a binary message (`bytes`), or the close frame. */
export type RecordedWebSocketEvent =
  | { readonly type: "message"; readonly data: string }
  | { readonly type: "binary"; readonly bytes: Uint8Array }
  | { readonly type: "close"; readonly data: string; readonly code: number };

export type StandInHandler = (request: Request) => Response | Promise<Response>;

export interface StandInGateway {
  /** Every request that left the Worker, in order. */
  readonly requests: RecordedRequest[];
  /** What the stand-in's WebSocket end received: messages and the close frame. */
  readonly webSocketEvents: RecordedWebSocketEvent[];
  /** Replaces the default answer (200 JSON with `cf-aig-*` headers) for the rest of the test. */
  respondWith(handler: StandInHandler): void;
}

export const STAND_IN_RESPONSE_HEADERS = {
  "content-type": "application/json",
  "cf-aig-cache-status": "MISS",
  "cf-aig-log-id": "01JSTANDIN0000000000000000",
  "cf-aig-step": "0",
  "x-request-id": "req_stand_in",
} as const;

/**
 * Stands in for AI Gateway inside the Workers runtime: the test and the Worker under test share an
 * isolate, so replacing the global `fetch` catches every request the Worker sends upstream. The
 * stand-in records each request and answers like the gateway: JSON, or a WebSocket that echoes
 * text as `echo:<message>` and binary messages unchanged, and closes with 4002 on `close-me`.
 */
export function useStandInGateway(): StandInGateway {
  const gateway = {
    requests: [] as RecordedRequest[],
    webSocketEvents: [] as RecordedWebSocketEvent[],
    handler: undefined as StandInHandler | undefined,
    respondWith(handler: StandInHandler) {
      gateway.handler = handler;
    },
  };
  beforeEach(() => {
    gateway.requests.length = 0;
    gateway.webSocketEvents.length = 0;
    gateway.handler = undefined;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      const body = request.body === null ? "" : await request.clone().text();
      gateway.requests.push({
        url: request.url,
        method: request.method,
        headers: Object.fromEntries(request.headers),
        body,
      });
      if (gateway.handler !== undefined) return gateway.handler(request);
      if (request.headers.get("upgrade")?.toLowerCase() === "websocket") {
        return echoWebSocket(gateway.webSocketEvents, request.headers.get("sec-websocket-protocol"));
      }
      return Response.json({ id: "stand-in", ok: true }, { headers: STAND_IN_RESPONSE_HEADERS });
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return gateway;
}

function echoWebSocket(events: RecordedWebSocketEvent[], offered: string | null): Response {
  const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
  server.binaryType = "arraybuffer";
  server.accept();
  server.addEventListener("message", (event) => {
    if (typeof event.data !== "string") {
      events.push({ type: "binary", bytes: new Uint8Array(event.data as ArrayBuffer) });
      server.send(event.data as ArrayBuffer);
      return;
    }
    const data = event.data;
    events.push({ type: "message", data });
    if (data === "close-me") server.close(4002, "upstream done");
    else server.send(`echo:${data}`);
  });
  server.addEventListener("close", (event) => {
    events.push({ type: "close", data: event.reason, code: event.code });
  });
  // Like a real server, pick the first protocol offered, if any.
  const protocol = offered?.split(",")[0]?.trim();
  const headers: Record<string, string> = protocol ? { "sec-websocket-protocol": protocol } : {};
  return new Response(null, { status: 101, webSocket: client, headers });
}
