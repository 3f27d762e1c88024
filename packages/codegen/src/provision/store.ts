// The one interface both stores implement: the Cloudflare API (remote-store.ts) and the local store
// that `wrangler dev` reads (local-store.ts). Values go in and never come back out.
import type { SecretScope } from "../manifest/define.ts";

export type SecretStatus = "pending" | "active" | "deleted";

/** A secret as a store lists it. The value is write-only: no store ever returns it. */
export interface StoreSecret {
  readonly id: string;
  readonly name: string;
  readonly status: SecretStatus;
  readonly scopes: readonly string[];
  readonly comment: string;
  /** ISO time of the last change, when the store keeps one. */
  readonly modified: string | undefined;
}

export interface StoreQuota {
  readonly quota: number;
  readonly usage: number;
}

export interface NewSecret {
  readonly name: string;
  readonly value: string;
  readonly scopes: readonly SecretScope[];
  readonly comment: string | undefined;
}

export interface SecretPatch {
  readonly value?: string;
  readonly scopes?: readonly SecretScope[];
  readonly comment?: string;
}

/**
 * What a listing can be trusted for. wrangler's local list prints neither scopes nor comments, calls
 * every secret `active` and shows the time of the listing as `modified`, so a local plan compares names only.
 */
export interface StoreObserves {
  readonly scopes: boolean;
  readonly comments: boolean;
  readonly status: boolean;
  readonly modified: boolean;
  readonly quota: boolean;
}

export interface SecretStore {
  /** For messages: `store a1b2… of account 0123…` or `apps/openai/.wrangler/state`. */
  readonly label: string;
  readonly observes: StoreObserves;
  list(): Promise<StoreSecret[]>;
  quota(): Promise<StoreQuota | undefined>;
  create(secret: NewSecret): Promise<StoreSecret>;
  edit(id: string, patch: SecretPatch): Promise<void>;
  delete(id: string): Promise<void>;
}

/** A store operation that failed, worded for a person: what failed, why, and the fix. Never holds a value. */
export class StoreError extends Error {
  override readonly name = "StoreError";
  readonly status: number | undefined;
  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
  }
}

/**
 * Removes every known secret value from text that came from outside (wrangler output, API errors),
 * as written and as a JSON string would carry it (a server that echoes the request body escapes
 * quotes, backslashes and line breaks). The one redaction used by the local, remote and migrate paths.
 */
export function redact(text: string, values: Iterable<string>): string {
  let out = text;
  for (const value of values) {
    if (value.length === 0) continue;
    for (const form of new Set([value, JSON.stringify(value).slice(1, -1), value.trim()])) {
      if (form.length > 0) out = out.split(form).join("[REDACTED]");
    }
  }
  return out;
}
