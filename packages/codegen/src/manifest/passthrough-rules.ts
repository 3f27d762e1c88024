// Rules for the keys of a worker and its environments that the manifest does not own. Any such key
// passes through as a Wrangler field (Wrangler's own reader judges it: `generate --wrangler`), except
// - a near-miss of one of our own keys (`compatibilitydate`): almost certainly a typo;
// - a Wrangler field the manifest spells its own way (`compatibility_date`, `account_id`, ...);
// - a top-level-only Wrangler field set in an environment (`keep_vars` under environments.X);
// - a value that is not JSON data (a function, a Date, NaN, ...), or a null where TOML has none.
import { describeValue, type IssuePath, type ManifestIssue } from "./issues.ts";
import { entries, isDict, str, type Dict } from "./rule-input.ts";
import { OWN_WORKER_ENVIRONMENT_FIELDS, OWN_WORKER_FIELDS } from "./own-fields.ts";
import { OWNED_WRANGLER_FIELDS, inheritanceOf } from "./wrangler-fields.ts";
import { editDistance } from "./suggest.ts";

export function checkPassthrough(raw: Dict): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  // Fleets repeat the same few keys in every worker: each key's near-miss verdict is computed once.
  const nearMisses = new Map<string, string | undefined>();
  for (const [app, worker] of entries(raw["workers"])) {
    const toml = !/\.jsonc?$/.test(str(worker["configFile"]) ?? ".toml");
    issues.push(...checkFields(worker, { path: ["workers", app], own: OWN_WORKER_FIELDS, toml, inEnvironment: false, nearMisses }));
    for (const [env, override] of entries(worker["environments"])) {
      const path = ["workers", app, "environments", env];
      issues.push(...checkFields(override, { path, own: OWN_WORKER_ENVIRONMENT_FIELDS, toml, inEnvironment: true, nearMisses }));
    }
  }
  return issues;
}

interface Where {
  readonly path: IssuePath;
  readonly own: ReadonlySet<string>;
  readonly toml: boolean;
  readonly inEnvironment: boolean;
  readonly nearMisses: Map<string, string | undefined>;
}

function checkFields(fields: Dict, where: Where): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (where.own.has(key)) continue;
    const path = [...where.path, key];
    const manifestSpelling = OWNED_WRANGLER_FIELDS.get(key);
    const memo = `${where.inEnvironment ? "env" : "worker"}:${key}`;
    if (manifestSpelling === undefined && !where.nearMisses.has(memo)) where.nearMisses.set(memo, nearMissOf(key, where.own));
    const nearMiss = manifestSpelling === undefined ? where.nearMisses.get(memo) : undefined;
    if (manifestSpelling !== undefined) {
      issues.push({
        severity: "error",
        code: "wrangler-spelling",
        path,
        message: `"${key}" is Wrangler's name for a field the manifest spells ${manifestSpelling}.`,
        expected: `${manifestSpelling}`,
        received: describeValue(key),
        fix: `did you mean "${manifestSpelling.split(" ")[0]}"? The generator writes it as ${key}`,
      });
    } else if (nearMiss !== undefined) {
      issues.push({
        severity: "error",
        code: "unknown-key",
        path,
        message: `Unknown field "${key}": it looks like a misspelling of the manifest's own "${nearMiss}".`,
        expected: `one of ${[...where.own].join(", ")}, or a Wrangler field`,
        received: describeValue(key),
        fix: `did you mean "${nearMiss}"?`,
      });
    } else if (where.inEnvironment && inheritanceOf(key) === "top-level-only") {
      issues.push({
        severity: "error",
        code: "top-level-only-field",
        path,
        message: `Wrangler allows "${key}" only at the top of a config, not in an environment.`,
        expected: "a field Wrangler accepts in [env.<name>]",
        received: describeValue(key),
        fix: `move ${key} to the worker itself (${where.path.slice(0, 2).join(".")}.${key})`,
      });
    } else {
      issues.push(...checkJsonData(value, { path, toml: where.toml }));
    }
  }
  return issues;
}

/** One of our keys that `key` is a slip away from, ignoring case, `_` and `-`. */
export function nearMissOf(key: string, own: ReadonlySet<string>): string | undefined {
  const plain = normalise(key);
  if (plain.length < 3) return undefined;
  for (const candidate of own) {
    const target = normalise(candidate);
    // Short keys tolerate one slip (`mian`), longer ones two (`compatability_date`).
    if (editDistance(plain, target) <= (target.length <= 4 ? 1 : 2)) return candidate;
  }
  return undefined;
}

const normalise = (key: string): string => key.toLowerCase().replace(/[-_]/g, "");

function checkJsonData(value: unknown, where: { path: IssuePath; toml: boolean }): ManifestIssue[] {
  const problem = findNonJson(value, where.path, where.toml);
  if (problem === undefined) return [];
  const nullInToml = problem.value === null;
  return [
    {
      severity: "error",
      code: nullInToml ? "null-in-toml" : "not-json",
      path: problem.path,
      message: nullInToml ? "TOML has no null, so this value cannot be written to a .toml config." : "Wrangler fields take JSON data: text, numbers, booleans, arrays and plain objects.",
      expected: nullInToml ? "a value other than null" : "JSON data",
      received: nullInToml ? "null" : describeNonJson(problem.value),
      fix: nullInToml ? "remove the entry, or set configFile to a .jsonc name" : "replace it with plain data (no functions, dates, undefined or NaN)",
    },
  ];
}

function findNonJson(value: unknown, path: IssuePath, toml: boolean): { path: IssuePath; value: unknown } | undefined {
  if (value === null) return toml ? { path, value } : undefined;
  if (typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : { path, value };
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNonJson(item, [...path, index], toml);
      if (found) return found;
    }
    return undefined;
  }
  if (isDict(value) && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const found = findNonJson(item, [...path, key], toml);
      if (found) return found;
    }
    return undefined;
  }
  return { path, value };
}

function describeNonJson(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "function") return "a function";
  if (value === undefined) return "undefined";
  if (typeof value === "object" && value !== null) return `an instance of ${value.constructor?.name ?? "a class"}`;
  return typeof value;
}
