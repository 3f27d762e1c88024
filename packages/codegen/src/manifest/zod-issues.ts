// Flattens zod issues into ManifestIssues with a location path, what was expected and a fix.
import type { z } from "zod";
import { KNOWN_KEYS } from "./schema.ts";
import { describeValue, type IssuePath, type ManifestIssue } from "./issues.ts";
import { closest } from "./suggest.ts";

type ZodIssue = z.core.$ZodIssue;

export function fromZodIssues(issues: readonly ZodIssue[]): ManifestIssue[] {
  return issues.flatMap((issue) => fromZodIssue(issue));
}

function fromZodIssue(issue: ZodIssue): ManifestIssue[] {
  const path = issue.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment));
  const input = (issue as { input?: unknown }).input;
  const base = { severity: "error" as const, path };
  switch (issue.code) {
    case "invalid_type":
      return [
        {
          ...base,
          code: "invalid-type",
          message: input === undefined ? "A required field is missing." : `Wrong type for this field.`,
          expected: issue.expected,
          received: describeValue(input),
          fix: input === undefined ? `add ${String(path.at(-1))}` : `change the value to a ${issue.expected}`,
        },
      ];
    case "unrecognized_keys":
      return issue.keys.map((key) => {
        const known = knownKeysAt(path);
        const suggestion = closest(key, known);
        return {
          ...base,
          path: [...path, key],
          code: "unknown-key",
          message: `Unknown field "${key}".`,
          expected: `one of ${known.join(", ")}`,
          received: describeValue(key),
          fix: suggestion ? `did you mean "${suggestion}"?` : "remove it",
        };
      });
    case "invalid_value":
      return [
        {
          ...base,
          code: "invalid-value",
          message: "Value not allowed here.",
          expected: `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
          received: describeValue(input),
          fix: suggestFrom(input, issue.values.map(String)),
        },
      ];
    case "invalid_key":
      // A record key failed its own schema: report the key's issues at the key's path.
      return issue.issues.flatMap((inner) => fromZodIssue({ ...inner, path: [] } as ZodIssue)).map((inner) => ({
        ...inner,
        path,
        received: describeValue(String(path.at(-1))),
      }));
    case "too_small":
    case "too_big":
      return [
        {
          ...base,
          code: issue.code === "too_small" ? "too-small" : "too-big",
          message: issue.message,
          expected: `${issue.code === "too_small" ? "at least" : "at most"} ${String(issue.code === "too_small" ? issue.minimum : issue.maximum)}${issue.origin === "array" ? " entries" : ""}`,
          received: describeValue(input),
          fix: "change the value to fit the bound",
        },
      ];
    case "custom": {
      const params = (issue.params ?? {}) as { expected?: string; fix?: string };
      return [
        {
          ...base,
          code: "invalid-format",
          message: issue.message,
          ...(params.expected === undefined ? {} : { expected: params.expected }),
          received: describeValue(input),
          ...(params.fix === undefined ? {} : { fix: params.fix }),
        },
      ];
    }
    case "invalid_union":
      return [{ ...base, code: "invalid-type", message: issue.message, received: describeValue(input) }];
    default:
      return [{ ...base, code: "invalid", message: issue.message, received: describeValue(input) }];
  }
}

function knownKeysAt(path: IssuePath): readonly string[] {
  const [first, , third, , fifth] = path;
  if (path.length === 0) return KNOWN_KEYS.root;
  if (first === "environments" && path.length === 2) return KNOWN_KEYS.environment;
  if (first === "secrets" && path.length === 2) return KNOWN_KEYS.secret;
  if (first === "limits") return KNOWN_KEYS.limits;
  if (first === "workers" && path.length === 2) return KNOWN_KEYS.worker;
  if (first === "workers" && third === "environments" && path.length === 4 && fifth === undefined) {
    return KNOWN_KEYS.workerEnvironment;
  }
  return [];
}

function suggestFrom(input: unknown, candidates: readonly string[]): string {
  const suggestion = typeof input === "string" ? closest(input, candidates) : undefined;
  return suggestion ? `did you mean "${suggestion}"?` : `use one of ${candidates.join(", ")}`;
}
