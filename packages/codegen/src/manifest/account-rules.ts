// Rules about the account each worker deploys to in each environment it lives in: the worker
// environment's `accountId`, else the worker's, else the environment's (null: no account_id).
import type { IssuePath, ManifestIssue } from "./issues.ts";
import { entries, isDict, str, workerSecretRefs, type Dict } from "./rule-input.ts";
import { livingEnvironments } from "./normalize.ts";
import { HEX_ID, matchesRule } from "./names.ts";

/** A worker's account in one environment and the manifest key that decides it. */
interface Account {
  /** undefined: no account_id (CLOUDFLARE_ACCOUNT_ID decides). */
  readonly id: string | undefined;
  readonly by: "worker-environment" | "worker" | "environment";
  readonly path: IssuePath;
}

/** undefined when an override holds neither a valid id nor null: the schema reports that one. */
function accountOf(options: { worker: Dict; app: string; env: string; override: unknown; spec: Dict | undefined }): Account | undefined {
  const { worker, app, env, override, spec } = options;
  const candidates: [unknown, Account["by"], IssuePath][] = [
    [isDict(override) ? override["accountId"] : undefined, "worker-environment", ["workers", app, "environments", env, "accountId"]],
    [worker["accountId"], "worker", ["workers", app, "accountId"]],
  ];
  for (const [value, by, path] of candidates) {
    if (value === undefined) continue;
    if (value !== null && !(typeof value === "string" && matchesRule(HEX_ID, value))) return undefined;
    return { id: value ?? undefined, by, path };
  }
  return { id: str(spec?.["accountId"]), by: "environment", path: ["environments", env] };
}

export function checkAccounts(raw: Dict): ManifestIssue[] {
  const declared = new Map(entries(raw["environments"]));
  const environments = [...declared.keys()];
  const defaultEnvironment = str(raw["defaultEnvironment"]);
  if (defaultEnvironment === undefined || !declared.has(defaultEnvironment)) return [];
  const issues: ManifestIssue[] = [];
  // Environments whose own missing accountId leaves workers there without one: env -> apps.
  const inheriting = new Map<string, string[]>();
  for (const [app, worker] of entries(raw["workers"])) {
    const living = livingEnvironments(worker, environments, defaultEnvironment);
    const overrides = new Map(living.map((env) => [env, isDict(worker["environments"]) ? worker["environments"][env] : undefined]));
    const accounts = new Map(living.map((env) => [env, accountOf({ worker, app, env, override: overrides.get(env), spec: declared.get(env) })]));
    const top = accounts.get(defaultEnvironment);
    for (const env of living) {
      const here = accounts.get(env);
      if (here === undefined) continue;
      if (env !== defaultEnvironment && top?.id !== undefined && here.id === undefined) {
        if (here.by === "environment") inheriting.set(env, [...(inheriting.get(env) ?? []), app]);
        else issues.push(nullUnderAccount({ app, env, defaultEnvironment, here, top }));
      }
      const issue = checkStoreAccount({ app, env, worker, override: overrides.get(env), here, spec: declared.get(env) });
      if (issue !== undefined) issues.push(issue);
    }
  }
  for (const [env, apps] of inheriting) issues.push(missingAccount(env, apps, defaultEnvironment));
  return issues;
}

/**
 * Wrangler inherits `account_id` from the top level (the default environment) into every `[env.X]`
 * and has no way to unset it: an environment without an account would deploy to the top level's.
 */
function missingAccount(env: string, apps: readonly string[], defaultEnvironment: string): ManifestIssue {
  const shown = apps.slice(0, 3).map((app) => `"${app}"`).join(", ") + (apps.length > 3 ? ` and ${apps.length - 3} more` : "");
  const many = apps.length > 1;
  return {
    severity: "error",
    code: "missing-account-id",
    path: ["environments", env],
    message:
      `Worker${many ? "s" : ""} ${shown} ${many ? "have" : "has"} an account in ${defaultEnvironment} (the top level of ${many ? "their configs" : "its config"}) but none in ${env}: ` +
      `environments.${env} has no accountId, and Wrangler would deploy ${env} to ${defaultEnvironment}'s account.`,
    expected: "accountId: the 32-character Cloudflare account id",
    received: "no accountId",
    fix:
      `add accountId to environments.${env} (the same id if both share an account), or give the worker one there ` +
      `(workers.${apps[0]}.environments.${env}.accountId), or leave ${defaultEnvironment} without one too and use CLOUDFLARE_ACCOUNT_ID`,
  };
}

function nullUnderAccount(options: { app: string; env: string; defaultEnvironment: string; here: Account; top: Account }): ManifestIssue {
  const { app, env, defaultEnvironment, top } = options;
  const where = top.by === "environment" ? `environments.${defaultEnvironment}.accountId` : top.path.join(".");
  return {
    severity: "error",
    code: "missing-account-id",
    path: options.here.path,
    message:
      `Worker "${app}" has no account_id in ${env} (accountId: null), but ${defaultEnvironment}, the top level of its config, names ${top.id} (${where}); ` +
      `Wrangler inherits it into [env.${env}], so it would deploy ${env} to ${defaultEnvironment}'s account.`,
    expected: `an account id for ${env}, or no account in ${defaultEnvironment} either`,
    received: "null",
    fix: `give ${env} its account id here, or set workers.${app}.accountId: null (and no account for ${defaultEnvironment}) if the worker deploys to CLOUDFLARE_ACCOUNT_ID everywhere`,
  };
}

/**
 * Provisioning creates an environment's secrets in its store, in the environment's account; a Worker
 * can bind only a store of the account it is deployed to.
 */
function checkStoreAccount(options: { app: string; env: string; worker: Dict; override: unknown; here: Account; spec: Dict | undefined }): ManifestIssue | undefined {
  const { app, env, worker, override, here, spec } = options;
  if (here.by === "environment") return undefined;
  const source = isDict(override) && "secrets" in override ? override : worker;
  if (workerSecretRefs(source, []).length === 0) return undefined;
  const storeAccount = str(spec?.["accountId"]);
  const store = str(spec?.["storeId"]) ?? "(none yet)";
  if (here.id === storeAccount) return undefined;
  if (here.id !== undefined && storeAccount !== undefined) {
    return {
      severity: "error",
      code: "store-account-mismatch",
      path: here.path,
      message: `Worker "${app}" deploys to account ${here.id} in ${env} and binds Secrets Store secrets there, but ${env}'s secrets are provisioned in store ${store} of account ${storeAccount} (environments.${env}); a Worker can bind only its own account's store.`,
      expected: `account ${storeAccount}, the account of ${env}'s store`,
      received: here.id,
      fix: `give account ${here.id} an environment of its own (with that account's storeId) and deploy the worker there, or remove this accountId`,
    };
  }
  return {
    severity: "warning",
    code: "store-account-unknown",
    path: here.path,
    message:
      here.id === undefined
        ? `Worker "${app}" binds Secrets Store secrets in ${env}, whose store is in account ${storeAccount}, but its config names no account (CLOUDFLARE_ACCOUNT_ID decides): deployed elsewhere, its bindings fail.`
        : `Worker "${app}" deploys to account ${here.id} in ${env} and binds Secrets Store secrets there, but environments.${env} names no account, so provisioning uses CLOUDFLARE_ACCOUNT_ID's store: it must be ${here.id}.`,
    fix: here.id === undefined ? `set the account here (${storeAccount}), or drop this override` : `set environments.${env}.accountId to ${here.id}, or drop this override`,
  };
}
