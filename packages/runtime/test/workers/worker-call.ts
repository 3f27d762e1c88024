import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";

/** Types a test-built Request as the runtime's incoming one (which carries `cf` properties). */
export const incoming = (request: Request) => request as Parameters<NonNullable<ExportedHandler["fetch"]>>[0];

/** Calls a Worker's fetch handler as the runtime would, and waits for its `waitUntil` work. */
export async function callWorker<Env>(worker: ExportedHandler<Env>, request: Request, env: Env): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch?.(incoming(request), env, ctx);
  await waitOnExecutionContext(ctx);
  if (response === undefined) throw new Error("the Worker has no fetch handler");
  return response;
}
