// Whole outputs of three realistic manifests, reviewed as diffs. Update with `vitest run -u`. The
// bundled manifest's golden files are the committed outputs under apps/, provision/ and SECRETS.md.
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { renderAll } from "../../src/generate/render-all.ts";
import { isGenerated } from "../../src/generate/header.ts";
import { planWrites } from "../../src/write/plan-writes.ts";
import { FIXTURES, REPO_ROOT, loadFixture } from "./support.ts";

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"));
}

describe.each(FIXTURES)("golden files: $name", (fixture) => {
  test("every generated file matches its golden copy", async () => {
    const files = renderAll(await loadFixture(fixture));
    for (const file of files) {
      expect(isGenerated(file.contents), file.path).toBe(true);
      await expect(file.contents).toMatchFileSnapshot(join(fixture.goldenRoot, file.path));
    }
  });

  test("no golden file is left over from an output that is no longer generated", async () => {
    const manifest = await loadFixture(fixture);
    const files = renderAll(manifest);
    if (fixture.goldenRoot === REPO_ROOT) {
      // In the repository, stamped files the manifest no longer generates are what the writer deletes.
      const plan = planWrites({ root: REPO_ROOT, files, manifest });
      expect(plan.changes.filter((change) => change.action === "delete").map((change) => change.path)).toEqual([]);
      return;
    }
    const golden = await listFiles(fixture.goldenRoot);
    expect(golden.sort()).toEqual(files.map((file) => file.path).sort());
  });

  test("rendering is deterministic and sorted by path", async () => {
    const manifest = await loadFixture(fixture);
    const first = renderAll(manifest);
    expect(renderAll(manifest)).toEqual(first);
    const paths = first.map((file) => file.path);
    expect(paths).toEqual([...paths].sort());
    expect(new Set(paths).size).toBe(paths.length);
  });

  test("kinds, workers and environments are recorded for the writer", async () => {
    const manifest = await loadFixture(fixture);
    const files = renderAll(manifest);
    const expected = [
      ...manifest.workers.flatMap((worker) => [
        { path: `${worker.dir}/${worker.configFile}`, kind: "wrangler-config", worker: worker.id },
        { path: `${worker.dir}/${worker.envTypesFile}`, kind: "env-types", worker: worker.id },
      ]),
      ...manifest.environments.flatMap((env) =>
        ["remote.sh", "remote.ps1", "local.sh", "local.ps1"].map((suffix) => ({
          path: `${manifest.provisionDir}/${env.name}.${suffix}`,
          kind: "provision-script",
          environment: env.name,
        })),
      ),
      { path: "SECRETS.md", kind: "secrets-matrix" },
    ];
    const actual = files.map(({ path, kind, worker, environment }) => ({
      path,
      kind,
      ...(worker === undefined ? {} : { worker }),
      ...(environment === undefined ? {} : { environment }),
    }));
    expect(actual).toEqual(expected.sort((a, b) => (a.path < b.path ? -1 : 1)));
  });
});
