import { proxyWorkerTestProject } from "@secrets-manifest/runtime/testing/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      proxyWorkerTestProject({ configPath: "./wrangler-openai.toml" }),
      // Type-level guarantees and the wrangler dev end-to-end test run in Node.
      {
        test: {
          name: "node",
          include: ["test/node/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
