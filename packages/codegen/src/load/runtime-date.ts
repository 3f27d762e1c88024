// Finds the newest compatibility date the project's installed Workers runtimes accept. Each workerd
// build stops at its own release date; a later date fails to start locally, so the manifest may not
// use one. Both wrangler's workerd and the test runtime's count: the older one decides.
import { createRequire } from "node:module";
import { existsSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** Package chains that lead to a workerd the project runs: the deploy/dev tool and the test plugin. */
const RUNTIME_CHAINS: readonly (readonly string[])[] = [
  ["wrangler", "workerd"],
  ["miniflare", "workerd"],
  ["@cloudflare/vitest-plugin", "miniflare", "workerd"],
];

export interface RuntimeDate {
  readonly date: string;
  readonly source: string;
}

export function readRuntimeCompatibilityDate(searchDirs: readonly string[]): RuntimeDate | undefined {
  const found = new Map<string, RuntimeDate>();
  for (const dir of searchDirs) {
    // Only real packages can have their own runtime; this keeps large manifests cheap.
    if (!existsSync(join(dir, "package.json"))) continue;
    for (const chain of RUNTIME_CHAINS) {
      const workerd = resolveChain(resolve(dir), chain);
      if (!workerd || found.has(workerd)) continue;
      const runtime = createRequire(workerd)(workerd) as { compatibilityDate?: unknown; version?: unknown };
      if (typeof runtime.compatibilityDate === "string") {
        found.set(workerd, { date: runtime.compatibilityDate, source: `the newest date workerd ${String(runtime.version)} supports, via ${chain.slice(0, -1).join(" > ")}` });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.date.localeCompare(b.date))[0];
}

/** Follows package dependencies by folder lookup; `exports` maps may hide `package.json` from require. */
function resolveChain(fromDir: string, chain: readonly string[]): string | undefined {
  let dir = fromDir;
  for (const name of chain) {
    const found = findPackageDir(dir, name);
    if (!found) return undefined;
    dir = found;
  }
  return createRequire(join(dir, "package.json")).resolve(dir);
}

function findPackageDir(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}
