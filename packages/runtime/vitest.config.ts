import { defineConfig } from "vitest/config";
import { GATEWAY_SECRET_BINDINGS } from "./src/gateway-bindings.ts";
import { providers } from "./src/providers.ts";
import { proxyWorkerTestProject } from "./src/testing/vitest-config.ts";

const STORE_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const bindings = [...Object.values(providers).map((provider) => provider.keyBinding), ...GATEWAY_SECRET_BINDINGS];

export default defineConfig({
  test: {
    projects: [
      // test/workers/fixture-worker.ts hosts all seven provider Workers; its Env mirrors a generated one.
      proxyWorkerTestProject({
        main: "./test/workers/fixture-worker.ts",
        miniflare: {
          compatibilityDate: "2026-08-01",
          compatibilityFlags: ["nodejs_compat"],
          secretsStoreSecrets: Object.fromEntries(
            bindings.map((binding) => [binding, { store_id: STORE_ID, secret_name: binding }]),
          ),
        },
      }),
      { test: { name: "node", include: ["test/node/**/*.test.ts"], environment: "node" } },
      // The providers' official SDKs in Node, against the Workers in workerd (Miniflare, HTTPS), in
      // front of the stand-in gateway on 127.0.0.1: one Miniflare per provider, started by each file.
      {
        test: {
          name: "sdk",
          include: ["test/sdk/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
