// Rules about stores: one store per account, quota, and the names secrets get in each store
// (prefix + name, or a per-environment `storeNames` entry).
import { describeValue, type ManifestIssue } from "./issues.ts";
import { SECRET_NAME, SECRET_PREFIX, matchesRule } from "./names.ts";
import { closest } from "./suggest.ts";
import { entries, isDict, str, type Dict } from "./rule-input.ts";

export const DEFAULT_SECRETS_PER_ACCOUNT = 100;

interface Account {
  readonly env: string;
  readonly storeId: unknown;
  readonly names: Set<string>;
  readonly prefixes: Map<string, string>;
}

export function checkStores(raw: Dict): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const environments = entries(raw["environments"]);
  const envNames = environments.map(([name]) => name);
  const secrets = entries(raw["secrets"]);
  issues.push(...checkStoreNameKeys(secrets, envNames));
  const limits = raw["limits"];
  const limit = isDict(limits) && typeof limits["secretsPerAccount"] === "number" ? limits["secretsPerAccount"] : DEFAULT_SECRETS_PER_ACCOUNT;
  // An environment without an accountId is an account of its own as far as the manifest can tell.
  const byAccount = new Map<string, Account>();
  for (const [env, spec] of environments) {
    const storeId = str(spec["storeId"]);
    const accountId = str(spec["accountId"]) ?? (storeId === undefined ? `(the account of ${env})` : `(the account of store ${storeId})`);
    const prefix = str(spec["secretPrefix"]) ?? "";
    const account = byAccount.get(accountId);
    if (account === undefined) {
      byAccount.set(accountId, { env, storeId: spec["storeId"], names: new Set(), prefixes: new Map([[prefix, env]]) });
    } else {
      if (account.storeId !== undefined && spec["storeId"] !== undefined && account.storeId !== spec["storeId"]) {
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
    const ownNames = new Map<string, string>();
    for (const [name, secret] of secrets) {
      const override = isDict(secret["storeNames"]) ? str(secret["storeNames"][env]) : undefined;
      const stored = override ?? `${prefix}${name}`;
      names.add(stored);
      const other = ownNames.get(stored);
      if (other !== undefined) {
        issues.push({
          severity: "error",
          code: "duplicate-stored-name",
          path: override === undefined ? ["secrets", name] : ["secrets", name, "storeNames", env],
          message: `Secrets "${other}" and "${name}" would both be stored as "${stored}" in ${env}; they would share one value.`,
          expected: "one stored name per secret in each environment",
          received: describeValue(stored),
          fix: `give secrets.${name}.storeNames.${env} another name`,
        });
      } else ownNames.set(stored, name);
      // A valid prefix and a valid name make a stored name that can only be too long; an invalid prefix is reported once, by the schema.
      if (override === undefined && !matchesRule(SECRET_NAME, stored) && matchesRule(SECRET_NAME, name) && matchesRule(SECRET_PREFIX, prefix)) {
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

/** `storeNames` is keyed by declared environments. */
function checkStoreNameKeys(secrets: [string, Dict][], environments: readonly string[]): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  for (const [name, secret] of secrets) {
    if (!isDict(secret["storeNames"]) || environments.length === 0) continue;
    for (const env of Object.keys(secret["storeNames"])) {
      if (environments.includes(env)) continue;
      const suggestion = closest(env, environments);
      issues.push({
        severity: "error",
        code: "unknown-environment",
        path: ["secrets", name, "storeNames", env],
        message: `secrets.${name}.storeNames names environment "${env}", which is not declared under environments.`,
        expected: `one of ${environments.map((n) => JSON.stringify(n)).join(", ")}`,
        received: describeValue(env),
        fix: suggestion ? `did you mean "${suggestion}"?` : "declare the environment or remove the entry",
      });
    }
  }
  return issues;
}
