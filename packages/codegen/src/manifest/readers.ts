// Who reads each secret in one environment, built in one pass over the workers. SECRETS.md, the local
// seeding scripts and the provisioning commands all ask this question; manifests can hold thousands
// of workers, so none of them may ask it once per secret.
import type { ResolvedBinding, ResolvedManifest, ResolvedWorker, ResolvedWorkerEnvironment } from "./model.ts";

export interface SecretReading {
  readonly worker: ResolvedWorker;
  readonly environment: ResolvedWorkerEnvironment;
  readonly binding: ResolvedBinding;
}

/** By manifest secret name, in worker order then binding order. */
export function indexReadersBySecret(manifest: ResolvedManifest, environment: string): Map<string, SecretReading[]> {
  const bySecret = new Map<string, SecretReading[]>();
  for (const worker of manifest.workers) {
    const env = worker.environments.find((candidate) => candidate.environment === environment);
    for (const binding of env?.secrets ?? []) {
      let readings = bySecret.get(binding.secret);
      if (readings === undefined) bySecret.set(binding.secret, (readings = []));
      readings.push({ worker, environment: env!, binding });
    }
  }
  return bySecret;
}
