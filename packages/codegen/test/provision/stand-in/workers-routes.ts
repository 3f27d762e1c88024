// Just enough of the Workers API for `wrangler secret list/delete` and `wrangler deploy` of a plain
// module Worker. Deploy checks that every Secrets Store binding names an active secret (code 10182
// otherwise, as Cloudflare does). Assumption, not documented: a binding in the upload replaces a
// kept per-Worker secret of the same name (`keep_bindings: ["secret_text", ...]` keeps the others).
import type { ServerResponse } from "node:http";
import { sendErrors, sendResult } from "./envelope.ts";
import type { Request } from "./secrets-store-routes.ts";
import type { StandInState, StandInWorker, WorkerBinding } from "./state.ts";

export interface MultipartRequest extends Request {
  /** The parsed `metadata` part of a script upload. */
  readonly metadata?: { bindings?: WorkerBinding[]; keep_bindings?: string[] };
}

const NOT_FOUND = { code: 10007, message: "This Worker does not exist on your account." };

export function handleWorkers(state: StandInState, req: MultipartRequest, res: ServerResponse): boolean {
  const match = /^\/accounts\/([^/]+)\/workers\/(.*)$/.exec(req.path);
  if (!match || match[1] !== state.accountId) return false;
  const rest = match[2]!;
  let m: RegExpExecArray | null;
  if (rest === "subdomain") return sendResult(res, { subdomain: "stand-in" }), true;
  if ((m = /^services\/([^/]+)$/.exec(rest))) {
    const worker = state.workers.get(m[1]!);
    if (!worker) return sendErrors(res, 404, [NOT_FOUND]), true;
    return sendResult(res, { id: worker.name, default_environment: { environment: "production", script: { id: worker.name, etag: "stand-in", handlers: ["fetch"], last_deployed_from: "wrangler" } } }), true;
  }
  if ((m = /^workers\/([^/]+)$/.exec(rest))) return sendResult(res, { id: m[1], name: m[1], subdomain: { enabled: true, previews_enabled: false } }), true;
  if ((m = /^scripts\/([^/]+)\/secrets$/.exec(rest)) && req.method === "GET") {
    const worker = state.workers.get(m[1]!);
    if (!worker) return sendErrors(res, 404, [NOT_FOUND]), true;
    return sendResult(res, worker.bindings.filter((b) => b.type === "secret_text").map((b) => ({ name: b.name, type: b.type }))), true;
  }
  if ((m = /^scripts\/([^/]+)\/secrets\/([^/]+)$/.exec(rest)) && req.method === "DELETE") {
    const worker = state.workers.get(m[1]!);
    const name = decodeURIComponent(m[2]!);
    if (!worker) return sendErrors(res, 404, [NOT_FOUND]), true;
    if (!worker.bindings.some((b) => b.name === name && b.type === "secret_text")) {
      return sendErrors(res, 404, [{ code: 10056, message: `Binding '${name}' not found.` }]), true;
    }
    worker.bindings = worker.bindings.filter((b) => b.name !== name);
    worker.secretValues.delete(name);
    return sendResult(res, null), true;
  }
  if ((m = /^scripts\/([^/]+)\/deployments$/.exec(rest)) && req.method === "POST") return activateVersion(state, m[1]!, req, res), true;
  if ((m = /^scripts\/([^/]+)\/deployments$/.exec(rest))) return sendResult(res, { deployments: [] }), true;
  if ((m = /^scripts\/([^/]+)\/versions$/.exec(rest)) && req.method === "POST") return uploadVersion(state, m[1]!, req, res), true;
  if ((m = /^scripts\/([^/]+)\/(settings|script-settings|subdomain)$/.exec(rest))) return sendResult(res, {}), true;
  if ((m = /^scripts\/([^/]+)$/.exec(rest)) && req.method === "PUT") return deploy(state, m[1]!, req, res), true;
  return false;
}

/** A new Worker: `PUT /scripts/{name}` uploads and deploys in one go. */
function deploy(state: StandInState, name: string, req: MultipartRequest, res: ServerResponse): void {
  const problem = checkStoreBindings(state, req);
  if (problem) return sendErrors(res, 400, [problem]);
  const worker = state.workers.get(name) ?? state.addWorker(name, {});
  activate(worker, nextBindings(worker, req));
  sendResult(res, { id: name, etag: `stand-in-${worker.deployments}`, deployment_id: `d${worker.deployments}`, startup_time_ms: 1 });
}

/** An existing Worker: wrangler uploads a version, then deploys it at 100%. */
function uploadVersion(state: StandInState, name: string, req: MultipartRequest, res: ServerResponse): void {
  const worker = state.workers.get(name);
  if (!worker) return sendErrors(res, 404, [NOT_FOUND]);
  const problem = checkStoreBindings(state, req);
  if (problem) return sendErrors(res, 400, [problem]);
  const id = `v${worker.versions.size + 1}`;
  worker.versions.set(id, nextBindings(worker, req));
  sendResult(res, { id, number: worker.versions.size, resources: { script: { etag: `stand-in-${id}` } }, startup_time_ms: 1 });
}

function activateVersion(state: StandInState, name: string, req: MultipartRequest, res: ServerResponse): void {
  const worker = state.workers.get(name);
  const versions = ((req.body ?? {}) as { versions?: { version_id?: string; percentage?: number }[] }).versions ?? [];
  const bindings = worker && versions.length === 1 && versions[0]!.percentage === 100 ? worker.versions.get(String(versions[0]!.version_id)) : undefined;
  if (!worker || !bindings) return sendErrors(res, 400, [{ code: 10200, message: "unknown version, or a split deployment the stand-in does not model" }]);
  activate(worker, bindings);
  sendResult(res, { id: `d${worker.deployments}`, versions });
}

/** Cloudflare checks Secrets Store bindings at deploy: the secret must exist (code 10182) and be active. */
function checkStoreBindings(state: StandInState, req: MultipartRequest): { code: number; message: string } | undefined {
  for (const binding of req.metadata?.bindings ?? []) {
    if (binding.type !== "secrets_store_secret") continue;
    const secret = binding.store_id === state.storeId ? state.byName(String(binding.secret_name)) : undefined;
    if (!secret || state.statusOf(secret) !== "active") {
      return { code: 10182, message: `Secret '${String(binding.secret_name)}' not found in store '${String(binding.store_id)}' or not active yet.` };
    }
  }
  return undefined;
}

function nextBindings(worker: StandInWorker, req: MultipartRequest): WorkerBinding[] {
  const bindings = req.metadata?.bindings ?? [];
  const keep = new Set(req.metadata?.keep_bindings ?? []);
  const names = new Set(bindings.map((binding) => binding.name));
  return [...worker.bindings.filter((binding) => keep.has(binding.type) && !names.has(binding.name)), ...bindings];
}

function activate(worker: StandInWorker, bindings: WorkerBinding[]): void {
  for (const binding of worker.bindings) if (!bindings.some((next) => next.name === binding.name && next.type === binding.type)) worker.secretValues.delete(binding.name);
  worker.bindings = bindings;
  worker.deployments += 1;
}
