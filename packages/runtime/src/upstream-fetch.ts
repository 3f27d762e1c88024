import { badGateway, gatewayTimeout } from "./json-responses.ts";

export interface UpstreamFetch {
  readonly url: string;
  readonly init: RequestInit;
  /**
   * Time allowed until the gateway's response headers arrive; a streamed body may run longer.
   * `undefined`: no limit of the Worker's own (the client's timeout applies, see create-proxy-worker.ts).
   */
  readonly timeoutMs: number | undefined;
}

/**
 * Calls the gateway. Resolves to the gateway's response, or to a 504 when no response headers came
 * within the timeout, or a 502 when the gateway could not be reached at all.
 */
export async function fetchUpstream(call: UpstreamFetch): Promise<Response> {
  // The runtime's own timeout signal: no JavaScript timer or AbortController per request, and the
  // fetch is cancelled (its connection closed) when it fires. Once the headers have arrived, the
  // signal no longer affects the response, so a long stream is not cut. Without a timeout, no
  // signal at all: the fetch costs no timer.
  const signal = call.timeoutMs === undefined ? undefined : AbortSignal.timeout(call.timeoutMs);
  try {
    return await fetch(call.url, signal === undefined ? call.init : { ...call.init, signal });
  } catch {
    return signal?.aborted ? gatewayTimeout() : badGateway();
  }
}
