// The Secrets Store REST API as documented: stores, secrets (bulk create, list with pagination,
// get, patch, delete) and the account quota. New secrets are `pending` and turn `active` after a delay.
import type { ServerResponse } from "node:http";
import { paginate, sendErrors, sendResult } from "./envelope.ts";
import type { StandInState, StoredSecret } from "./state.ts";

const NAME = /^[A-Za-z0-9_-]+$/;
const SCOPES = new Set(["workers", "ai_gateway", "dex", "access", "containers", "websearch"]);
const MAX_VALUE_BYTES = 65_536;

export interface Request {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

/** Handles `/accounts/{account}/secrets_store/...`; returns false for other paths. */
export function handleSecretsStore(state: StandInState, req: Request, res: ServerResponse): boolean {
  const match = /^\/accounts\/([^/]+)\/secrets_store(\/.*)?$/.exec(req.path);
  if (!match) return false;
  const [, account, rest = ""] = match;
  if (account !== state.accountId) return sendErrors(res, 404, [{ code: 10000, message: "account not found" }]), true;
  if (rest === "/quota" && req.method === "GET") return sendResult(res, { secrets: { quota: state.options.quota, usage: state.liveSecrets().length } }), true;
  if (rest === "/stores" && req.method === "GET") {
    const page = paginate([{ id: state.storeId, name: "default_secrets_store", created: state.startedAt, modified: state.startedAt }], req.query, state.options.maxPerPage);
    return sendResult(res, page.items, page.info), true;
  }
  const store = /^\/stores\/([^/]+)(\/secrets(?:\/([^/]+))?)?$/.exec(rest);
  if (!store) return sendErrors(res, 404, [{ code: 7003, message: "No route for that URI" }]), true;
  const [, storeId, secretsPart, secretId] = store;
  if (storeId !== state.storeId) return sendErrors(res, 404, [{ code: 1001, message: "store_not_found" }]), true;
  if (!secretsPart) return sendResult(res, { id: state.storeId, name: "default_secrets_store" }), true;
  if (secretId === undefined) {
    if (req.method === "GET") return listSecrets(state, req, res), true;
    if (req.method === "POST") return createSecrets(state, req, res), true;
  } else {
    const secret = state.secrets.get(secretId);
    if (!secret || secret.status === "deleted") return sendErrors(res, 404, [{ code: 1001, message: "secret_not_found" }]), true;
    if (req.method === "GET") return sendResult(res, present(state, secret)), true;
    if (req.method === "PATCH") return editSecret(state, secret, req, res), true;
    if (req.method === "DELETE") {
      state.secrets.delete(secretId);
      return sendResult(res, null), true;
    }
  }
  sendErrors(res, 405, [{ code: 7001, message: "Method not allowed" }]);
  return true;
}

function listSecrets(state: StandInState, req: Request, res: ServerResponse): void {
  const search = req.query.get("search");
  const all = state
    .liveSecrets()
    .filter((secret) => !search || secret.name.includes(search) || secret.comment.includes(search))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const page = paginate(all, req.query, state.options.maxPerPage);
  sendResult(res, page.items.map((secret) => present(state, secret)), page.info);
}

function createSecrets(state: StandInState, req: Request, res: ServerResponse): void {
  if (!Array.isArray(req.body) || req.body.length === 0) return sendErrors(res, 400, [{ code: 1002, message: "body must be a non-empty array of secrets" }]);
  const inputs = req.body as { name?: unknown; value?: unknown; scopes?: unknown; comment?: unknown }[];
  for (const input of inputs) {
    if (typeof input.name !== "string" || !NAME.test(input.name)) return sendErrors(res, 400, [{ code: 1002, message: "invalid secret name" }]);
    if (typeof input.value !== "string" || Buffer.byteLength(input.value) > MAX_VALUE_BYTES) return sendErrors(res, 400, [{ code: 1002, message: "value must be a string of at most 64 KiB" }]);
    if (!Array.isArray(input.scopes) || input.scopes.length === 0 || !input.scopes.every((scope) => SCOPES.has(String(scope)))) {
      return sendErrors(res, 400, [{ code: 1002, message: "scopes must be a non-empty list of known scopes" }]);
    }
    if (state.liveSecrets().some((secret) => secret.name === input.name)) {
      return sendErrors(res, 409, [{ code: 1004, message: `secret_name_already_exists: ${input.name}` }]);
    }
  }
  if (state.liveSecrets().length + inputs.length > state.options.quota) {
    return sendErrors(res, 403, [{ code: 1005, message: `quota_exceeded: the account may hold at most ${state.options.quota} secrets` }]);
  }
  const created = inputs.map((input) => state.addSecret({ name: String(input.name), value: String(input.value), scopes: (input.scopes as string[]).map(String), comment: typeof input.comment === "string" ? input.comment : "" }));
  sendResult(res, created.map((secret) => present(state, secret)));
}

function editSecret(state: StandInState, secret: StoredSecret, req: Request, res: ServerResponse): void {
  const body = (req.body ?? {}) as { value?: unknown; scopes?: unknown; comment?: unknown };
  if (body.value !== undefined && (typeof body.value !== "string" || Buffer.byteLength(body.value) > MAX_VALUE_BYTES)) {
    return sendErrors(res, 400, [{ code: 1002, message: "value must be a string of at most 64 KiB" }]);
  }
  if (body.scopes !== undefined && (!Array.isArray(body.scopes) || !body.scopes.every((scope) => SCOPES.has(String(scope))))) {
    return sendErrors(res, 400, [{ code: 1002, message: "scopes must be a list of known scopes" }]);
  }
  if (typeof body.value === "string") secret.value = body.value;
  if (Array.isArray(body.scopes)) secret.scopes = body.scopes.map(String);
  if (typeof body.comment === "string") secret.comment = body.comment;
  secret.modified = new Date().toISOString();
  sendResult(res, present(state, secret));
}

/** A secret as the API shows it: never the value. */
function present(state: StandInState, secret: StoredSecret) {
  return {
    id: secret.id,
    name: secret.name,
    store_id: state.storeId,
    status: state.statusOf(secret),
    scopes: secret.scopes,
    comment: secret.comment,
    created: secret.created,
    modified: secret.modified,
  };
}
