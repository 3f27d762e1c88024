// Writes synthetic manifests for the benchmark: N workers x 20 bound secrets x 3 environments.
// Each environment has its own account, so 30 declared secrets stay within the 100-secret quota.

const ENVIRONMENTS = ["production", "staging", "preview"] as const;
const DECLARED_SECRETS = 30;
const BOUND_PER_WORKER = 20;

function hex(seed: number): string {
  return seed.toString(16).padStart(2, "0").repeat(16).slice(0, 32);
}

export function renderSyntheticManifest(workers: number): string {
  const secrets = Array.from({ length: DECLARED_SECRETS }, (_, i) => `PROVIDER_${i}_API_KEY`);
  const lines = [
    'import { defineManifest } from "@secrets-manifest/codegen";',
    "",
    "export default defineManifest({",
    "  environments: {",
    ...ENVIRONMENTS.map((env, i) => `    ${env}: { accountId: "${hex(i + 1)}", storeId: "${hex(i + 100)}" },`),
    "  },",
    '  defaultEnvironment: "production",',
    "  secrets: {",
    ...secrets.map((name) => `    ${name}: { description: "Key for provider ${name}", scopes: ["workers"] },`),
    "  },",
    "  workers: {",
  ];
  for (let w = 0; w < workers; w++) {
    const bound = Array.from({ length: BOUND_PER_WORKER }, (_, i) => JSON.stringify(secrets[(w + i) % DECLARED_SECRETS]));
    lines.push(
      `    "worker-${w}": { main: "src/index.ts", compatibilityDate: "2026-08-01", secrets: [${bound.join(", ")}], vars: { REGION: "eu", SHARD: ${w} } },`,
    );
  }
  lines.push("  },", "});", "");
  return lines.join("\n");
}
