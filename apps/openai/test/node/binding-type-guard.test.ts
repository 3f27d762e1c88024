import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TempRepo } from "./temp-repo.ts";
import { createTempRepo, errorLines, typecheck } from "./temp-repo.ts";

// The openai app's generated Env has OPENAI_API_KEY and the gateway secrets, not ANTHROPIC_API_KEY.
describe("reading a binding the manifest does not give the app", () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createTempRepo();
  });
  afterAll(() => repo.remove());

  async function typecheckWith(source: string) {
    await writeFile(join(repo.appDir, "src", "extra-read.ts"), source);
    return typecheck(repo.appDir);
  }

  it("compiles while the app reads only its own bindings", async () => {
    const result = await typecheckWith(`import { createSecretCache } from "@secrets-manifest/runtime";
import type { Env } from "./env.generated.ts";
export const read = (env: Env) => Promise.all([env.OPENAI_API_KEY.get(), createSecretCache().read(env, "AI_GATEWAY_ID")]);
`);
    expect(result).toEqual({ exitCode: 0, output: "" });
  });

  it("fails tsc, naming the binding, for env.ANTHROPIC_API_KEY", async () => {
    const result = await typecheckWith(`import type { Env } from "./env.generated.ts";
export const read = (env: Env) => env.ANTHROPIC_API_KEY.get();
`);
    expect(result.exitCode).not.toBe(0);
    expect(errorLines(result.output)).toEqual([
      expect.stringMatching(/^src\/extra-read\.ts\(2,\d+\): error TS2339: Property 'ANTHROPIC_API_KEY' does not exist on type 'Env'/),
    ]);
  });

  it("fails tsc, naming the binding, when the secret cache is asked for ANTHROPIC_API_KEY", async () => {
    const result = await typecheckWith(`import { createSecretCache } from "@secrets-manifest/runtime";
import type { Env } from "./env.generated.ts";
export const read = (env: Env) => createSecretCache().read(env, "ANTHROPIC_API_KEY");
`);
    expect(result.exitCode).not.toBe(0);
    expect(errorLines(result.output)).toEqual([
      expect.stringMatching(/^src\/extra-read\.ts\(3,\d+\): error TS2345: Argument of type '"ANTHROPIC_API_KEY"'/),
    ]);
  });

  it("fails tsc when the app is built for a provider whose key it does not have", async () => {
    const result = await typecheckWith(`import { createProxyWorker, providers } from "@secrets-manifest/runtime";
import type { Env } from "./env.generated.ts";
export const wrong = createProxyWorker<Env>(providers.anthropic);
`);
    expect(result.exitCode).not.toBe(0);
    expect(errorLines(result.output)).toEqual([expect.stringMatching(/^src\/extra-read\.ts\(3,\d+\): error TS2345/)]);
    expect(result.output).toContain(`Type '"ANTHROPIC_API_KEY"' is not assignable to type`);
  });
});
