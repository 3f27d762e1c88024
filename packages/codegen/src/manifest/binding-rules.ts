// Rules about a worker's Secrets Store bindings and vars, at the worker level and in each environment
// that sets its own `secrets` (which replace the worker's there) or `vars` (merged name by name).
import { describeValue, type IssuePath, type ManifestIssue } from "./issues.ts";
import { closest } from "./suggest.ts";
import { entries, isDict, workerSecretRefs, type Dict } from "./rule-input.ts";

export function checkBindings(raw: Dict): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const secrets = new Map(entries(raw["secrets"]));
  for (const [app, worker] of entries(raw["workers"])) {
    const workerBindings = checkSecretRefs(app, workerSecretRefs(worker, ["workers", app]), secrets, issues);
    checkVars(app, worker["vars"], ["workers", app, "vars"], workerBindings, issues);
    for (const [env, override] of entries(worker["environments"])) {
      const path: IssuePath = ["workers", app, "environments", env];
      const bindings = "secrets" in override ? checkSecretRefs(app, workerSecretRefs(override, path), secrets, issues) : workerBindings;
      // The environment's vars are merged over the worker's: both meet the environment's bindings.
      if (bindings !== workerBindings) checkVars(app, worker["vars"], ["workers", app, "vars"], bindings, issues);
      checkVars(app, override["vars"], [...path, "vars"], bindings, issues);
    }
  }
  return issues;
}

/** Checks each reference and returns the binding names of the list. */
function checkSecretRefs(app: string, refs: [string, unknown, IssuePath][], secrets: Map<string, Dict>, issues: ManifestIssue[]): Set<string> {
  const bindings = new Set<string>();
  const names = [...secrets.keys()];
  for (const [binding, secret, path] of refs) {
    if (typeof secret !== "string") continue;
    const declared = secrets.get(secret);
    if (declared === undefined) {
      const suggestion = closest(secret, names);
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
      const scopes = declared["scopes"];
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
    if (bindings.has(binding)) issues.push(duplicateBinding(app, binding, path, "secret"));
    else bindings.add(binding);
  }
  return bindings;
}

function checkVars(app: string, vars: unknown, path: IssuePath, bindings: ReadonlySet<string>, issues: ManifestIssue[]): void {
  if (!isDict(vars)) return;
  for (const name of Object.keys(vars)) {
    if (bindings.has(name)) issues.push(duplicateBinding(app, name, [...path, name], "a var and a secret"));
  }
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
