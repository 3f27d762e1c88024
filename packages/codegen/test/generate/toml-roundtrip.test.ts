// Render -> parse -> equal: the TOML wrangler reads says exactly what the model says.
import { describe, expect, test } from "vitest";
import { renderWranglerConfig, renderWranglerToml } from "../../src/generate/render-wrangler-config.ts";
import { renderEnvTypes } from "../../src/generate/env-types.ts";
import { hashBody } from "../../src/generate/header.ts";
import { expectConfigMatchesWorker, expectEnvTypesMatchWorker } from "./expect-model.ts";
import { FIXTURES, loadFixture } from "./support.ts";

describe.each(FIXTURES)("round trip: $name", (fixture) => {
  test("each Wrangler config parses back to the model", async () => {
    const manifest = await loadFixture(fixture);
    for (const worker of manifest.workers) expectConfigMatchesWorker(renderWranglerConfig(worker, manifest), worker);
  });

  test("each env types file declares the model's bindings", async () => {
    const manifest = await loadFixture(fixture);
    for (const worker of manifest.workers) expectEnvTypesMatchWorker(renderEnvTypes(worker, manifest), worker);
  });

  test("the stamp's hash is the hash of the body below it", async () => {
    const manifest = await loadFixture(fixture);
    for (const worker of manifest.workers) {
      for (const text of [renderWranglerConfig(worker, manifest), renderEnvTypes(worker, manifest)]) {
        const [header, ...rest] = text.split("\n\n");
        expect(header).toContain(`sha256-${hashBody(rest.join("\n\n"))}`);
      }
    }
  });
});

test("every [env.*] repeats vars and bindings, since wrangler does not inherit them", async () => {
  const manifest = await loadFixture(FIXTURES[1]!);
  const storefront = manifest.workers.find((worker) => worker.id === "storefront")!;
  const toml = renderWranglerToml(storefront, manifest);
  for (const env of ["staging", "preview"]) {
    expect(toml).toContain(`[env.${env}.vars]`);
    expect(toml).toContain(`[[env.${env}.secrets_store_secrets]]`);
  }
  expect(toml).toContain('secret_name = "PREVIEW_SESSION_SIGNING_KEY"');
});
