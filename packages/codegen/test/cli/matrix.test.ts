import { expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, runCli } from "../helpers/sandbox.ts";

it("--format json lists, per environment, every secret with its store name, scopes and readers", () => {
  const result = runCli(["matrix", "--format", "json"], { cwd: REPO_ROOT });
  expect(result.status, result.stderr).toBe(0);
  const matrix = JSON.parse(result.stdout);
  const staging = matrix.environments.find((env: { name: string }) => env.name === "staging");
  const key = staging.secrets.find((s: { secret: string }) => s.secret === "OPENAI_API_KEY");
  expect(key).toEqual({
    secret: "OPENAI_API_KEY",
    storeSecretName: "STAGING_OPENAI_API_KEY",
    scopes: ["workers"],
    readers: [{ worker: "openai", workerName: "ai-openai-staging", binding: "OPENAI_API_KEY" }],
  });
  expect(matrix.rotation["CLOUDFLARE_API_KEY"]).toEqual({
    workers: ["openai", "anthropic", "deepseek", "perplexity", "google-ai-studio", "huggingface", "elevenlabs"],
    rotateEveryDays: 90,
  });
});

it("the Markdown form is what SECRETS.md holds", () => {
  const result = runCli(["matrix"], { cwd: REPO_ROOT });
  expect(result.status).toBe(0);
  expect(result.stdout).toBe(readFileSync(join(REPO_ROOT, "SECRETS.md"), "utf8"));
  expect(result.stdout).toMatch(/\| `STAGING_ANTHROPIC_API_KEY` \|  \| `ANTHROPIC_API_KEY` \|/);
});
