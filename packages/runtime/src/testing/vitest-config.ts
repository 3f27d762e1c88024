import { cloudflareTest } from "@cloudflare/vitest-plugin";
import type { TestProjectInlineConfiguration } from "vitest/config";
import { STAND_IN_GATEWAY_BASE_URL } from "./stand-in-url.ts";

type PoolOptions = Parameters<typeof cloudflareTest>[0] & object;

export interface ProxyWorkerTestProjectOptions {
  /** The Worker's generated Wrangler config, e.g. `wrangler-openai.toml`. */
  readonly configPath?: string;
  /** The Worker module, when there is no Wrangler config. */
  readonly main?: string;
  /** Extra Miniflare options (bindings, secretsStoreSecrets, ...), merged over the defaults. */
  readonly miniflare?: NonNullable<Exclude<PoolOptions, (...args: never[]) => unknown>["miniflare"]>;
  readonly include?: readonly string[];
}

/**
 * A Vitest project that runs a proxy Worker's tests in the Workers runtime, with
 * AI_GATEWAY_BASE_URL pointed at the stand-in gateway. Used by every app's vitest.config.ts.
 */
export function proxyWorkerTestProject(options: ProxyWorkerTestProjectOptions): TestProjectInlineConfiguration {
  const { miniflare = {} } = options;
  return {
    plugins: [
      cloudflareTest({
        ...(options.configPath === undefined ? {} : { wrangler: { configPath: options.configPath } }),
        ...(options.main === undefined ? {} : { main: options.main }),
        miniflare: {
          ...miniflare,
          bindings: { ...miniflare.bindings, AI_GATEWAY_BASE_URL: STAND_IN_GATEWAY_BASE_URL },
        },
      }),
    ],
    test: { name: "workers", include: [...(options.include ?? ["test/workers/**/*.test.ts"])] },
  };
}
