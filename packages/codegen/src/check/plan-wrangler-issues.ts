// Turns what Wrangler's own config reader said about a generated config into manifest issues, at the
// manifest key that set the field Wrangler names. Pure.
import type { IssuePath, ManifestIssue } from "../manifest/issues.ts";
import type { ResolvedWorker } from "../manifest/model.ts";
import { isDict } from "../manifest/rule-input.ts";
import { WRANGLER_FIELDS, manifestKeyOf } from "../manifest/wrangler-fields.ts";
import type { WranglerDiagnostic } from "./parse-wrangler-diagnostics.ts";

export interface WranglerIssuesInput {
  readonly worker: ResolvedWorker;
  readonly environment: string;
  readonly defaultEnvironment: string;
  /** The config's path relative to the output root, for the message. */
  readonly configPath: string;
  readonly diagnostics: readonly WranglerDiagnostic[];
  /** The manifest as written (the module's default export): which key set a field. */
  readonly input: unknown;
}

export function planWranglerIssues(options: WranglerIssuesInput): ManifestIssue[] {
  const { worker, environment } = options;
  const env = worker.environments.find((candidate) => candidate.environment === environment);
  const known = (field: string | number | undefined) =>
    typeof field === "string" && (WRANGLER_FIELDS.has(field) || (env !== undefined && field in env.config) || field in worker.topLevelSettings);
  const where = environment === options.defaultEnvironment ? "the top level" : `--env ${environment}`;
  return options.diagnostics.map((diagnostic): ManifestIssue => {
    const field = diagnostic.fields.find((candidate) => known(candidate[0])) ?? [];
    return {
      severity: diagnostic.severity,
      code: "wrangler-config",
      path: manifestPathOf({ ...options, field }),
      message: `Wrangler, reading ${options.configPath} (${where}): ${diagnostic.message}`,
      fix: "change the field in the manifest as Wrangler asks, then run generate again",
    };
  });
}

/** The manifest key behind a Wrangler field of one environment: its override, the worker, or the default's override. */
function manifestPathOf(options: WranglerIssuesInput & { field: readonly (string | number)[] }): IssuePath {
  const { worker, environment, field } = options;
  const [head, ...rest] = field;
  const base: IssuePath = ["workers", worker.id];
  if (typeof head !== "string") return base;
  const key = head === "account_id" ? "accountId" : manifestKeyOf(head);
  const raw = (options.input as { workers?: Record<string, unknown> } | undefined)?.workers?.[worker.id];
  const overrides = isDict(raw) && isDict(raw["environments"]) ? raw["environments"] : {};
  const sets = (value: unknown) => isDict(value) && value[key] !== undefined;
  // A worker's own account (an override, or null) wins over its environment's.
  if (head === "account_id" && !sets(overrides[environment]) && !sets(raw)) return ["environments", environment, "accountId"];
  if (sets(overrides[environment])) return [...base, "environments", environment, key, ...rest];
  if (sets(raw)) return [...base, key, ...rest];
  if (sets(overrides[options.defaultEnvironment])) return [...base, "environments", options.defaultEnvironment, key, ...rest];
  return base;
}
