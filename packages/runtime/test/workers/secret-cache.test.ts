import { adminSecretsStore } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createSecretCache, SecretUnavailableError } from "../../src/index.ts";

/** A SecretsStoreSecret whose get() calls are counted and whose answer the test controls. */
function countingSecret(answer: () => Promise<string>) {
  const secret = {
    calls: 0,
    get() {
      secret.calls += 1;
      return answer();
    },
  };
  return secret;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createSecretCache", () => {
  it("shares one get() between concurrent reads of a secret", async () => {
    const KEY = countingSecret(async () => {
      await sleep(20);
      return "value-1";
    });
    const cache = createSecretCache();
    const values = await Promise.all(Array.from({ length: 10 }, () => cache.read({ KEY }, "KEY")));
    expect(values).toEqual(Array(10).fill("value-1"));
    expect(KEY.calls).toBe(1);
  });

  it("serves a value from memory within the TTL and reads the store again after it", async () => {
    let current = "before-rotation";
    const KEY = countingSecret(async () => current);
    const cache = createSecretCache({ ttlMs: 50 });
    expect(await cache.read({ KEY }, "KEY")).toBe("before-rotation");
    current = "after-rotation";
    expect(await cache.read({ KEY }, "KEY")).toBe("before-rotation");
    expect(KEY.calls).toBe(1);
    await sleep(70);
    expect(await cache.read({ KEY }, "KEY")).toBe("after-rotation");
    expect(KEY.calls).toBe(2);
  });

  it("reads the store every time with a TTL of 0", async () => {
    const KEY = countingSecret(async () => "v");
    const cache = createSecretCache({ ttlMs: 0 });
    await cache.read({ KEY }, "KEY");
    await sleep(1);
    await cache.read({ KEY }, "KEY");
    expect(KEY.calls).toBe(2);
  });

  it("raises an error that names the binding and carries nothing from the store's error", async () => {
    const KEY = countingSecret(async () => {
      throw new Error("store said: value was hunter2");
    });
    const error = await createSecretCache()
      .read({ KEY }, "KEY")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SecretUnavailableError);
    expect((error as SecretUnavailableError).binding).toBe("KEY");
    expect((error as Error).message).toBe("Secrets Store binding KEY could not be read");
    expect(JSON.stringify(error) + String(error) + String((error as Error).cause)).not.toContain("hunter2");
  });

  it("does not cache a failure: the next read tries the store again", async () => {
    let exists = false;
    const KEY = countingSecret(async () => {
      if (!exists) throw new Error("not found");
      return "created-later";
    });
    const cache = createSecretCache();
    await expect(cache.read({ KEY }, "KEY")).rejects.toBeInstanceOf(SecretUnavailableError);
    exists = true;
    expect(await cache.read({ KEY }, "KEY")).toBe("created-later");
    expect(KEY.calls).toBe(2);
  });

  it("treats a binding missing from the Env as unreadable", async () => {
    const cache = createSecretCache();
    const partialEnv: { KEY: SecretsStoreSecret } = {} as { KEY: SecretsStoreSecret };
    await expect(cache.read(partialEnv, "KEY")).rejects.toMatchObject({ binding: "KEY" });
  });

  it("reports every store read to onStoreRead and keeps only misses alive with waitUntil", async () => {
    const reads: string[] = [];
    const kept: Promise<unknown>[] = [];
    const ctx = { waitUntil: (promise: Promise<unknown>) => void kept.push(promise) };
    const A = countingSecret(async () => "a");
    const B = countingSecret(async () => "b");
    const cache = createSecretCache({ onStoreRead: (binding) => void reads.push(binding) });
    await Promise.all([cache.read({ A, B }, "A", ctx), cache.read({ A, B }, "B", ctx), cache.read({ A, B }, "A", ctx)]);
    await cache.read({ A, B }, "A", ctx);
    expect(reads).toEqual(["A", "B"]);
    expect(kept).toHaveLength(2);
  });

  it("computes a parsed value once per value read from the store", async () => {
    let current = "a,b";
    const KEY = countingSecret(async () => current);
    const parses: string[] = [];
    const split = (value: string) => {
      parses.push(value);
      return value.split(",");
    };
    const cache = createSecretCache({ ttlMs: 50 });
    expect(await cache.readParsed({ KEY }, "KEY", split)).toEqual(["a", "b"]);
    expect(await cache.readParsed({ KEY }, "KEY", split)).toEqual(["a", "b"]);
    current = "c";
    await sleep(70);
    expect(await cache.readParsed({ KEY }, "KEY", split)).toEqual(["c"]);
    expect(parses).toEqual(["a,b", "c"]);
  });

  it("peeks only at values already read and still fresh", async () => {
    const KEY = countingSecret(async () => "k");
    const split = (value: string) => value.split(",");
    const cache = createSecretCache({ ttlMs: 50 });
    expect(cache.peek("KEY")).toBeUndefined();
    const reading = cache.readParsed({ KEY }, "KEY", split);
    expect(cache.peek("KEY")).toBeUndefined();
    await reading;
    expect(cache.peek("KEY")).toBe("k");
    expect(cache.peekParsed("KEY", split)).toEqual(["k"]);
    expect(cache.peekParsed("KEY", (value) => value.length)).toBeUndefined();
    await sleep(70);
    expect(cache.peek("KEY")).toBeUndefined();
    expect(KEY.calls).toBe(1);
  });

  it("sees a rotation in the real Secrets Store once the TTL has passed", async () => {
    using admin = adminSecretsStore(env.AI_GATEWAY_ID);
    const id = await admin.create("gateway-before");
    // A TTL far above how long one store call takes on a loaded machine, so "still cached" is certain.
    const cache = createSecretCache({ ttlMs: 3_000 });
    expect(await cache.read(env, "AI_GATEWAY_ID")).toBe("gateway-before");
    await admin.update("gateway-after", id);
    expect(await cache.read(env, "AI_GATEWAY_ID")).toBe("gateway-before");
    await sleep(3_100);
    expect(await cache.read(env, "AI_GATEWAY_ID")).toBe("gateway-after");
  });
});
