// `generate --wrangler`: every generated config read by Wrangler itself, its complaints reported at
// the manifest lines that caused them. Reads disk (wrangler, a temporary folder); writes nothing of the user's.
import type { ManifestIssue } from "../manifest/issues.ts";
import type { GeneratedFile, ResolvedManifest } from "../manifest/model.ts";
import { locateIssues } from "../manifest/locate.ts";
import type { LoadedManifest } from "../load/read-manifest.ts";
import { loadWranglerReader, readWranglerDiagnostics } from "./read-wrangler-diagnostics.ts";
import { planWranglerIssues } from "./plan-wrangler-issues.ts";

export async function checkWithWrangler(options: {
  readonly manifest: ResolvedManifest;
  readonly files: readonly GeneratedFile[];
  readonly loaded: LoadedManifest;
  readonly root: string;
}): Promise<ManifestIssue[]> {
  const read = await loadWranglerReader(options.root);
  const readings = await readWranglerDiagnostics({ manifest: options.manifest, files: options.files, read });
  const workers = new Map(options.manifest.workers.map((worker) => [worker.id, worker]));
  const seen = new Set<string>();
  const issues = readings.flatMap((reading) =>
    planWranglerIssues({
      worker: workers.get(reading.worker)!,
      environment: reading.environment,
      defaultEnvironment: options.manifest.defaultEnvironment,
      configPath: reading.configPath,
      // A top-level complaint comes back with every environment read: report it once.
      diagnostics: reading.diagnostics.filter((diagnostic) => {
        const key = `${reading.configPath}\u0000${diagnostic.severity}\u0000${diagnostic.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      }),
      input: options.loaded.input,
    }),
  );
  return locateIssues(issues, options.loaded.source);
}
