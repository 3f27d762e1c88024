// Cross-field rules. They read the raw input defensively (it may also have failed the schema) so that
// every problem is reported in one run, not one per run.
import { describeValue, type IssuePath, type ManifestIssue } from "./issues.ts";
import { ENVIRONMENT_NAME, GENERIC_SECRET_NAMES, SECRET_NAME, WORKER_NAME, matchesRule } from "./names.ts";
import { closest } from "./suggest.ts";
import { isRealDate } from "./schema.ts";
import { checkKeys } from "./keys.ts";

export const DEFAULT_SECRETS_PER_ACCOUNT = 100;

export interface RuleContext {
  /** Newest compatibility date the installed Workers runtime accepts, and where that came from. */
  readonly maxCompatibilityDate?: { readonly date: string; readonly source: string };
}

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => typeof value === "object" && value !== null && !Array.isArray(value);
const entries = (value: unknown): [string, Dict][] =>
  isDict(value) ? Object.entries(value).filter((entry): entry is [string, Dict] => isDict(entry[1])) : [];
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** The bindings a worker declares, with the path of each: `[binding, secret, path]`. */
export function workerSecretRefs(worker: Dict, app: string): [string, unknown, IssuePath][] {
  const secrets = worker["secrets"];
  if (Array.isArray(secrets)) return secrets.map((secret, i) => [String(secret), secret, ["workers", app, "secrets", i]]);
  if (isDict(secrets)) return Object.entries(secrets).map(([binding, secret]) => [binding, secret, ["workers", app, "secrets", binding]]);
  return [];
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
    ...checkWorkers(raw, context),
    ...checkStores(raw),
    ...checkSecretHygiene(raw),
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

function checkWorkers(raw: Dict, context: RuleContext): ManifestIssue[] {
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

function checkStores(raw: Dict): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const environments = entries(raw["environments"]);
  const secretNames = entries(raw["secrets"]).map(([name]) => name);
  const limits = raw["limits"];
  const limit = isDict(limits) && typeof limits["secretsPerAccount"] === "number" ? limits["secretsPerAccount"] : DEFAULT_SECRETS_PER_ACCOUNT;
  const byAccount = new Map<string, { env: string; storeId: unknown; names: Set<string>; prefixes: Map<string, string> }>();
  for (const [env, spec] of environments) {
    const accountId = str(spec["accountId"]);
    if (accountId === undefined) continue;
    const prefix = str(spec["secretPrefix"]) ?? "";
    const account = byAccount.get(accountId);
    if (account === undefined) {
      byAccount.set(accountId, { env, storeId: spec["storeId"], names: new Set(), prefixes: new Map([[prefix, env]]) });
    } else {
      if (account.storeId !== spec["storeId"]) {
        issues.push({
          severity: "error",
          code: "store-mismatch",
          path: ["environments", env, "storeId"],
          message: `Environments "${account.env}" and "${env}" use the same account, but different store ids; an account has only one store.`,
          expected: `the store id of "${account.env}": ${describeValue(account.storeId)}`,
          received: describeValue(spec["storeId"]),
          fix: `use the same storeId, and a secretPrefix (e.g. "${env.toUpperCase()}_") to keep the environments' secrets apart`,
        });
      }
      const sharing = account.prefixes.get(prefix);
      if (sharing !== undefined) {
        issues.push({
          severity: "warning",
          code: "shared-secret-names",
          path: ["environments", env, "secretPrefix"],
          message: `Environments "${sharing}" and "${env}" share a store and the prefix ${describeValue(prefix)}: they will read the same secret values.`,
          fix: `set environments.${env}.secretPrefix (e.g. "${env.toUpperCase().replace(/-/g, "_")}_") unless sharing is intended`,
        });
      } else account.prefixes.set(prefix, env);
    }
    const names = byAccount.get(accountId)!.names;
    for (const name of secretNames) {
      const stored = `${prefix}${name}`;
      names.add(stored);
      if (!matchesRule(SECRET_NAME, stored) && matchesRule(SECRET_NAME, name)) {
        issues.push({
          severity: "error",
          code: "stored-name-too-long",
          path: ["environments", env, "secretPrefix"],
          message: `The stored name "${stored.slice(0, 40)}..." is longer than the Secrets Store allows.`,
          expected: SECRET_NAME.expected,
          fix: "shorten the prefix or the secret name",
        });
      }
    }
  }
  for (const [accountId, account] of byAccount) {
    if (account.names.size > limit) {
      issues.push({
        severity: "error",
        code: "store-quota",
        path: ["secrets"],
        message: `Account ${accountId} would hold ${account.names.size} secrets (secrets x environments on its store), over the limit of ${limit}.`,
        expected: `at most ${limit} secrets per account`,
        received: String(account.names.size),
        fix: "remove unused secrets, move an environment to another account, or raise limits.secretsPerAccount if Cloudflare raised your quota",
      });
    }
  }
  return issues;
}

function checkSecretHygiene(raw: Dict): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const bound = new Set<string>();
  for (const [app, worker] of entries(raw["workers"])) {
    for (const [, secret] of workerSecretRefs(worker, app)) if (typeof secret === "string") bound.add(secret);
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
