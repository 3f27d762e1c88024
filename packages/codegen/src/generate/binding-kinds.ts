// Every Wrangler field that puts something on a Worker's `env`, and the TypeScript type of what it
// puts there: the one table behind `env.generated.ts`. It mirrors `wrangler types` 4.164 (its
// src/type-generation/index.ts) and is checked against it in test/generate/env-types-oracle.test.ts,
// which also fails when Wrangler's type generation reads a field this table does not list.
//
// Type names are the global ambient names that both `@cloudflare/workers-types` and the runtime
// types of `wrangler types` declare, so the generated file imports nothing.

/** One object of a binding list (`{ binding: "CACHE", id: "..." }`), as plain JSON. */
export type BindingEntry = Readonly<Record<string, unknown>>;

export interface TypeContext {
  /** The Worker's main module, relative to the env types file and with its extension ("./index.ts"). */
  readonly mainModule: string | undefined;
  /** The Worker's top-level name: a service binding to it reaches the Worker's own entrypoints. */
  readonly topLevelName: string | undefined;
}

export interface BindingKind {
  /** Wrangler's field, a dotted path for lists inside an object (`queues.producers`). */
  readonly field: string;
  /**
   * `list`: an array of entries; `object`: a single entry; `map`: name -> value (`vars`), each
   * entry read as `{ name, value }`; `names`: an array of names (`secrets.required`), each `{ name }`.
   */
  readonly shape: "list" | "object" | "map" | "names";
  /** Where an entry keeps its name on `env`, or a function for kinds with a fixed name. */
  readonly name: string | ((entry: BindingEntry) => unknown);
  /** The member's type, as `wrangler types` writes it. */
  readonly type: string | ((entry: BindingEntry, context: TypeContext) => string);
}

/** Wrangler's type for a K2 stream producer (src/type-generation/k2.ts), on one line. */
const K2_PRODUCER_TYPE =
  "{ send(records: | { content: ArrayBuffer; headers?: Record<string, string> }[] | { content: Uint8Array; headers?: Record<string, string> }[]): Promise<| { success: true } | { success: false; error: { code: number; message: string; retryable: boolean } }> }";

/** What `wrangler types` writes for a pipeline when it cannot fetch the stream's schema (no login). */
const PIPELINE_TYPE = 'import("cloudflare:pipelines").Pipeline<import("cloudflare:pipelines").PipelineRecord>';

/**
 * Order = the order `wrangler types` writes members of one environment: bindings, then secrets and
 * vars, Durable Objects, services, workflows, unsafe bindings, pipelines. A name already taken by an
 * earlier row is not written again (a var named like a required secret is the secret, as in Wrangler).
 */
export const BINDING_KINDS: readonly BindingKind[] = [
  { field: "kv_namespaces", shape: "list", name: "binding", type: "KVNamespace" },
  { field: "r2_buckets", shape: "list", name: "binding", type: "R2Bucket" },
  { field: "d1_databases", shape: "list", name: "binding", type: "D1Database" },
  { field: "vectorize", shape: "list", name: "binding", type: "VectorizeIndex" },
  { field: "hyperdrive", shape: "list", name: "binding", type: "Hyperdrive" },
  { field: "send_email", shape: "list", name: "name", type: "SendEmail" },
  { field: "analytics_engine_datasets", shape: "list", name: "binding", type: "AnalyticsEngineDataset" },
  { field: "dispatch_namespaces", shape: "list", name: "binding", type: "DispatchNamespace" },
  { field: "mtls_certificates", shape: "list", name: "binding", type: "Fetcher" },
  { field: "queues.producers", shape: "list", name: "binding", type: "Queue" },
  { field: "k2", shape: "list", name: "binding", type: K2_PRODUCER_TYPE },
  { field: "secrets_store_secrets", shape: "list", name: "binding", type: "SecretsStoreSecret" },
  { field: "artifacts", shape: "list", name: "binding", type: "Artifacts" },
  { field: "unsafe_hello_world", shape: "list", name: "binding", type: "HelloWorldBinding" },
  { field: "flagship", shape: "list", name: "binding", type: "Flagship" },
  { field: "ratelimits", shape: "list", name: "name", type: "RateLimit" },
  { field: "worker_loaders", shape: "list", name: "binding", type: "WorkerLoader" },
  { field: "vpc_services", shape: "list", name: "binding", type: "Fetcher" },
  { field: "vpc_networks", shape: "list", name: "binding", type: "Fetcher" },
  // Wrangler gives every log forwarding binding together one member of a fixed name.
  { field: "logfwdr.bindings", shape: "list", name: () => "LOGFWDR_SCHEMA", type: "any" },
  { field: "browser", shape: "object", name: "binding", type: "BrowserRun" },
  { field: "analytics", shape: "object", name: "binding", type: "AnalyticsSQLBinding" },
  { field: "ai", shape: "object", name: "binding", type: "Ai" },
  { field: "images", shape: "object", name: "binding", type: "ImagesBinding" },
  { field: "stream", shape: "object", name: "binding", type: "StreamBinding" },
  { field: "media", shape: "object", name: "binding", type: "MediaBinding" },
  { field: "version_metadata", shape: "object", name: "binding", type: "WorkerVersionMetadata" },
  { field: "assets", shape: "object", name: "binding", type: "Fetcher" },
  { field: "ai_search_namespaces", shape: "list", name: "binding", type: "AiSearchNamespace" },
  { field: "ai_search", shape: "list", name: "binding", type: "AiSearchInstance" },
  { field: "agent_memory", shape: "list", name: "binding", type: "AgentMemoryNamespace" },
  // Per-Worker secrets (`wrangler secret put`) declared in the config are strings.
  { field: "secrets.required", shape: "names", name: "name", type: "string" },
  // `wrangler types --strict-vars` (the default): the value's JSON text is its literal type.
  { field: "vars", shape: "map", name: "name", type: (entry) => JSON.stringify(entry["value"]) ?? "unknown" },
  { field: "durable_objects.bindings", shape: "list", name: "name", type: durableObjectType },
  { field: "services", shape: "list", name: "binding", type: serviceType },
  { field: "workflows", shape: "list", name: "binding", type: workflowType },
  { field: "unsafe.bindings", shape: "list", name: "name", type: unsafeType },
  { field: "pipelines", shape: "list", name: "binding", type: PIPELINE_TYPE },
];

function durableObjectType(entry: BindingEntry, context: TypeContext): string {
  const className = text(entry["class_name"]);
  const script = text(entry["script_name"]);
  if (script === "" && context.mainModule !== undefined && isIdentifier(className)) {
    return `DurableObjectNamespace<import(${JSON.stringify(context.mainModule)}).${className}>`;
  }
  return `DurableObjectNamespace ${comment(script === "" ? className : `${className} from ${script}`)}`;
}

function serviceType(entry: BindingEntry, context: TypeContext): string {
  const service = text(entry["service"]);
  const entrypoint = text(entry["entrypoint"]);
  const ownExport = entrypoint === "" ? "default" : entrypoint;
  if (service === context.topLevelName && context.mainModule !== undefined && isIdentifier(ownExport)) {
    return `Service<typeof import(${JSON.stringify(context.mainModule)}).${ownExport}>`;
  }
  if (entrypoint !== "") return `Service ${comment(`entrypoint ${entrypoint} from ${service}`)}`;
  return `Fetcher ${comment(service)}`;
}

function workflowType(entry: BindingEntry, context: TypeContext): string {
  const className = text(entry["class_name"]);
  const script = text(entry["script_name"]);
  if (script === "" && context.mainModule !== undefined && isIdentifier(className)) {
    return `Workflow<Parameters<import(${JSON.stringify(context.mainModule)}).${className}['run']>[0]['payload']>`;
  }
  return `Workflow ${comment(script === "" ? className : `${className} from ${script}`)}`;
}

function unsafeType(entry: BindingEntry): string {
  if (entry["type"] === "ratelimit") return "RateLimit";
  if (entry["type"] === "service") return "Fetcher";
  return "any";
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/** A note inside the type, as Wrangler writes it; the text cannot end the comment early. */
function comment(note: string): string {
  return `/* ${note.replaceAll("*/", "* /")} */`;
}
