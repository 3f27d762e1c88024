/**
 * Whether `path` (no leading slash) matches one of `patterns`: literal segments, or `:name` for
 * exactly one non-empty segment.
 */
export function matchesServedPath(patterns: readonly string[], path: string): boolean {
  return patterns.some((pattern) => matchesPattern(pattern, path));
}

// An encoded slash or backslash inside one segment could become a separator further upstream.
const ENCODED_SEPARATOR = /%2f|%5c/i;

function matchesPattern(pattern: string, path: string): boolean {
  if (pattern === "" || path === "") return pattern === path;
  const expected = pattern.split("/");
  const actual = path.split("/");
  if (expected.length !== actual.length) return false;
  return expected.every((segment, index) => {
    const value = actual[index] ?? "";
    return segment.startsWith(":") ? value !== "" && !ENCODED_SEPARATOR.test(value) : segment === value;
  });
}
