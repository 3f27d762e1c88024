import { describe, expect, it } from "vitest";
import { planSecretsMatrix, renderSecretsMatrixMarkdown } from "../../src/generate/secrets-matrix.ts";
import { validateManifest } from "../../src/manifest/validate.ts";
import { OPTIONS, validManifest } from "../manifest/valid-manifest.ts";

type Manifest = ReturnType<typeof validManifest>;

function resolve(mutate: (m: Manifest) => void) {
  const input = validManifest();
  mutate(input);
  const result = validateManifest(input, OPTIONS);
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join("\n"));
  return result.manifest;
}

const OWN = "fedcba9876543210fedcba9876543210";

describe("SECRETS.md: which account each Worker deploys to", () => {
  it("names a Worker with an account of its own in that environment, and only there", () => {
    // Without secrets in staging, openai may deploy there to another account than the store's.
    const manifest = resolve((m) => {
      m.workers["openai"]!.environments = { staging: { accountId: OWN, secrets: [] } };
    });
    const markdown = renderSecretsMatrixMarkdown(manifest);
    const staging = markdown.slice(markdown.indexOf("## staging"));
    const production = markdown.slice(markdown.indexOf("## production"), markdown.indexOf("## staging"));
    expect(staging).toContain(`Workers with an account of their own here: \`openai\` (account \`${OWN}\`).`);
    expect(production).not.toContain("account of their own");
    const stagingMatrix = planSecretsMatrix(manifest).environments.find((env) => env.name === "staging");
    expect(stagingMatrix?.workers).toContainEqual({ worker: "openai", workerName: expect.any(String), accountId: OWN });
  });

  it("says when a Worker's account comes from CLOUDFLARE_ACCOUNT_ID although the store's is known", () => {
    const manifest = resolve((m) => {
      delete m.environments["production"]!.accountId;
      m.workers["openai"]!.environments = { staging: { accountId: null } };
    });
    expect(renderSecretsMatrixMarkdown(manifest)).toContain("Workers with an account of their own here: `openai` (account from CLOUDFLARE_ACCOUNT_ID).");
  });

  it("adds nothing when every Worker deploys to its environment's account", () => {
    expect(renderSecretsMatrixMarkdown(resolve(() => undefined))).not.toContain("account of their own");
  });
});
