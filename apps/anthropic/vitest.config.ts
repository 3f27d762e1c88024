import { proxyWorkerTestProject } from "@secrets-manifest/runtime/testing/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { projects: [proxyWorkerTestProject({ configPath: "./wrangler-anthropic.toml" })] },
});
