import { isCredentialProtocol, parseWebSocketProtocols, PROXY_WEBSOCKET_PROTOCOL } from "./credentials.ts";
import { renderClientResponseHeaders } from "./forwarded-headers.ts";
import { fetchUpstream } from "./upstream-fetch.ts";

export interface WebSocketRelay {
  readonly request: Request;
  readonly upstreamUrl: string;
  readonly upstreamHeaders: Headers;
  readonly timeoutMs: number | undefined;
}

/**
 * Opens a WebSocket to the gateway and relays messages and close codes both ways. Token-carrying
 * `Sec-WebSocket-Protocol` entries go nowhere: not upstream, and never echoed to the client.
 */
export async function relayWebSocket(relay: WebSocketRelay): Promise<Response> {
  const offered = parseWebSocketProtocols(relay.request.headers.get("sec-websocket-protocol")).filter(
    (protocol) => !isCredentialProtocol(protocol),
  );
  const headers = relay.upstreamHeaders;
  headers.set("upgrade", "websocket");
  const forUpstream = offered.filter((protocol) => protocol !== PROXY_WEBSOCKET_PROTOCOL);
  if (forUpstream.length > 0) headers.set("sec-websocket-protocol", forUpstream.join(", "));

  const response = await fetchUpstream({ url: relay.upstreamUrl, init: { headers }, timeoutMs: relay.timeoutMs });
  const upstream = response.webSocket;
  if (upstream === null) {
    return new Response(response.body, {
      status: response.status,
      headers: renderClientResponseHeaders(response.headers),
    });
  }
  const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
  bridgeWebSockets(server, upstream);

  const chosen = chooseProtocol(offered, response.headers.get("sec-websocket-protocol"));
  return new Response(null, {
    status: 101,
    webSocket: client,
    headers: chosen === undefined ? {} : { "sec-websocket-protocol": chosen },
  });
}

function chooseProtocol(offered: readonly string[], upstreamChoice: string | null): string | undefined {
  if (upstreamChoice !== null && offered.includes(upstreamChoice)) return upstreamChoice;
  if (offered.includes(PROXY_WEBSOCKET_PROTOCOL)) return PROXY_WEBSOCKET_PROTOCOL;
  return offered[0];
}

/**
 * Accepts two not yet accepted WebSockets and joins them: every message goes to the other side as
 * the same kind of frame (text as text, binary as binary), a close goes on with its code and reason,
 * and an error or a failed send on either side closes both.
 */
export function bridgeWebSockets(left: WebSocket, right: WebSocket): void {
  // From compatibility date 2026-03-17 (`websocket_standard_binary_type`) binary messages arrive as
  // Blobs, which send() would turn into the text "[object Blob]". Set before accept(), "arraybuffer"
  // covers every message, whatever the Worker's date; send() writes an ArrayBuffer as a binary frame.
  left.binaryType = "arraybuffer";
  right.binaryType = "arraybuffer";
  pipe(left, right);
  pipe(right, left);
  left.accept();
  right.accept();
}

function pipe(from: WebSocket, to: WebSocket): void {
  from.addEventListener("message", (event) => {
    try {
      to.send(event.data as string | ArrayBuffer);
    } catch {
      fail(from, to);
    }
  });
  from.addEventListener("close", (event) => closeQuietly(to, event.code, event.reason));
  from.addEventListener("error", () => fail(from, to));
}

function fail(...sockets: WebSocket[]): void {
  for (const socket of sockets) closeQuietly(socket, 1011, "relay failed");
}

function closeQuietly(socket: WebSocket, code: number, reason: string): void {
  try {
    // 1005 means the peer's close frame had no status: pass that on as a close frame without one.
    if (code === 1005) socket.close();
    else socket.close(sendableCloseCode(code), reason);
  } catch {
    // Already closing or closed: nothing left to relay.
  }
}

// 1006 (abnormal) and 1015 (TLS) are reported by the runtime and cannot be sent.
function sendableCloseCode(code: number): number {
  if (code === 1006 || code === 1015 || code < 1000 || code > 4999) return 1011;
  return code;
}
