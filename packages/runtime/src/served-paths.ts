/**
 * What a proxy Worker serves: entries such as `POST /chat/completions`, `GET /models/{model}`,
 * `POST /v1/models/{model}:generateContent` or `WS /realtime`. `{name}` stands for one or more
 * characters inside one path segment; `WS` is a WebSocket upgrade. Entries are checked and compiled
 * once, when the Worker is created, into one regular expression per method.
 */
export const SERVED_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "WS"] as const;
export type ServedMethod = (typeof SERVED_METHODS)[number];

/** A compiled table: `matches` costs one regular-expression test. */
export interface ServedPaths {
  matches(method: string, path: string): boolean;
}

/** Widens or narrows a provider's default table, per Worker (`createProxyWorker`'s `servedPaths` option). */
export interface ServedPathsChange {
  /** Entries served in addition to the defaults, e.g. `"GET /files/{file_id}"`. */
  readonly add?: readonly string[];
  /** Default entries no longer served, written exactly as in the provider's table. */
  readonly remove?: readonly string[];
}

/** A replacement table, or a change to the defaults. */
export type ServedPathsOption = readonly string[] | ServedPathsChange;

const ENTRY = /^([A-Z]+) (\/[^\s?#]*)$/;
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
// One or more characters of one segment; an encoded slash or backslash could become a separator upstream.
const PLACEHOLDER_SOURCE = "(?:[^/%]|%(?!2[fF]|5[cC]))+";

/** The problems with one entry, as sentences; empty when it is valid. */
function entryProblems(entry: string): string[] {
  const match = ENTRY.exec(entry);
  if (match === null) return ['expected "<METHOD> /<path>", e.g. "POST /chat/completions"'];
  const [, method = "", path = ""] = match;
  const problems: string[] = [];
  if (!(SERVED_METHODS as readonly string[]).includes(method)) problems.push(`method must be one of ${SERVED_METHODS.join(", ")}`);
  if (path !== "/" && path.split("/").slice(1).some((segment) => segment === "")) {
    problems.push("the path has an empty segment (a doubled or trailing slash)");
  }
  if (path.replace(PLACEHOLDER, "").includes("{") || path.replace(PLACEHOLDER, "").includes("}")) {
    problems.push("placeholders are written {name}, with letters, digits and _");
  }
  if (/\}\{/.test(path)) problems.push("two placeholders must not touch");
  return problems;
}

/** Throws one error listing every invalid entry, each with where it came from. */
export function validateServedPathEntries(entries: readonly { entry: string; where: string }[]): void {
  const problems = entries.flatMap(({ entry, where }) =>
    entryProblems(entry).map((problem) => `${where}: ${JSON.stringify(entry)}: ${problem}`),
  );
  if (problems.length > 0) throw new Error(`Invalid served paths:\n  ${problems.join("\n  ")}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function pathSource(path: string): string {
  let source = "";
  let last = 0;
  for (const match of path.matchAll(PLACEHOLDER)) {
    source += escapeRegExp(path.slice(last, match.index)) + PLACEHOLDER_SOURCE;
    last = match.index + match[0].length;
  }
  return source + escapeRegExp(path.slice(last));
}

/** Compiles valid entries (see `validateServedPathEntries`) into one expression per method. */
export function compileServedPaths(entries: readonly string[]): ServedPaths {
  const byMethod = new Map<string, string[]>();
  for (const entry of new Set(entries)) {
    const [method = "", path = ""] = entry.split(" ");
    byMethod.set(method, [...(byMethod.get(method) ?? []), pathSource(path)]);
  }
  const compiled = new Map([...byMethod].map(([method, sources]) => [method, new RegExp(`^(?:${sources.join("|")})$`)]));
  return { matches: (method, path) => compiled.get(method)?.test(path) ?? false };
}

/** The table a Worker serves: the provider's defaults, replaced or changed by the operator's option. */
export function resolveServedPaths(defaults: readonly string[], option: ServedPathsOption | undefined): string[] {
  if (option === undefined) {
    validateServedPathEntries(defaults.map((entry, index) => ({ entry, where: `provider.servedPaths[${index}]` })));
    return [...defaults];
  }
  if (isReplacement(option)) {
    validateServedPathEntries(option.map((entry, index) => ({ entry, where: `servedPaths[${index}]` })));
    return [...option];
  }
  const add = option.add ?? [];
  const remove = option.remove ?? [];
  validateServedPathEntries(add.map((entry, index) => ({ entry, where: `servedPaths.add[${index}]` })));
  const unknown = remove
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => !defaults.includes(entry))
    .map(({ entry, index }) => `servedPaths.remove[${index}]: ${JSON.stringify(entry)} is not in the provider's table`);
  if (unknown.length > 0) {
    throw new Error(`Invalid served paths:\n  ${unknown.join("\n  ")}\n  (the table: ${defaults.join(", ")})`);
  }
  return [...defaults.filter((entry) => !remove.includes(entry)), ...add];
}

function isReplacement(option: ServedPathsOption): option is readonly string[] {
  return Array.isArray(option);
}

/**
 * The request path as the table and the gateway see it: runs of slashes collapsed, since some SDKs
 * build `//ws/...` from a base URL that ends in a slash. The URL parser has already resolved dot segments.
 */
export function normaliseRequestPath(pathname: string): string {
  return pathname.includes("//") ? pathname.replace(/\/{2,}/g, "/") : pathname;
}
