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

/**
 * Workers like a real fleet's: 20 bound secrets plus KV, D1, a Durable Object (with its migration)
 * and a service binding each, a cron and observability, and per-environment ids for staging and preview.
 */
export function renderRealisticManifest(workers: number): string {
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
  const id = (w: number, env: number, kind: number) => hex((w * 7 + env * 3 + kind) % 250);
  const perEnvironment = (w: number, env: number) =>
    `{ kv_namespaces: [{ binding: "CACHE", id: "${id(w, env, 1)}" }, { binding: "SESSIONS", id: "${id(w, env, 2)}" }], ` +
    `d1_databases: [{ binding: "DB", database_name: "db-${w}-${ENVIRONMENTS[env]}", database_id: "${id(w, env, 3)}" }], ` +
    `services: [{ binding: "AUTH", service: "auth-${ENVIRONMENTS[env]}" }], vars: { STAGE: "${ENVIRONMENTS[env]}" } }`;
  for (let w = 0; w < workers; w++) {
    const bound = Array.from({ length: BOUND_PER_WORKER }, (_, i) => JSON.stringify(secrets[(w + i) % DECLARED_SECRETS]));
    lines.push(
      `    "worker-${w}": {`,
      `      main: "src/index.ts", compatibilityDate: "2026-08-01", compatibilityFlags: ["nodejs_compat"],`,
      `      secrets: [${bound.join(", ")}],`,
      `      vars: { REGION: "eu", SHARD: ${w}, STAGE: "production" },`,
      `      workers_dev: false, observability: { enabled: true }, triggers: { crons: ["*/15 * * * *"] },`,
      `      kv_namespaces: [{ binding: "CACHE", id: "${id(w, 0, 1)}" }, { binding: "SESSIONS", id: "${id(w, 0, 2)}" }],`,
      `      d1_databases: [{ binding: "DB", database_name: "db-${w}", database_id: "${id(w, 0, 3)}" }],`,
      `      durable_objects: { bindings: [{ name: "ROOM", class_name: "Room" }] },`,
      `      migrations: [{ tag: "v1", new_sqlite_classes: ["Room"] }],`,
      `      services: [{ binding: "AUTH", service: "auth" }],`,
      `      environments: { staging: ${perEnvironment(w, 1)}, preview: ${perEnvironment(w, 2)} },`,
      "    },",
    );
  }
  lines.push("  },", "});", "");
  return lines.join("\n");
}
