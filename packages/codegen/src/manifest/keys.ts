// Checks the names used as object keys (environments, secrets, app ids, bindings). They live here
// rather than in the zod schema because zod skips a record entry whose key fails, and then the
// entry's own errors would go unreported.
import { describeValue, type IssuePath, type ManifestIssue } from "./issues.ts";
import { isDict, type Dict } from "./rule-input.ts";
import { APP_ID, BINDING_NAME, ENVIRONMENT_NAME, SECRET_NAME, matchesRule, type NameRule } from "./names.ts";


function checkKeysOf(value: unknown, path: IssuePath, rule: NameRule, what: string, fix: string): ManifestIssue[] {
  if (!isDict(value)) return [];
  return Object.keys(value)
    .filter((key) => !matchesRule(rule, key))
    .map((key) => ({
      severity: "error" as const,
      code: "invalid-name",
      path: [...path, key],
      message: key.length > rule.maxLength ? `${what} is too long (${key.length} characters).` : `Invalid ${what}.`,
      expected: rule.expected,
      received: describeValue(key),
      fix,
    }));
}

const BINDING_FIX = "rename it to a JavaScript identifier such as OPENAI_API_KEY";

export function checkKeys(raw: Dict): ManifestIssue[] {
  const issues = [
    ...checkKeysOf(raw["environments"], ["environments"], ENVIRONMENT_NAME, "environment name", "use lowercase letters, digits, - and _, e.g. staging"),
    ...checkKeysOf(raw["secrets"], ["secrets"], SECRET_NAME, "secret name", "use only letters, digits, _ and -, e.g. OPENAI_API_KEY"),
    ...checkKeysOf(raw["workers"], ["workers"], APP_ID, "app id", "use one folder name of lowercase letters, digits, - and _, e.g. openai"),
  ];
  const workers = isDict(raw["workers"]) ? raw["workers"] : {};
  for (const [app, worker] of Object.entries(workers)) {
    if (!isDict(worker)) continue;
    issues.push(...checkKeysOf(worker["vars"], ["workers", app, "vars"], BINDING_NAME, "binding name", BINDING_FIX));
    issues.push(...checkKeysOf(worker["secrets"], ["workers", app, "secrets"], BINDING_NAME, "binding name", BINDING_FIX));
    const overrides = isDict(worker["environments"]) ? worker["environments"] : {};
    for (const [env, override] of Object.entries(overrides)) {
      if (!isDict(override)) continue;
      issues.push(...checkKeysOf(override["vars"], ["workers", app, "environments", env, "vars"], BINDING_NAME, "binding name", BINDING_FIX));
      issues.push(...checkKeysOf(override["secrets"], ["workers", app, "environments", env, "secrets"], BINDING_NAME, "binding name", BINDING_FIX));
    }
  }
  return issues;
}
