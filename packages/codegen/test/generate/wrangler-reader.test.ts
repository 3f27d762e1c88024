// Wrangler's own config reader (`unstable_readConfig`, in-process) judges every generated config of
// every fixture in every environment: no warning, no error, and what it reads is what the model says
// (nothing lost, nothing added). The same module backs `generate --wrangler`.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderAll } from "../../src/generate/render-all.ts";
import { loadWranglerReader, readWranglerDiagnostics } from "../../src/check/read-wrangler-diagnostics.ts";
import { WRANGLER_FIELDS } from "../../src/manifest/wrangler-fields.ts";
import { FIXTURES, PACKAGE_DIR as CODEGEN_DIR, loadFixture, makeTempDir } from "./support.ts";

let read: Awaited<ReturnType<typeof loadWranglerReader>>;
let root: string;
beforeAll(async () => {
  read = await loadWranglerReader(CODEGEN_DIR);
  root = await makeTempDir("wrangler-reader");
}, 120_000);
afterAll(async () => rm(root, { recursive: true, force: true }));

/** Wrangler's normalised config for one environment ("" = the top level), warnings silenced. */
function readEnvironment(config: string, env: string): Record<string, unknown> {
  const saved = console.warn;
  console.warn = () => {};
  try {
    return read({ config, env }) as Record<string, unknown>;
  } finally {
    console.warn = saved;
  }
}

describe.each(FIXTURES)("wrangler's reader: $name", (fixture) => {
  it("reads every config in every environment without a warning or an error", async () => {
    const manifest = await loadFixture(fixture);
    const readings = await readWranglerDiagnostics({ manifest, files: renderAll(manifest), read });
    expect(readings.length).toBe(manifest.workers.reduce((sum, worker) => sum + worker.environments.length, 0));
    expect(readings.filter((reading) => reading.diagnostics.length > 0)).toEqual([]);
  });

  it("reads what the model says, field by field, and no binding the model lacks", async () => {
    const manifest = await loadFixture(fixture);
    const folder = join(root, fixture.name);
    for (const file of renderAll(manifest).filter((candidate) => candidate.kind === "wrangler-config")) {
      await mkdir(dirname(join(folder, file.path)), { recursive: true });
      await writeFile(join(folder, file.path), file.contents);
    }
    for (const worker of manifest.workers) {
      const config = join(folder, worker.dir, worker.configFile);
      for (const env of worker.environments) {
        const label = `${worker.id} ${env.environment}`;
        const theirs = readEnvironment(config, env.isDefault ? "" : env.environment);
        for (const [field, value] of Object.entries(env.config)) {
          if (field === "main") expect(theirs["main"], label).toBe(join(folder, worker.dir, String(value)));
          else expect(theirs[field], `${label}: ${field}`).toMatchObject(value as object);
        }
        // Per-environment fields the model does not set are empty in Wrangler's reading.
        for (const [field, value] of Object.entries(theirs)) {
          if (field in env.config || WRANGLER_FIELDS.get(field) !== "per-environment" || value === undefined) continue;
          expect(isEmpty(value), `${label}: ${field} = ${JSON.stringify(value)}`).toBe(true);
        }
      }
    }
  });
});

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object" && value !== null) return Object.values(value).every(isEmpty);
  return false;
}
