// Rules about each worker: its names per environment, its folder and output files, and its
// compatibility dates. Bindings are checked in binding-rules.ts, environments in worker-env-rules.ts.
import { describeValue, type IssuePath, type ManifestIssue } from "./issues.ts";
import { ENVIRONMENT_NAME, WORKER_NAME, matchesRule } from "./names.ts";
import { isRealDate } from "./schema.ts";
import { entries, isDict, str, type Dict } from "./rule-input.ts";
import type { RuleContext } from "./rules.ts";
import { defaultConfigFile, ENV_TYPES_FILE, livingEnvironments } from "./normalize.ts";

export function checkWorkers(raw: Dict, context: RuleContext): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const environments = entries(raw["environments"]).map(([name]) => name);
  const defaultEnvironment = str(raw["defaultEnvironment"]);
  const deployedNames = new Map<string, string>();
  const outputs = new Map<string, string>();
  for (const [app, worker] of entries(raw["workers"])) {
    issues.push(...checkCompatibilityDates(app, worker, context));
    const name = str(worker["name"]) ?? app;
    for (const env of livingEnvironments(worker, environments, defaultEnvironment)) {
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
    issues.push(...checkOutputs(app, worker, dir, outputs));
  }
  return issues;
}

/** No two generated files at one path (a nested app folder could otherwise reach a sibling's files). */
function checkOutputs(app: string, worker: Dict, dir: string, outputs: Map<string, string>): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const files: [string, string][] = [
    ["configFile", str(worker["configFile"]) ?? defaultConfigFile(app)],
    ["envTypesFile", str(worker["envTypesFile"]) ?? ENV_TYPES_FILE],
  ];
  for (const [field, file] of files) {
    const path = `${dir}/${file}`;
    const owner = outputs.get(path);
    if (owner === undefined) {
      outputs.set(path, app);
      continue;
    }
    issues.push({
      severity: "error",
      code: "duplicate-output",
      path: ["workers", app, field],
      message: `Workers "${owner}" and "${app}" would both write ${path}.`,
      expected: "one generated file per path",
      received: describeValue(file),
      fix: `give workers.${app} another ${field} or dir`,
    });
  }
  return issues;
}

function checkCompatibilityDates(app: string, worker: Dict, context: RuleContext): ManifestIssue[] {
  const dates: [unknown, IssuePath][] = [[worker["compatibilityDate"], ["workers", app, "compatibilityDate"]]];
  for (const [env, override] of entries(worker["environments"])) {
    dates.push([override["compatibilityDate"], ["workers", app, "environments", env, "compatibilityDate"]]);
  }
  const max = context.maxCompatibilityDate;
  if (max === undefined) return [];
  return dates.flatMap(([value, path]): ManifestIssue[] => {
    const date = str(value);
    if (date === undefined || !isRealDate(date) || date <= max.date) return [];
    return [
      {
        severity: "error",
        code: "compatibility-date-too-new",
        path,
        message: `compatibility date ${date} is later than the installed Workers runtime supports.`,
        expected: `a date no later than ${max.date} (${max.source})`,
        received: describeValue(date),
        fix: `set it to ${max.date} or earlier, or upgrade wrangler and @cloudflare/vitest-plugin`,
      },
    ];
  });
}
