// Warnings for what the Secrets Store guidance calls bad practice.
import type { ManifestIssue } from "./issues.ts";
import { GENERIC_SECRET_NAMES } from "./names.ts";
import { allSecretRefs, entries, type Dict } from "./rule-input.ts";

export function checkSecretHygiene(raw: Dict): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const bound = new Set<string>();
  for (const [app, worker] of entries(raw["workers"])) {
    for (const [, secret] of allSecretRefs(worker, app)) if (typeof secret === "string") bound.add(secret);
  }
  for (const [name, secret] of entries(raw["secrets"])) {
    if (GENERIC_SECRET_NAMES.has(name.toUpperCase())) {
      issues.push({
        severity: "warning",
        code: "generic-secret-name",
        path: ["secrets", name],
        message: `"${name}" does not say which provider or what it is for; shared stores make generic names ambiguous.`,
        fix: "name the provider and purpose, e.g. OPENAI_API_KEY",
      });
    }
    if (!bound.has(name)) {
      issues.push({
        severity: "warning",
        code: "unbound-secret",
        path: ["secrets", name],
        message: `"${name}" is declared but no worker binds it.`,
        fix: "bind it to the workers that need it, or remove it",
      });
    }
    if (typeof secret["description"] !== "string" || secret["description"].trim() === "") {
      issues.push({
        severity: "warning",
        code: "missing-description",
        path: ["secrets", name],
        message: `"${name}" has no description; the store comment and SECRETS.md will be empty.`,
        fix: `add description: "<what it is and who uses it>"`,
      });
    }
  }
  return issues;
}
