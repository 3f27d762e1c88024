// How Wrangler treats each of its config fields across environments: the one table the generator,
// the rules and the tests consult. It copies Wrangler's own `EnvironmentInheritable` /
// `EnvironmentNonInheritable` / top-level `ConfigFields`; test/manifest/wrangler-fields.test.ts
// checks it against the installed wrangler, so a Wrangler upgrade that moves a field fails a test.

/**
 * - `inherited`: `[env.X]` takes the top level's value unless it sets its own (Wrangler's inheritable fields).
 * - `per-environment`: Wrangler does not inherit it; every environment must repeat it (bindings, vars, ...).
 * - `top-level-only`: allowed only at the top of the config, never in `[env.X]`.
 */
export type Inheritance = "inherited" | "per-environment" | "top-level-only";

const INHERITED = [
  "name", "account_id", "compatibility_date", "compatibility_flags", "main", "find_additional_modules",
  "preserve_file_names", "base_dir", "workers_dev", "preview_urls", "routes", "route", "tsconfig",
  "jsx_factory", "jsx_fragment", "migrations", "exports", "triggers", "limits", "rules", "build",
  "no_bundle", "minify", "keep_names", "first_party_worker", "logfwdr", "logpush", "upload_source_maps",
  "placement", "assets", "observability", "access", "cache", "compliance_region", "python_modules", "previews",
] as const;

const PER_ENVIRONMENT = [
  "define", "vars", "secrets", "durable_objects", "workflows", "cloudchamber", "containers", "kv_namespaces",
  "send_email", "queues", "connect", "r2_buckets", "d1_databases", "vectorize", "ai_search_namespaces",
  "ai_search", "agent_memory", "hyperdrive", "services", "analytics_engine_datasets", "browser", "analytics",
  "ai", "images", "media", "stream", "version_metadata", "unsafe", "mtls_certificates", "tail_consumers",
  "streaming_tail_consumers", "dispatch_namespaces", "pipelines", "k2", "secrets_store_secrets", "artifacts",
  "unsafe_hello_world", "flagship", "ratelimits", "worker_loaders", "vpc_services", "vpc_networks",
] as const;

const TOP_LEVEL_ONLY = [
  "send_metrics", "dependencies_instrumentation", "dev", "site", "wasm_modules", "text_blobs", "data_blobs",
  "alias", "keep_vars", "addresses", "pages_build_output_dir", "$schema", "env",
] as const;

export const WRANGLER_FIELDS: ReadonlyMap<string, Inheritance> = new Map<string, Inheritance>([
  ...INHERITED.map((field): [string, Inheritance] => [field, "inherited"]),
  ...PER_ENVIRONMENT.map((field): [string, Inheritance] => [field, "per-environment"]),
  ...TOP_LEVEL_ONLY.map((field): [string, Inheritance] => [field, "top-level-only"]),
]);

/**
 * A field this table does not know yet (Wrangler added it after this release) is written in full
 * in every environment: correct whether or not Wrangler inherits it.
 */
export function inheritanceOf(field: string): Inheritance {
  return WRANGLER_FIELDS.get(field) ?? "per-environment";
}

/**
 * What `[env.X]` says for a per-environment object field that the top level has and X does not:
 * the empty value Wrangler accepts, so that it does not warn that the field is missing. List
 * fields take `[]`. Fields absent here (`ai`, `browser`, ...: a single binding) have no empty form.
 */
export const EMPTY_OBJECT_VALUES: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ["vars", {}],
  ["define", {}],
  ["durable_objects", { bindings: [] }],
  ["secrets", { required: [] }],
  ["queues", { producers: [], consumers: [] }],
]);

/**
 * Wrangler fields that the manifest spells its own way, with the manifest's spelling for the
 * error that tells a user who wrote Wrangler's name.
 */
export const OWNED_WRANGLER_FIELDS: ReadonlyMap<string, string> = new Map([
  ["compatibility_date", "compatibilityDate"],
  ["compatibility_flags", "compatibilityFlags"],
  ["account_id", "accountId (under environments.<name>, or on a worker that has an account of its own)"],
  ["secrets_store_secrets", "secrets (a list of the manifest's secret names)"],
  ["env", "environments"],
]);

/** The manifest key that holds a Wrangler field of a worker (the field itself when it passes through). */
export function manifestKeyOf(field: string): string {
  return MANIFEST_KEYS.get(field) ?? field;
}

const MANIFEST_KEYS: ReadonlyMap<string, string> = new Map([
  ["compatibility_date", "compatibilityDate"],
  ["compatibility_flags", "compatibilityFlags"],
  ["secrets", "workerSecrets"],
  ["secrets_store_secrets", "secrets"],
]);
