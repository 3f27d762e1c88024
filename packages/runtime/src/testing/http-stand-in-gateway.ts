import type { IncomingHttpHeaders } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedHttpRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface HttpStandInGateway {
  /** `http://127.0.0.1:<port>`; give the Worker `${origin}/v1` as AI_GATEWAY_BASE_URL. */
  readonly origin: string;
  /** Every request received, unless started with `record: false`. */
  readonly requests: RecordedHttpRequest[];
  close(): Promise<void>;
}

export const HTTP_STAND_IN_BODY = JSON.stringify({ id: "chatcmpl-stand-in", object: "chat.completion" });

/**
 * A stand-in AI Gateway on 127.0.0.1 for tests and benchmarks that run the Worker in a separate
 * process (`wrangler dev`, Miniflare). It answers every request with the same small JSON body and
 * `cf-aig-*` headers, like the gateway on a cache miss.
 */
export async function startHttpStandInGateway(options: { record?: boolean } = {}): Promise<HttpStandInGateway> {
  const record = options.record ?? true;
  const requests: RecordedHttpRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (record) {
        const { method = "", url = "", headers } = request;
        requests.push({ method, url, headers, body: Buffer.concat(chunks).toString("utf8") });
      }
      response.writeHead(200, {
        "content-type": "application/json",
        "cf-aig-cache-status": "MISS",
        "cf-aig-log-id": "01JSTANDINHTTP000000000000",
      });
      response.end(HTTP_STAND_IN_BODY);
    });
  });
  server.keepAliveTimeout = 60_000;
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
