// Rules about the environments each worker lives in: `deployTo` and `environments` name declared
// environments, an override is only for an environment the worker lives in, and an environment
// where a worker binds a secret has a store. Accounts have rules of their own (account-rules.ts).
import { describeValue, type ManifestIssue } from "./issues.ts";
import { closest } from "./suggest.ts";
import { entries, isDict, str, workerSecretRefs, type Dict } from "./rule-input.ts";
import { livingEnvironments } from "./normalize.ts";

export function checkWorkerEnvironments(raw: Dict): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const declared = entries(raw["environments"]);
  const environments = declared.map(([name]) => name);
  const defaultEnvironment = str(raw["defaultEnvironment"]);
  const bindersByEnv = new Map<string, string[]>();
  for (const [app, worker] of entries(raw["workers"])) {
    const deployTo = Array.isArray(worker["deployTo"]) ? worker["deployTo"] : [];
    deployTo.forEach((env, i) => {
      if (typeof env !== "string" || environments.length === 0 || environments.includes(env)) return;
      issues.push(unknownEnvironment(`Worker "${app}" lists "${env}" in deployTo`, ["workers", app, "deployTo", i], env, environments));
    });
    const living = livingEnvironments(worker, environments, defaultEnvironment);
    for (const [env] of entries(worker["environments"])) {
      if (environments.length > 0 && !environments.includes(env)) {
        issues.push(unknownEnvironment(`Worker "${app}" overrides environment "${env}"`, ["workers", app, "environments", env], env, environments));
      } else if (environments.includes(env) && !living.includes(env)) {
        issues.push({
          severity: "error",
          code: "override-outside-deploy-to",
          path: ["workers", app, "environments", env],
          message: `Worker "${app}" has settings for ${env}, but does not live there (deployTo leaves it out), so they would never be used.`,
          expected: `an environment in deployTo: ${living.join(", ")}`,
          received: describeValue(env),
          fix: `add "${env}" to workers.${app}.deployTo, or remove workers.${app}.environments.${env}`,
        });
      }
    }
    for (const env of living) {
      const override = isDict(worker["environments"]) ? worker["environments"][env] : undefined;
      const source = isDict(override) && "secrets" in override ? override : worker;
      if (workerSecretRefs(source, []).length === 0) continue;
      bindersByEnv.set(env, [...(bindersByEnv.get(env) ?? []), app]);
    }
  }
  for (const [env, spec] of declared) {
    const binders = bindersByEnv.get(env) ?? [];
    if (binders.length === 0 || spec["storeId"] !== undefined) continue;
    const shown = binders.slice(0, 3).map((app) => `"${app}"`).join(", ") + (binders.length > 3 ? ` and ${binders.length - 3} more` : "");
    issues.push({
      severity: "error",
      code: "missing-store-id",
      path: ["environments", env],
      message: `Worker${binders.length > 1 ? "s" : ""} ${shown} bind${binders.length > 1 ? "" : "s"} Secrets Store secrets in ${env}, but environments.${env} has no storeId.`,
      expected: "storeId: the 32-character id of the account's Secrets Store",
      received: "no storeId",
      fix: `add storeId to environments.${env} (\`wrangler secrets-store store list --remote\` lists it)`,
    });
  }
  return issues;
}

function unknownEnvironment(what: string, path: (string | number)[], env: string, environments: readonly string[]): ManifestIssue {
  const suggestion = closest(env, environments);
  return {
    severity: "error",
    code: "unknown-environment",
    path,
    message: `${what}, which is not declared under environments.`,
    expected: `one of ${environments.map((n) => JSON.stringify(n)).join(", ")}`,
    received: describeValue(env),
    fix: suggestion ? `did you mean "${suggestion}"?` : "declare the environment or remove it here",
  };
}
