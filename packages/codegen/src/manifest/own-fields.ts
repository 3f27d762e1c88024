// The manifest's own keys of a worker and of a worker's environment. Every other key there is a
// Wrangler field that passes through to the generated config.

export const OWN_WORKER_FIELDS: ReadonlySet<string> = new Set([
  "name", "main", "compatibilityDate", "compatibilityFlags", "dir", "accountId", "secrets", "vars", "workerSecrets",
  "configFile", "envTypesFile", "deployTo", "environments",
]);

export const OWN_WORKER_ENVIRONMENT_FIELDS: ReadonlySet<string> = new Set([
  "name", "accountId", "main", "compatibilityDate", "compatibilityFlags", "vars", "secrets", "workerSecrets",
]);
