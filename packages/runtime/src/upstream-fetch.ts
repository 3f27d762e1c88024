import { badGateway, gatewayTimeout } from "./json-responses.ts";

export interface UpstreamFetch {
  readonly url: string;
  readonly init: RequestInit;
  /** Time allowed until the gateway's response headers arrive; a streamed body may run longer. */
  readonly timeoutMs: number;
}

/**
 * Calls the gateway. Resolves to the gateway's response, or to a 504 when no response headers came
 * within the timeout, or a 502 when the gateway could not be reached at all.
 */
export async function fetchUpstream(call: UpstreamFetch): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), call.timeoutMs);
  try {
    return await fetch(call.url, { ...call.init, signal: controller.signal });
  } catch {
    return controller.signal.aborted ? gatewayTimeout() : badGateway();
  } finally {
    clearTimeout(timer);
  }
}
