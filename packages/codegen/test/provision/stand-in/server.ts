// A local HTTP stand-in for the Cloudflare API, for driving the official SDK and wrangler in tests:
// CLOUDFLARE_BASE_URL (SDK) and CLOUDFLARE_API_BASE_URL (wrangler) point at `baseURL`.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { sendErrors } from "./envelope.ts";
import { handleSecretsStore } from "./secrets-store-routes.ts";
import { StandInState, type StandInOptions } from "./state.ts";
import { handleWorkers, type MultipartRequest } from "./workers-routes.ts";

export const STAND_IN_TOKEN = "stand-in-token-0123456789";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface InjectedFailure {
  readonly method: string;
  readonly path: RegExp;
  /** Fail the nth matching request (1-based), once. */
  readonly nth: number;
  readonly status: number;
}

export interface StandIn {
  readonly baseURL: string;
  readonly state: StandInState;
  readonly requests: RecordedRequest[];
  /** Requests no route answered: a sign that the stand-in lacks something wrangler or the SDK needs. */
  readonly unhandled: RecordedRequest[];
  injectFailure(failure: InjectedFailure): void;
  close(): Promise<void>;
}

const PREFIX = "/client/v4";

export async function startStandIn(options: Partial<StandInOptions> = {}): Promise<StandIn> {
  const state = new StandInState({
    accountId: "0123456789abcdef0123456789abcdef",
    storeId: "a1b2c3d4e5f60718293a4b5c6d7e8f90",
    token: STAND_IN_TOKEN,
    activationDelayMs: 300,
    maxPerPage: 100,
    quota: 100,
    ...options,
  });
  const requests: RecordedRequest[] = [];
  const unhandled: RecordedRequest[] = [];
  const failures: { failure: InjectedFailure; seen: number }[] = [];

  const server = createServer((incoming, res) => {
    void (async () => {
      const url = new URL(incoming.url ?? "/", "http://stand-in");
      const headers = Object.fromEntries(Object.entries(incoming.headers).map(([key, value]) => [key, String(value)]));
      const recorded = { method: incoming.method ?? "GET", path: url.pathname, query: url.search, headers };
      requests.push(recorded);
      if (!url.pathname.startsWith(PREFIX)) return sendErrors(res, 404, [{ code: 7003, message: "No route for that URI" }]);
      if (headers.authorization !== `Bearer ${state.options.token}`) return sendErrors(res, 401, [{ code: 10000, message: "Authentication error" }]);
      for (const entry of failures) {
        if (entry.failure.method !== recorded.method || !entry.failure.path.test(url.pathname)) continue;
        entry.seen += 1;
        if (entry.seen === entry.failure.nth) return sendErrors(res, entry.failure.status, [{ code: 10001, message: "Internal error (injected by the stand-in)" }]);
      }
      const request = await readRequest(incoming, url);
      if (handleSecretsStore(state, request, res) || handleWorkers(state, request, res)) return;
      unhandled.push(recorded);
      sendErrors(res, 404, [{ code: 7003, message: `No route for that URI: ${recorded.method} ${url.pathname}` }]);
    })().catch((error: unknown) => sendErrors(res, 500, [{ code: 10002, message: `stand-in crashed: ${String(error)}` }]));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseURL: `http://127.0.0.1:${port}${PREFIX}`,
    state,
    requests,
    unhandled,
    injectFailure: (failure) => failures.push({ failure, seen: 0 }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readRequest(incoming: IncomingMessage, url: URL): Promise<MultipartRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = incoming.headers["content-type"] ?? "";
  const base = { method: incoming.method ?? "GET", path: url.pathname.slice(PREFIX.length), query: url.searchParams };
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": type } }).formData();
    const metadata = form.get("metadata");
    const text = typeof metadata === "string" ? metadata : metadata ? await metadata.text() : "{}";
    return { ...base, body: undefined, metadata: JSON.parse(text) };
  }
  return { ...base, body: raw.length > 0 && type.includes("json") ? JSON.parse(raw.toString("utf8")) : undefined };
}
