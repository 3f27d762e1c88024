import type { KeepAlive, SecretCache } from "./secret-cache.ts";

export interface HealthCheck {
  readonly secrets: Readonly<Record<string, SecretsStoreSecret>>;
  readonly cache: SecretCache;
  readonly bindings: readonly string[];
  readonly ctx: KeepAlive;
}

/**
 * Which of the Worker's secrets can be read, by binding name only. Reads go through the cache, so
 * the answer matches what requests see and frequent probes do not multiply store reads.
 */
export async function answerHealthCheck(check: HealthCheck): Promise<Response> {
  const entries = await Promise.all(
    check.bindings.map(async (binding) => {
      const readable = await check.cache.read(check.secrets, binding, check.ctx).then(
        () => true,
        () => false,
      );
      return [binding, readable ? "readable" : "unreadable"] as const;
    }),
  );
  const ok = entries.every(([, state]) => state === "readable");
  return Response.json({ ok, secrets: Object.fromEntries(entries) }, { status: ok ? 200 : 503 });
}
