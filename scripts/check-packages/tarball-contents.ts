// What a packed tarball must and must not hold, judged from its file list and its packed
// package.json (as pnpm rewrote it: publishConfig applied, workspace ranges resolved). Pure.

export interface PackedPackage {
  readonly name: string;
  /** Paths inside the tarball, without the leading `package/`. */
  readonly files: readonly string[];
  /** The tarball's own package.json. */
  readonly manifest: Record<string, unknown>;
  /** Files the code loads that package.json does not name (e.g. what the bin launcher imports). */
  readonly alsoRequired?: readonly string[];
}

/** Never published: sources (dist is the build), tests, tool configs, maps, caches. */
const FORBIDDEN: readonly [RegExp, string][] = [
  [/^(src|test|tests|bench|fixtures|coverage)\//, "sources, tests and benchmarks stay in the repository"],
  [/\.(test|spec)\.[cm]?[jt]sx?$/, "a test file"],
  [/(^|\/)(tsconfig[^/]*\.json|vitest\.config\.[^/]+|turbo\.json|\.turbo\/.*)$/, "a build or test configuration"],
  [/\.(map|tsbuildinfo)$/, "a source map or build cache whose sources are not shipped"],
  [/(^|\/)node_modules\//, "installed dependencies"],
  [/(^|\/)\.env(\..*)?$|(^|\/)\.dev\.vars/, "an environment file"],
];

export function checkTarball(pkg: PackedPackage): string[] {
  const problems: string[] = [];
  const files = new Set(pkg.files);
  const must = (path: string, why: string) => {
    if (!files.has(path)) problems.push(`${pkg.name}: ${path} is missing (${why})`);
  };
  must("package.json", "every package has one");
  must("README.md", "the registry page shows it");
  must("LICENSE", "package.json names a licence; its text travels with the code");
  for (const [field, target] of entryPoints(pkg.manifest)) must(target.replace(/^\.\//, ""), `package.json ${field} points at it`);
  for (const path of pkg.alsoRequired ?? []) must(path, "the package loads it");
  for (const path of pkg.files) {
    const rule = FORBIDDEN.find(([pattern]) => pattern.test(path));
    if (rule) problems.push(`${pkg.name}: ${path} must not be published (${rule[1]})`);
    if (/^dist\/.*\.js$/.test(path) && !files.has(path.replace(/\.js$/, ".d.ts"))) problems.push(`${pkg.name}: ${path} has no .d.ts next to it`);
  }
  const text = JSON.stringify(pkg.manifest);
  if (text.includes("workspace:")) problems.push(`${pkg.name}: package.json still holds a workspace: range`);
  if (/"\.\/src\//.test(text)) problems.push(`${pkg.name}: package.json points into src/, which is not published`);
  const scripts = (pkg.manifest["scripts"] ?? {}) as Record<string, string>;
  for (const hook of ["preinstall", "install", "postinstall"]) {
    if (scripts[hook]) problems.push(`${pkg.name}: package.json has an ${hook} script; installing must run nothing`);
  }
  return problems;
}

/** `main`, `types`, every `bin` and every leaf of `exports`, as [field, target]. */
export function entryPoints(manifest: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  const walk = (field: string, value: unknown) => {
    if (typeof value === "string") out.push([field, value]);
    else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) walk(/^[\w-]+$/.test(key) ? `${field}.${key}` : `${field}[${JSON.stringify(key)}]`, inner);
    }
  };
  for (const field of ["main", "types", "bin", "exports"]) walk(field, manifest[field]);
  return out;
}
