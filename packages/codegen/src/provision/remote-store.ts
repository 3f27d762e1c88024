// The Cloudflare Secrets Store through the official SDK. The client is built from explicit options:
// left to itself the SDK would also read CLOUDFLARE_API_KEY (a legacy global key), which is the name
// of one of this project's own secrets.
import { APIConnectionError, APIError, Cloudflare } from "cloudflare";
import type { NewSecret, SecretPatch, SecretStore, StoreQuota, StoreSecret } from "./store.ts";
import { redact, StoreError } from "./store.ts";

export const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

export interface ApiCredentials {
  readonly apiToken: string;
  /** From CLOUDFLARE_BASE_URL, the SDK's own variable; the public API otherwise. */
  readonly baseURL: string;
}

/** Reads the token and base URL from the environment, and nothing else. */
export function readApiCredentials(env: NodeJS.ProcessEnv): ApiCredentials | { readonly error: string } {
  const apiToken = env.CLOUDFLARE_API_TOKEN?.trim();
  if (!apiToken) {
    return {
      error:
        "CLOUDFLARE_API_TOKEN is not set: the remote store needs an API token.\n" +
        "  fix: create a token with the Account > Secrets Store > Edit permission and export CLOUDFLARE_API_TOKEN (or pass --local)",
    };
  }
  return { apiToken, baseURL: env.CLOUDFLARE_BASE_URL?.trim() || DEFAULT_BASE_URL };
}

export interface RemoteStoreOptions {
  readonly accountId: string;
  readonly storeId: string;
  readonly credentials: ApiCredentials;
}

export function createRemoteStore(options: RemoteStoreOptions): SecretStore {
  const { accountId, storeId } = options;
  const client = new Cloudflare({
    apiToken: options.credentials.apiToken,
    apiKey: null,
    apiEmail: null,
    userServiceKey: null,
    baseURL: options.credentials.baseURL,
    // Debug logging would print request bodies, and a create request carries a value.
    logLevel: "off",
    maxRetries: 2,
  });
  const secrets = client.secretsStore.stores.secrets;
  const label = `store ${storeId} of account ${accountId}`;
  const fail = (doing: string, values: readonly string[] = []) => (error: unknown): never => {
    throw describeApiError(error, { doing, label, baseURL: options.credentials.baseURL, values });
  };

  return {
    label,
    observes: { scopes: true, comments: true, status: true, modified: true, quota: true },
    async list() {
      const out: StoreSecret[] = [];
      try {
        for await (const secret of secrets.list(storeId, { account_id: accountId, per_page: 100 })) {
          out.push({
            id: secret.id,
            name: secret.name,
            status: secret.status,
            scopes: secret.scopes ?? [],
            comment: secret.comment ?? "",
            modified: secret.modified,
          });
        }
      } catch (error) {
        fail("listing the secrets")(error);
      }
      return out;
    },
    async quota(): Promise<StoreQuota> {
      const result = await client.secretsStore.quota.get({ account_id: accountId }).catch(fail("reading the quota"));
      return { quota: result.secrets.quota, usage: result.secrets.usage };
    },
    async create(secret: NewSecret) {
      const body = [{ name: secret.name, value: secret.value, scopes: [...secret.scopes], ...(secret.comment ? { comment: secret.comment } : {}) }];
      // One secret per request, never retried: a retry after a lost answer would look like a name conflict.
      const page = await secrets.create(storeId, { account_id: accountId, body }, { maxRetries: 0 }).catch(fail(`creating ${secret.name}`, [secret.value]));
      const created = page.result[0];
      if (created === undefined) throw new StoreError(`Creating ${secret.name} in ${label} returned no secret.`);
      return { id: created.id, name: created.name, status: created.status, scopes: created.scopes ?? [], comment: created.comment ?? "", modified: created.modified };
    },
    async edit(id: string, patch: SecretPatch) {
      const body = {
        ...(patch.value !== undefined ? { value: patch.value } : {}),
        ...(patch.scopes !== undefined ? { scopes: [...patch.scopes] } : {}),
        ...(patch.comment !== undefined ? { comment: patch.comment } : {}),
      };
      await secrets.edit(id, { account_id: accountId, store_id: storeId, ...body }).catch(fail(`updating secret ${id}`, patch.value === undefined ? [] : [patch.value]));
    },
    async delete(id: string) {
      await secrets.delete(id, { account_id: accountId, store_id: storeId }).catch(fail(`deleting secret ${id}`));
    },
  };
}

/**
 * Turns an SDK error into what failed, why, and the fix. The response is the server's to word, and a
 * server may echo the request: every value sent is redacted from what it says. The SDK error is not
 * kept as the cause, since its message and body hold the response unredacted.
 */
export function describeApiError(error: unknown, context: { doing: string; label: string; baseURL: string; values?: readonly string[] }): StoreError {
  const clean = (text: string) => redact(text, context.values ?? []);
  const what = `Cloudflare API: ${context.doing} in ${context.label} failed`;
  if (error instanceof APIConnectionError) {
    return new StoreError(`${what}: cannot reach ${context.baseURL} (${clean(error.message)}).\n  fix: check the network, or CLOUDFLARE_BASE_URL if you set it`);
  }
  if (!(error instanceof APIError)) return new StoreError(`${what}: ${clean(String(error))}`);
  const reasons = clean(error.errors.map((entry) => `${entry.message} [code ${entry.code}]`).join("; ") || error.message);
  const status = error.status;
  const fix =
    status === 401 || status === 403
      ? "check CLOUDFLARE_API_TOKEN: it must belong to this account and carry the Secrets Store Edit permission"
      : status === 404
        ? "check accountId and storeId of this environment in the manifest (`wrangler secrets-store store list --remote` lists the store ids)"
        : status === 409
          ? "another secret already has this name; run `secrets-manifest plan` to see the store as it is now"
          : status !== undefined && status >= 500
            ? "Cloudflare failed on its side; run `secrets-manifest plan` to see what is left, then `apply` again"
            : "see the reason above";
  return new StoreError(`${what} (HTTP ${status ?? "?"}): ${reasons}\n  fix: ${fix}`, { status });
}
