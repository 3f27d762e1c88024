// Rules about stores: one store per account, quota, and stored names after prefixing.
import { describeValue, type ManifestIssue } from "./issues.ts";
import { SECRET_NAME, matchesRule } from "./names.ts";
import { entries, isDict, str, type Dict } from "./rule-input.ts";

export const DEFAULT_SECRETS_PER_ACCOUNT = 100;

export function checkStores(raw: Dict): ManifestIssue[] {
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

