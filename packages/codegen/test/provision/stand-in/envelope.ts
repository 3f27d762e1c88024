// Cloudflare's v4 envelope: { success, errors, messages, result, result_info }.
import type { ServerResponse } from "node:http";

export interface ApiErrorEntry {
  readonly code: number;
  readonly message: string;
}

export interface ResultInfo {
  readonly page: number;
  readonly per_page: number;
  readonly count: number;
  readonly total_count: number;
  readonly total_pages: number;
}

export function sendResult(res: ServerResponse, result: unknown, resultInfo?: ResultInfo, status = 200): void {
  send(res, status, { success: true, errors: [], messages: [], result, ...(resultInfo ? { result_info: resultInfo } : {}) });
}

export function sendErrors(res: ServerResponse, status: number, errors: readonly ApiErrorEntry[]): void {
  send(res, status, { success: false, errors, messages: [], result: null });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** page/per_page as the API takes them: 1-based pages, per_page clamped to the server's maximum. */
export function paginate<T>(items: readonly T[], query: URLSearchParams, maxPerPage: number): { items: T[]; info: ResultInfo } {
  const page = Math.max(1, Number(query.get("page") ?? 1) || 1);
  const perPage = Math.min(maxPerPage, Math.max(1, Number(query.get("per_page") ?? 20) || 20));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  return {
    items: slice,
    info: { page, per_page: perPage, count: slice.length, total_count: items.length, total_pages: Math.max(1, Math.ceil(items.length / perPage)) },
  };
}
