// Rules on the resolved configs, where the merge rule has been applied: what the top level (the
// default environment) has and an `[env.X]` cannot say it lacks. Wrangler inherits some fields and
// warns about others (wrangler-fields.ts): both would make a generated config say something else
// than the manifest.
import type { IssuePath, ManifestIssue } from "./issues.ts";
import type { ResolvedManifest, ResolvedWorker, ResolvedWorkerEnvironment } from "./model.ts";
import type { ParsedManifest } from "./schema.ts";
import { EMPTY_OBJECT_VALUES, inheritanceOf, manifestKeyOf } from "./wrangler-fields.ts";

export function checkConfigs(manifest: ResolvedManifest, parsed: ParsedManifest): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  for (const worker of manifest.workers) {
    const top = worker.environments.find((env) => env.isDefault);
    if (top === undefined) continue;
    const overrides = (parsed.workers[worker.id]?.environments ?? {}) as Record<string, Record<string, unknown> | undefined>;
    for (const env of worker.environments.filter((candidate) => !candidate.isDefault)) {
      for (const [field, value] of Object.entries(top.config)) {
        const where = sourcePath({ worker, field, top, env, overrides });
        const inheritance = inheritanceOf(field);
        if (inheritance === "inherited") {
          // Lists are written as [] in [env.X]; account_id has its own rule (missing-account-id).
          if (field in env.config || Array.isArray(value) || field === "account_id") continue;
          issues.push(inheritedOnlyInDefault({ worker, field, top, env, path: where }));
        } else if (inheritance === "per-environment") {
          const missing = missingNames(field, value, env.config[field]);
          if (missing.length > 0) issues.push(wranglerWillWarn({ worker, field, top, env, path: where, missing }));
        }
      }
    }
  }
  return issues;
}

interface Context {
  readonly worker: ResolvedWorker;
  readonly field: string;
  readonly top: ResolvedWorkerEnvironment;
  readonly env: ResolvedWorkerEnvironment;
}

/** Where the top level's value was set: X's override when X dropped it, else the default's override. */
function sourcePath(context: Context & { overrides: Record<string, Record<string, unknown> | undefined> }): IssuePath {
  const key = manifestKeyOf(context.field);
  const base: IssuePath = ["workers", context.worker.id];
  if (context.overrides[context.env.environment]?.[key] !== undefined) return [...base, "environments", context.env.environment, key];
  if (context.overrides[context.top.environment]?.[key] !== undefined) return [...base, "environments", context.top.environment, key];
  return [...base, key];
}

function inheritedOnlyInDefault(context: Context & { path: IssuePath }): ManifestIssue {
  const { worker, field, top, env } = context;
  const key = manifestKeyOf(field);
  return {
    severity: "error",
    code: "inherited-from-default",
    path: context.path,
    message: `${key} is set for ${top.environment} (the top level of ${worker.configFile}) but not for ${env.environment}; Wrangler inherits ${field} into [env.${env.environment}], so ${env.environment} would get ${top.environment}'s value.`,
    expected: `${key} set on the worker, or in every environment`,
    received: `${key} only in ${top.environment}`,
    fix: `set ${key} on workers.${worker.id} (overriding it where it differs), or also set workers.${worker.id}.environments.${env.environment}.${key}`,
  };
}

function wranglerWillWarn(context: Context & { path: IssuePath; missing: string[] }): ManifestIssue {
  const { worker, field, top, env, missing } = context;
  const shown = missing.length > 5 ? `${missing.slice(0, 5).join(", ")} and ${missing.length - 5} more` : missing.join(", ");
  return {
    severity: "warning",
    code: "wrangler-will-warn",
    path: context.path,
    message: `${top.environment} (the top level of ${worker.configFile}) has ${field} ${shown} that ${env.environment} lacks; Wrangler warns about that on every command for --env ${env.environment}.`,
    fix: `also set it for ${env.environment}, or make the environment with the fewest bindings the defaultEnvironment (Wrangler only warns about what the top level has and [env.*] lacks)`,
  };
}

/** The names the top level's value has and the environment's lacks, as Wrangler compares them. */
function missingNames(field: string, top: unknown, env: unknown): string[] {
  const topNames = namesOf(field, top);
  // A single binding (ai, browser, ...) or an unknown object: Wrangler only asks that [env.X] has the field.
  if (!Array.isArray(top) && !EMPTY_OBJECT_VALUES.has(field)) return env === undefined ? (topNames.length > 0 ? topNames : ["(set)"]) : [];
  const envNames = new Set(namesOf(field, env));
  return topNames.filter((name) => !envNames.has(name));
}

function namesOf(field: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (field === "vars" || field === "define") return Object.keys(value as object);
  if (field === "durable_objects") return ((value as { bindings?: { name?: string }[] }).bindings ?? []).map((b) => String(b.name));
  // Wrangler compares binding lists by `binding` name; other lists (tail_consumers, ...) it does not compare.
  if (Array.isArray(value)) return value.flatMap((item: unknown) => (typeof item === "object" && item !== null && "binding" in item ? [String(item.binding)] : []));
  if (typeof value === "object" && "binding" in value) return [String(value.binding)];
  return [];
}
