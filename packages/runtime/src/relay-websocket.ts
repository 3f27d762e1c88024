import { isCredentialProtocol, parseWebSocketProtocols, PROXY_WEBSOCKET_PROTOCOL } from "./credentials.ts";
import { renderClientResponseHeaders } from "./forwarded-headers.ts";
import { fetchUpstream } from "./upstream-fetch.ts";

export interface WebSocketRelay {
  readonly request: Request;
  readonly upstreamUrl: string;
  readonly upstreamHeaders: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

/**
 * Opens a WebSocket to the gateway and relays messages and close codes both ways. Token-carrying
 * `Sec-WebSocket-Protocol` entries go nowhere: not upstream, and never echoed to the client.
 */
export async function relayWebSocket(relay: WebSocketRelay): Promise<Response> {
  const offered = parseWebSocketProtocols(relay.request.headers.get("sec-websocket-protocol")).filter(
    (protocol) => !isCredentialProtocol(protocol),
  );
  const headers: Record<string, string> = { ...relay.upstreamHeaders, upgrade: "websocket" };
  const forUpstream = offered.filter((protocol) => protocol !== PROXY_WEBSOCKET_PROTOCOL);
  if (forUpstream.length > 0) headers["sec-websocket-protocol"] = forUpstream.join(", ");

  const response = await fetchUpstream({ url: relay.upstreamUrl, init: { headers }, timeoutMs: relay.timeoutMs });
  const upstream = response.webSocket;
  if (upstream === null) {
    return new Response(response.body, {
      status: response.status,
      headers: renderClientResponseHeaders(response.headers),
    });
  }
  upstream.accept();
  const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
  server.accept();
  pipe(server, upstream);
  pipe(upstream, server);

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

function pipe(from: WebSocket, to: WebSocket): void {
  from.addEventListener("message", (event) => {
    try {
      to.send(event.data);
    } catch {
      closeQuietly(from, 1011, "relay failed");
    }
  });
  from.addEventListener("close", (event) => closeQuietly(to, event.code, event.reason));
  from.addEventListener("error", () => closeQuietly(to, 1011, "relay failed"));
}

function closeQuietly(socket: WebSocket, code: number, reason: string): void {
  try {
    socket.close(sendableCloseCode(code), reason);
  } catch {
    // Already closing or closed: nothing left to relay.
  }
}

// 1005 (no status) and 1006/1015 (abnormal, TLS) are reported by the runtime and cannot be sent.
function sendableCloseCode(code: number): number {
  if (code === 1005) return 1000;
  if (code === 1006 || code === 1015 || code < 1000 || code > 4999) return 1011;
  return code;
}
