// What the manifest wants in a store for one environment: the remote store as a whole, or the local
// store of each app folder that `wrangler dev` reads. Pure: the resolved manifest in, plain data out.
import type { SecretScope } from "../manifest/define.ts";
import type { ResolvedEnvironment, ResolvedManifest } from "../manifest/model.ts";
import { LOCAL_STATE_DIR } from "../generate/provision-plan.ts";
import { indexReadersBySecret } from "../manifest/readers.ts";

export interface SecretReader {
  /** App id (the manifest key). */
  readonly app: string;
  /** Worker name on Cloudflare in this environment. */
  readonly workerName: string;
  readonly binding: string;
}

export interface DesiredSecret {
  /** The manifest's name: the key of a values file. */
  readonly secret: string;
  /** The name in the store: the environment's prefix + the manifest name. */
  readonly storeName: string;
  readonly scopes: readonly SecretScope[];
  /** The store comment: the manifest's description ("" when it has none). */
  readonly comment: string;
  readonly rotateEveryDays: number | undefined;
  readonly readers: readonly SecretReader[];
}

/** One app's local store: what `wrangler dev -c <dir>/<config>` reads from `<dir>/.wrangler/state`. */
export interface LocalTarget {
  readonly app: string;
  /** App folder relative to the output root, POSIX. */
  readonly appDir: string;
  /** `--persist-to` relative to the output root. */
  readonly persistTo: string;
  readonly storeId: string;
  readonly desired: readonly DesiredSecret[];
}

export function findEnvironment(manifest: ResolvedManifest, name: string): ResolvedEnvironment | undefined {
  return manifest.environments.find((env) => env.name === name);
}

/** Every secret the manifest declares, named as the environment's store names it. */
export function planDesiredSecrets(manifest: ResolvedManifest, environment: string): DesiredSecret[] {
  const env = requireEnvironment(manifest, environment);
  const readings = indexReadersBySecret(manifest, environment);
  return manifest.secrets.map((secret) => ({
    secret: secret.name,
    storeName: secret.storeNames[env.name]!,
    scopes: secret.scopes,
    comment: secret.description ?? "",
    rotateEveryDays: secret.rotateEveryDays,
    readers: (readings.get(secret.name) ?? []).map(({ worker, environment: workerEnv, binding }) => ({
      app: worker.id,
      workerName: workerEnv.workerName,
      binding: binding.binding,
    })),
  }));
}

/** The local store of every app that binds at least one secret in this environment. */
export function planLocalTargets(manifest: ResolvedManifest, environment: string): LocalTarget[] {
  const env = requireEnvironment(manifest, environment);
  // Each app's secrets in manifest order, once each even when the app binds a secret twice.
  const byApp = new Map<string, DesiredSecret[]>();
  for (const secret of planDesiredSecrets(manifest, environment)) {
    for (const reader of secret.readers) {
      const list = byApp.get(reader.app) ?? [];
      if (list.at(-1) !== secret) list.push(secret);
      byApp.set(reader.app, list);
    }
  }
  return manifest.workers
    .map((worker) => ({
      app: worker.id,
      appDir: worker.dir,
      persistTo: `${worker.dir}/${LOCAL_STATE_DIR}`,
      // The store rules require a store id wherever a worker binds a secret.
      storeId: env.storeId ?? "",
      desired: byApp.get(worker.id) ?? [],
    }))
    .filter((target) => target.desired.length > 0);
}

/**
 * Decides which store names belong to this environment. Environments may share one store, kept apart
 * by prefixes: a name another environment wants is never ours, and otherwise the longest matching
 * prefix wins. So `plan --env production` never offers to prune `STAGING_*`.
 */
export function planOwnership(manifest: ResolvedManifest, environment: string): (storeName: string) => boolean {
  const env = requireEnvironment(manifest, environment);
  const sharing = manifest.environments.filter((other) => other.accountId === env.accountId && other.storeId === env.storeId);
  const othersWant = new Set(
    sharing.filter((other) => other.name !== env.name).flatMap((other) => manifest.secrets.map((secret) => secret.storeNames[other.name]!)),
  );
  const ownWant = new Set(manifest.secrets.map((secret) => secret.storeNames[env.name]!));
  return (storeName) => {
    if (ownWant.has(storeName)) return true;
    if (othersWant.has(storeName)) return false;
    let owner: ResolvedEnvironment | undefined;
    for (const candidate of sharing) {
      if (!storeName.startsWith(candidate.secretPrefix)) continue;
      if (owner === undefined || candidate.secretPrefix.length > owner.secretPrefix.length) owner = candidate;
    }
    return owner?.name === env.name;
  };
}

export function requireEnvironment(manifest: ResolvedManifest, name: string): ResolvedEnvironment {
  const env = findEnvironment(manifest, name);
  if (env !== undefined) return env;
  const known = manifest.environments.map((candidate) => candidate.name).join(", ");
  throw new UnknownEnvironmentError(`Unknown environment "${name}": the manifest declares ${known}.\n  fix: pass --env with one of them`);
}

export class UnknownEnvironmentError extends Error {
  override readonly name = "UnknownEnvironmentError";
}
