// Cross-field rules. They read the raw input defensively (it may also have failed the schema) so that
// every problem is reported in one run, not one per run.
import { describeValue, type ManifestIssue } from "./issues.ts";
import { closest } from "./suggest.ts";
import { checkKeys } from "./keys.ts";
import { entries, isDict, type Dict } from "./rule-input.ts";
import { checkWorkers } from "./worker-rules.ts";
import { checkStores } from "./store-rules.ts";
import { checkSecretHygiene } from "./hygiene-rules.ts";
import { checkPortability, type PortableContext } from "./portable-rules.ts";
import { checkEnvironmentTypeNames } from "./env-type-rules.ts";
import { checkPassthrough } from "./passthrough-rules.ts";
import { checkBindings } from "./binding-rules.ts";
import { checkWorkerEnvironments } from "./worker-env-rules.ts";
import { checkAccounts } from "./account-rules.ts";

export { DEFAULT_SECRETS_PER_ACCOUNT } from "./store-rules.ts";

export interface RuleContext extends PortableContext {
  /** Newest compatibility date the installed Workers runtime accepts, and where that came from. */
  readonly maxCompatibilityDate?: { readonly date: string; readonly source: string };
}

export function checkRules(raw: unknown, context: RuleContext): ManifestIssue[] {
  if (!isDict(raw)) {
    return [
      {
        severity: "error",
        code: "not-a-manifest",
        path: [],
        message: "The manifest's default export is not an object.",
        expected: "export default defineManifest({ environments, defaultEnvironment, secrets, workers })",
        received: describeValue(raw),
        fix: "export the manifest object as the module's default export",
      },
    ];
  }
  return [
    ...checkKeys(raw),
    ...checkEnvironments(raw),
    ...checkEnvironmentTypeNames(raw),
    ...checkWorkers(raw, context),
    ...checkBindings(raw),
    ...checkWorkerEnvironments(raw),
    ...checkAccounts(raw),
    ...checkPassthrough(raw),
    ...checkStores(raw),
    ...checkSecretHygiene(raw),
    ...checkPortability(raw, context),
  ];
}

function checkEnvironments(raw: Dict): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const names = entries(raw["environments"]).map(([name]) => name);
  if (isDict(raw["environments"]) && names.length === 0) {
    issues.push({
      severity: "error",
      code: "no-environments",
      path: ["environments"],
      message: "No environment is declared.",
      expected: "at least one environment, e.g. production: { accountId, storeId }",
      received: "an empty object",
      fix: "declare the environment your Workers deploy to",
    });
  }
  const chosen = raw["defaultEnvironment"];
  if (typeof chosen === "string" && names.length > 0 && !names.includes(chosen)) {
    const suggestion = closest(chosen, names);
    issues.push({
      severity: "error",
      code: "unknown-default-environment",
      path: ["defaultEnvironment"],
      message: `defaultEnvironment "${chosen}" is not declared under environments.`,
      expected: `one of ${names.map((n) => JSON.stringify(n)).join(", ")}`,
      received: describeValue(chosen),
      fix: suggestion ? `did you mean "${suggestion}"?` : "declare it under environments or pick a declared one",
    });
  }
  return issues;
}

