import type { SecretBindingName } from "./secret-binding-name.ts";
import { SecretUnavailableError } from "./secret-unavailable-error.ts";

export interface SecretCacheOptions {
  /** How long a value read from the store is reused. Default 60 s; 0 reads the store every time. */
  readonly ttlMs?: number;
  /** Called once for every `get()` that reaches the store (for benchmarks and metrics). */
  readonly onStoreRead?: (binding: string) => void;
}

/** The part of `ExecutionContext` the cache needs; pass the handler's `ctx`. */
export interface KeepAlive {
  waitUntil(promise: Promise<unknown>): void;
}

export interface SecretCache {
  /**
   * The secret's value; throws `SecretUnavailableError` (naming the binding only) when unreadable.
   * Pass the handler's `ctx`: a store read that other requests may be waiting on is kept alive with
   * `waitUntil`, because the runtime cancels a request's I/O when that request ends.
   */
  read<Env>(env: Env, binding: SecretBindingName<Env>, ctx?: KeepAlive): Promise<string>;
  /**
   * `parse(value)`, computed once per value read from the store and dropped with it, for work that
   * should not repeat on every request (splitting and hashing client tokens).
   */
  readParsed<Env, T>(env: Env, binding: SecretBindingName<Env>, parse: (value: string) => T, ctx?: KeepAlive): Promise<Awaited<T>>;
  /**
   * The value if it is already in memory and fresh, without a promise; `undefined` otherwise (then
   * call `read`). Saves the awaits on the hot path: measured at ~10% of the proxy's own CPU time.
   */
  peek(binding: string): string | undefined;
  /** Like `peek`, for a value `readParsed` has computed with the same `parse`. */
  peekParsed<T>(binding: string, parse: (value: string) => T): Awaited<T> | undefined;
}

interface Entry {
  readonly value: Promise<string>;
  /** Set once `value` has resolved. */
  resolved?: string;
  /** Infinity while the read is in flight, so concurrent callers share it. */
  expiresAt: number;
  parsed?: Parsed;
}

interface Parsed {
  readonly parse: (value: string) => unknown;
  readonly result: Promise<unknown>;
  done?: { readonly value: unknown };
}

export const DEFAULT_SECRET_TTL_MS = 60_000;

/**
 * Per-isolate cache of Secrets Store values. This is the project's one allowed mutable cache: every
 * proxied request needs five secrets, and a store round trip per secret per request would cost
 * latency and store reads (bench/proxy-bench.ts measures both). A short TTL keeps rotation working
 * without a redeploy; failures are not cached, so a secret created after an outage is picked up on
 * the next request.
 */
export function createSecretCache(options: SecretCacheOptions = {}): SecretCache {
  const ttlMs = options.ttlMs ?? DEFAULT_SECRET_TTL_MS;
  const entries = new Map<string, Entry>();

  function load(binding: string, secret: unknown, ctx: KeepAlive | undefined): Entry {
    options.onStoreRead?.(binding);
    const entry: Entry = { value: readFromStore(binding, secret), expiresAt: Number.POSITIVE_INFINITY };
    entries.set(binding, entry);
    const settled = entry.value.then(
      (value) => {
        entry.resolved = value;
        entry.expiresAt = Date.now() + ttlMs;
      },
      () => {
        if (entries.get(binding) === entry) entries.delete(binding);
      },
    );
    ctx?.waitUntil(settled);
    return entry;
  }

  function fresh(binding: string): Entry | undefined {
    const cached = entries.get(binding);
    return cached !== undefined && cached.expiresAt > Date.now() ? cached : undefined;
  }

  function entryFor(env: unknown, binding: string, ctx: KeepAlive | undefined): Entry {
    return fresh(binding) ?? load(binding, (env as Record<string, unknown>)[binding], ctx);
  }

  return {
    read(env, binding, ctx) {
      return entryFor(env, binding, ctx).value;
    },
    readParsed<Env, T>(env: Env, binding: SecretBindingName<Env>, parse: (value: string) => T, ctx?: KeepAlive) {
      const entry = entryFor(env, binding, ctx);
      if (entry.parsed?.parse !== parse) {
        const parsed: Parsed = { parse, result: entry.value.then(parse) };
        parsed.result.then((value) => (parsed.done = { value }), () => undefined);
        entry.parsed = parsed;
      }
      return entry.parsed.result as Promise<Awaited<T>>;
    },
    peek(binding) {
      return fresh(binding)?.resolved;
    },
    peekParsed<T>(binding: string, parse: (value: string) => T) {
      const parsed = fresh(binding)?.parsed;
      return parsed?.parse === parse ? (parsed.done?.value as Awaited<T> | undefined) : undefined;
    },
  };
}

async function readFromStore(binding: string, secret: unknown): Promise<string> {
  if (!isSecretsStoreSecret(secret)) throw new SecretUnavailableError(binding);
  try {
    return await secret.get();
  } catch {
    throw new SecretUnavailableError(binding);
  }
}

function isSecretsStoreSecret(value: unknown): value is SecretsStoreSecret {
  return typeof value === "object" && value !== null && typeof (value as SecretsStoreSecret).get === "function";
}
