// Each environment gets an interface in the generated Env types, named as `wrangler types` names it
// (`staging` -> `StagingEnv`). Two environments with one interface name, or an environment whose
// interface would be the aggregate `Env`, cannot both be typed: `wrangler types` refuses them too.
import type { ManifestIssue } from "./issues.ts";
import { entries, type Dict } from "./rule-input.ts";
import { environmentInterfaceName } from "./names.ts";

const AGGREGATE = "Env";

export function checkEnvironmentTypeNames(raw: Dict): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const seen = new Map<string, string>();
  for (const [name] of entries(raw["environments"])) {
    const type = environmentInterfaceName(name);
    const earlier = seen.get(type);
    if (type === AGGREGATE || earlier !== undefined) {
      issues.push({
        severity: "error",
        code: "environment-type-name-clash",
        path: ["environments", name],
        message:
          earlier === undefined
            ? `Environment "${name}" would be typed as interface ${type}, the name of the type that covers every environment.`
            : `Environments "${earlier}" and "${name}" would both be typed as interface ${type} in the generated Env types.`,
        expected: "environment names that differ in more than - and _ or a trailing -env, and are not \"env\"",
        received: JSON.stringify(name),
        fix: `rename environment "${name}"`,
      });
    }
    if (earlier === undefined) seen.set(type, name);
  }
  return issues;
}
