// Rules about each worker: references, bindings, names, folders and compatibility dates.
import { describeValue, type IssuePath, type ManifestIssue } from "./issues.ts";
import { ENVIRONMENT_NAME, WORKER_NAME, matchesRule } from "./names.ts";
import { closest } from "./suggest.ts";
import { isRealDate } from "./schema.ts";
import { entries, isDict, str, workerSecretRefs, type Dict } from "./rule-input.ts";
import type { RuleContext } from "./rules.ts";

export function checkWorkers(raw: Dict, context: RuleContext): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const secrets = entries(raw["secrets"]);
  const secretNames = secrets.map(([name]) => name);
  const environments = entries(raw["environments"]).map(([name]) => name);
  const defaultEnvironment = str(raw["defaultEnvironment"]);
  const deployedNames = new Map<string, string>();
  const dirs = new Map<string, string>();
  for (const [app, worker] of entries(raw["workers"])) {
    const refs = workerSecretRefs(worker, app);
    const bindings = new Map<string, IssuePath>();
    for (const [binding, secret, path] of refs) {
      if (typeof secret !== "string") continue;
      if (!secretNames.includes(secret)) {
        const suggestion = closest(secret, secretNames);
        issues.push({
          severity: "error",
          code: "unknown-secret",
          path,
          message: `Worker "${app}" binds secret "${secret}", which is not declared under secrets.`,
          expected: "a name declared under secrets",
          received: describeValue(secret),
          fix: suggestion ? `did you mean "${suggestion}"? Otherwise declare it under secrets` : `declare secrets.${secret} or remove it`,
        });
      } else {
        const scopes = secrets.find(([name]) => name === secret)?.[1]["scopes"];
        if (Array.isArray(scopes) && !scopes.includes("workers")) {
          issues.push({
            severity: "error",
            code: "missing-workers-scope",
            path,
            message: `Worker "${app}" binds "${secret}", but a Worker can read a secret only if its scopes include "workers".`,
            expected: `secrets.${secret}.scopes to include "workers"`,
            received: describeValue(scopes.join(", ")),
            fix: `add "workers" to secrets.${secret}.scopes`,
          });
        }
      }
      const earlier = bindings.get(binding);
      if (earlier) issues.push(duplicateBinding(app, binding, path, "secret"));
      else bindings.set(binding, path);
    }
    issues.push(...checkVarsAgainstBindings(app, worker, bindings));
    issues.push(...checkWorkerEnvironments(app, worker, environments));
    issues.push(...checkCompatibilityDate(app, worker, context));
    const name = str(worker["name"]) ?? app;
    for (const env of environments) {
      const override = isDict(worker["environments"]) ? worker["environments"][env] : undefined;
      const deployed = (isDict(override) ? str(override["name"]) : undefined) ?? (env === defaultEnvironment ? name : `${name}-${env}`);
      const key = `${env}:${deployed}`;
      const other = deployedNames.get(key);
      if (other !== undefined) {
        issues.push({
          severity: "error",
          code: "duplicate-worker-name",
          path: ["workers", app, "name"],
          message: `Workers "${other}" and "${app}" would both deploy as "${deployed}" in ${env}; one would overwrite the other.`,
          expected: "a distinct Worker name per app",
          received: describeValue(deployed),
          fix: `give workers.${app} its own name`,
        });
      } else deployedNames.set(key, app);
      const derived = env !== defaultEnvironment && !(isDict(override) && "name" in override);
      if (derived && !matchesRule(WORKER_NAME, deployed) && matchesRule(WORKER_NAME, name) && matchesRule(ENVIRONMENT_NAME, env)) {
        issues.push({
          severity: "error",
          code: "derived-worker-name",
          path: ["workers", app, "name"],
          message: `The ${env} Worker name "${deployed}" (derived as <name>-${env}) is not a valid Worker name.`,
          expected: WORKER_NAME.expected,
          received: describeValue(deployed),
          fix: `set workers.${app}.environments.${env}.name to a shorter name`,
        });
      }
    }
    const dir = str(worker["dir"]) ?? `apps/${app}`;
    const owner = dirs.get(dir);
    if (owner !== undefined) {
      issues.push({
        severity: "error",
        code: "duplicate-dir",
        path: ["workers", app, "dir"],
        message: `Workers "${owner}" and "${app}" share the folder ${dir}; their generated files would collide.`,
        expected: "one folder per app",
        received: describeValue(dir),
        fix: `give workers.${app} its own dir`,
      });
    } else dirs.set(dir, app);
  }
  return issues;
}

function duplicateBinding(app: string, binding: string, path: IssuePath, kind: string): ManifestIssue {
  return {
    severity: "error",
    code: "duplicate-binding",
    path,
    message: `Worker "${app}" uses the binding name "${binding}" twice (${kind}); wrangler rejects a repeated binding name.`,
    expected: "each binding name once per worker, secrets and vars together",
    received: describeValue(binding),
    fix: `remove the repeat, or rename one binding with secrets: { OTHER_NAME: "${binding}" }`,
  };
}

function checkVarsAgainstBindings(app: string, worker: Dict, bindings: Map<string, IssuePath>): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const check = (vars: unknown, path: IssuePath) => {
    if (!isDict(vars)) return;
    for (const name of Object.keys(vars)) {
      if (bindings.has(name)) issues.push(duplicateBinding(app, name, [...path, name], "a var and a secret"));
    }
  };
  check(worker["vars"], ["workers", app, "vars"]);
  for (const [env, override] of entries(worker["environments"])) {
    check(override["vars"], ["workers", app, "environments", env, "vars"]);
  }
  return issues;
}

function checkWorkerEnvironments(app: string, worker: Dict, environments: string[]): ManifestIssue[] {
  return entries(worker["environments"])
    .filter(([env]) => environments.length > 0 && !environments.includes(env))
    .map(([env]) => {
      const suggestion = closest(env, environments);
      return {
        severity: "error" as const,
        code: "unknown-environment",
        path: ["workers", app, "environments", env],
        message: `Worker "${app}" overrides environment "${env}", which is not declared under environments.`,
        expected: `one of ${environments.map((n) => JSON.stringify(n)).join(", ")}`,
        received: describeValue(env),
        fix: suggestion ? `did you mean "${suggestion}"?` : "declare the environment or remove the override",
      };
    });
}

function checkCompatibilityDate(app: string, worker: Dict, context: RuleContext): ManifestIssue[] {
  const date = str(worker["compatibilityDate"]);
  const max = context.maxCompatibilityDate;
  if (date === undefined || max === undefined || !isRealDate(date) || date <= max.date) return [];
  return [
    {
      severity: "error",
      code: "compatibility-date-too-new",
      path: ["workers", app, "compatibilityDate"],
      message: `compatibility date ${date} is later than the installed Workers runtime supports.`,
      expected: `a date no later than ${max.date} (${max.source})`,
      received: describeValue(date),
      fix: `set it to ${max.date} or earlier, or upgrade wrangler and @cloudflare/vitest-plugin`,
    },
  ];
}

