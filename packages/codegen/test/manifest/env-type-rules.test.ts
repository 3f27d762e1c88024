// Environment names must give distinct interfaces in the generated Env types, named as
// `wrangler types` names them; `wrangler types` itself refuses the same clashes.
import { describe, expect, it } from "vitest";
import { validateManifest } from "../../src/manifest/validate.ts";
import { formatPath } from "../../src/manifest/issues.ts";
import { OPTIONS, validManifest } from "./valid-manifest.ts";

function errorsWith(environments: Record<string, Record<string, unknown>>) {
  const manifest = validManifest();
  Object.assign(manifest.environments, environments);
  const result = validateManifest(manifest, OPTIONS);
  return result.ok ? [] : result.errors.filter((issue) => issue.code === "environment-type-name-clash");
}

describe("environment names and their Env interfaces", () => {
  const staging = () => validManifest().environments["staging"]!;

  it("two names with one interface name are an error at the second", () => {
    const [issue, ...rest] = errorsWith({ "staging-env": { ...staging(), secretPrefix: "S2_" } });
    expect(rest).toEqual([]);
    expect(formatPath(issue!.path)).toBe('environments["staging-env"]');
    expect(issue!.message).toBe('Environments "staging" and "staging-env" would both be typed as interface StagingEnv in the generated Env types.');
    expect(issue!.fix).toBe('rename environment "staging-env"');
  });

  it("- and _ do not tell names apart", () => {
    const issues = errorsWith({ "eu-west": { ...staging(), secretPrefix: "A_" }, eu_west: { ...staging(), secretPrefix: "B_" } });
    expect(issues.map((issue) => issue.message)).toEqual(['Environments "eu-west" and "eu_west" would both be typed as interface EuWestEnv in the generated Env types.']);
  });

  it("an environment named env would take the aggregate's name", () => {
    const [issue] = errorsWith({ env: { ...staging(), secretPrefix: "E_" } });
    expect(issue!.message).toMatch(/"env" would be typed as interface Env, the name of the type that covers every environment/);
  });

  it("distinct names pass", () => {
    expect(errorsWith({ preview: { ...staging(), secretPrefix: "P_" }, "dev-env": { ...staging(), secretPrefix: "D_" } })).toEqual([]);
  });
});
