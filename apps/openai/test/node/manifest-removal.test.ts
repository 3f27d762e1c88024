import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TempRepo } from "./temp-repo.ts";
import { createTempRepo, errorLines, REPO_ROOT, runNode, typecheck } from "./temp-repo.ts";

const CLI = join(REPO_ROOT, "packages/codegen/bin/secrets-manifest.js");
const OPENAI_WORKER = `openai: { ...proxy, name: "ai-openai", secrets: ["OPENAI_API_KEY", ...gateway] },`;

// The lead's generator, run on a temp copy of the manifest and the app: never on the real tree.
describe("removing the provider key from the openai worker in the manifest", () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await createTempRepo();
  });
  afterEach(() => repo.remove());

  async function generate(edit: (manifest: string) => string) {
    const manifest = await readFile(join(REPO_ROOT, "secrets.manifest.ts"), "utf8");
    const manifestPath = join(repo.root, "secrets.manifest.ts");
    await writeFile(manifestPath, edit(manifest));
    return runNode([CLI, "generate", "--manifest", manifestPath, "--root", repo.root], repo.root);
  }

  it("keeps the app compiling when the manifest is unchanged", async () => {
    const generated = await generate((manifest) => manifest);
    expect(generated.exitCode).toBe(0);
    expect(await typecheck(repo.appDir)).toEqual({ exitCode: 0, output: "" });
  });

  it("makes the app fail typecheck, naming OPENAI_API_KEY", async () => {
    const generated = await generate((manifest) => {
      expect(manifest).toContain(OPENAI_WORKER);
      return manifest.replace(OPENAI_WORKER, `openai: { ...proxy, name: "ai-openai", secrets: [...gateway] },`);
    });
    expect(generated.exitCode).toBe(0);
    const env = await readFile(join(repo.appDir, "src", "env.generated.ts"), "utf8");
    expect(env).not.toContain("OPENAI_API_KEY");

    const result = await typecheck(repo.appDir);
    expect(result.exitCode).not.toBe(0);
    expect(errorLines(result.output)).toEqual([expect.stringMatching(/^src\/index\.ts\(\d+,\d+\): error TS2345/)]);
    expect(result.output).toContain(`Type '"OPENAI_API_KEY"' is not assignable to type 'SecretBindingName<Env>'`);
  });
});
