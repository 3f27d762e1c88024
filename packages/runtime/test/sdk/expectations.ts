import { expect } from "vitest";
import type { ProviderSpec } from "../../src/providers.ts";
import type { RecordedHttpRequest } from "../../src/testing/http-stand-in-gateway.ts";
import type { GatedStream } from "./gated-stream.ts";
import type { SdkTarget } from "./sdk-target.ts";

/**
 * What the gateway must see on every request: the real provider key in the provider's header, the
 * gateway token in `cf-aig-authorization`, and no trace of either client token anywhere.
 */
export function expectGatewayCredentials(target: SdkTarget, provider: ProviderSpec, request: RecordedHttpRequest | undefined): void {
  expect(request, "the request reached the stand-in gateway").toBeDefined();
  expect(request?.headers[provider.auth.header]).toBe(`${provider.auth.prefix}${target.secrets.providerKey}`);
  expect(request?.headers["cf-aig-authorization"]).toBe(`Bearer ${target.secrets.gatewayToken}`);
  const serialised = JSON.stringify(request);
  for (const token of target.secrets.clientTokens) expect(serialised).not.toContain(token);
}

/** Every request since the last reset, as `METHOD path?query` after the gateway id. */
export function gatewayCalls(target: SdkTarget): string[] {
  return target.requests.map((request) => `${request.method} ${target.gatewayPath(request)}`);
}

/**
 * Reads an SDK stream, releasing the stand-in's next chunk after each item, and returns how many
 * chunks the stand-in had written when each item arrived. One by one means `[1, 2, 3, ...]`.
 */
export async function observeOneByOne<T>(stream: AsyncIterable<T>, gate: GatedStream, items: T[] = []): Promise<number[]> {
  const sentWhenSeen: number[] = [];
  for await (const item of stream) {
    items.push(item);
    sentWhenSeen.push(gate.sent());
    gate.release();
  }
  expect(gate.forced, "chunks the stand-in had to send before the client saw the previous one").toEqual([]);
  return sentWhenSeen;
}
