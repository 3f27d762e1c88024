import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";

export interface RecordedHttpRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What the stand-in answers. A body given as an async iterable is written chunk by chunk, as it is produced. */
export interface StandInReply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array | AsyncIterable<string | Uint8Array>;
}

export interface HttpStandInOptions {
  /** Keep every request in `requests` (default true; the benchmark turns it off). */
  readonly record?: boolean;
  /**
   * Like an authenticated gateway: a request without `cf-aig-authorization: Bearer <gatewayToken>`
   * gets 401 with an `AiGatewayError` body (code 2009) and reaches no handler.
   */
  readonly gatewayToken?: string;
  /** The answer to each HTTP request; by default the same small JSON body every time. */
  readonly respond?: (request: RecordedHttpRequest) => StandInReply | Promise<StandInReply>;
  /** Takes each accepted WebSocket (realtime endpoints); needs the optional `ws` package. */
  readonly onWebSocket?: (socket: WebSocket, request: RecordedHttpRequest) => void;
}

export interface HttpStandInGateway {
  /** `http://127.0.0.1:<port>`; give the Worker `${origin}/v1` as AI_GATEWAY_BASE_URL. */
  readonly origin: string;
  /** Every request received (WebSocket upgrades included), unless started with `record: false`. */
  readonly requests: RecordedHttpRequest[];
  close(): Promise<void>;
}

export const HTTP_STAND_IN_BODY = JSON.stringify({ id: "chatcmpl-stand-in", object: "chat.completion" });

const GATEWAY_HEADERS = { "cf-aig-cache-status": "MISS", "cf-aig-log-id": "01JSTANDINHTTP000000000000" };
const UNAUTHORIZED_BODY = JSON.stringify({ name: "AiGatewayError", success: false, error: [{ code: 2009, message: "Unauthorized" }] });

function record(request: IncomingMessage, body: string): RecordedHttpRequest {
  const { method = "", url = "", headers } = request;
  return { method, url, headers, body };
}

async function writeReply(response: ServerResponse, reply: StandInReply): Promise<void> {
  response.writeHead(reply.status ?? 200, { "content-type": "application/json", ...GATEWAY_HEADERS, ...reply.headers });
  const { body } = reply;
  if (body === undefined || typeof body === "string" || body instanceof Uint8Array) {
    response.end(body);
    return;
  }
  response.flushHeaders();
  for await (const chunk of body) response.write(chunk);
  response.end();
}

/**
 * A stand-in AI Gateway on 127.0.0.1 for tests and benchmarks that run the Worker in a separate
 * process (`wrangler dev`, Miniflare). By default it answers every request with the same small JSON
 * body and `cf-aig-*` headers, like the gateway on a cache miss; `respond` scripts other answers,
 * streamed ones included, and `onWebSocket` plays a realtime endpoint.
 */
export async function startHttpStandInGateway(options: HttpStandInOptions = {}): Promise<HttpStandInGateway> {
  const keep = options.record ?? true;
  const requests: RecordedHttpRequest[] = [];
  const authorized = (headers: IncomingHttpHeaders) =>
    options.gatewayToken === undefined || headers["cf-aig-authorization"] === `Bearer ${options.gatewayToken}`;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const recorded = record(request, Buffer.concat(chunks).toString("utf8"));
      if (keep) requests.push(recorded);
      const reply = !authorized(request.headers)
        ? { status: 401, body: UNAUTHORIZED_BODY }
        : (options.respond?.(recorded) ?? { body: HTTP_STAND_IN_BODY });
      Promise.resolve(reply)
        .then((answer) => writeReply(response, answer))
        .catch(() => response.destroy());
    });
  });
  server.keepAliveTimeout = 60_000;
  if (options.onWebSocket !== undefined) await acceptWebSockets(server, options.onWebSocket, { authorized, keep, requests });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface UpgradeContext {
  readonly authorized: (headers: IncomingHttpHeaders) => boolean;
  readonly keep: boolean;
  readonly requests: RecordedHttpRequest[];
}

async function acceptWebSockets(
  server: ReturnType<typeof createServer>,
  onWebSocket: NonNullable<HttpStandInOptions["onWebSocket"]>,
  context: UpgradeContext,
): Promise<void> {
  // Loaded only here, so the stand-in works without `ws` for HTTP-only tests and the benchmark.
  const { WebSocketServer } = await import("ws");
  // Like a real server, pick the first protocol offered.
  const sockets = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => [...protocols][0] ?? false });
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const recorded = record(request, "");
    if (context.keep) context.requests.push(recorded);
    if (!context.authorized(request.headers)) {
      const head401 = `HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${UNAUTHORIZED_BODY.length}`;
      socket.end(`${head401}\r\nconnection: close\r\n\r\n${UNAUTHORIZED_BODY}`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (websocket) => onWebSocket(websocket, recorded));
  });
  server.once("close", () => sockets.close());
}
