// What the manifest wants in a store for one environment: the remote store as a whole, or the local
// store of each app folder that `wrangler dev` reads. Pure: the resolved manifest in, plain data out.
import type { SecretScope } from "../manifest/define.ts";
import type { ResolvedEnvironment, ResolvedManifest } from "../manifest/model.ts";
import { LOCAL_STATE_DIR } from "../generate/provision-plan.ts";
import { indexReadersBySecret } from "../manifest/readers.ts";
import { readOwnershipMark, storeComment } from "./store-comment.ts";
import type { StoreSecret } from "./store.ts";

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
  /** The store comment (see storeComment): from the manifest's description ("" when it has none). */
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
    comment: storeComment(secret.description, env.name),
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

/** Whether prune may delete a listed secret, and why: said next to every deletion and every secret left alone. */
export interface Ownership {
  /** Prune may delete it (when the manifest no longer declares it). */
  readonly owned: boolean;
  /** Worth showing in this environment's plan at all: false for what belongs to another environment. */
  readonly shown: boolean;
  readonly reason: string;
}

export type OwnershipRule = (secret: Pick<StoreSecret, "name" | "comment">) => Ownership;

/**
 * Decides which listed secrets this environment may prune. Never a name any environment sharing the
 * store declares. In a store that keeps comments (the remote one), only what secrets-manifest created
 * for this environment: the ownership mark in the comment (see storeComment); an empty prefix, a
 * shared account or another team's secrets then claim nothing. The local store keeps no comments
 * and holds only what was seeded into one app folder: there the longest matching prefix decides.
 * Written in terms of the store names each environment declares.
 */
export function planOwnership(manifest: ResolvedManifest, environment: string, options: { readsComments: boolean }): OwnershipRule {
  const env = requireEnvironment(manifest, environment);
  const sharing = manifest.environments.filter((other) => other.accountId === env.accountId && other.storeId === env.storeId);
  const declaredBy = (other: ResolvedEnvironment) => manifest.secrets.map((secret) => secret.storeNames[other.name]!);
  const othersDeclare = new Set(sharing.filter((other) => other.name !== env.name).flatMap(declaredBy));
  const declared = new Set(declaredBy(env));
  /** The environment whose prefix is the longest that the name starts with. */
  const prefixOwner = (name: string) => {
    let owner: ResolvedEnvironment | undefined;
    for (const candidate of sharing) {
      if (!name.startsWith(candidate.secretPrefix)) continue;
      if (owner === undefined || candidate.secretPrefix.length > owner.secretPrefix.length) owner = candidate;
    }
    return owner?.name;
  };
  return ({ name, comment }) => {
    if (declared.has(name)) return { owned: true, shown: true, reason: `declared for ${env.name}` };
    if (othersDeclare.has(name)) return { owned: false, shown: false, reason: "another environment of the manifest declares it" };
    if (options.readsComments) {
      const owner = readOwnershipMark(comment);
      if (owner === env.name) return { owned: true, shown: true, reason: `created by secrets-manifest for ${env.name} (its comment carries the mark), no longer declared` };
      if (owner !== undefined) return { owned: false, shown: false, reason: `created by secrets-manifest for ${owner}` };
      return { owned: false, shown: prefixOwner(name) === env.name, reason: `not created by secrets-manifest for ${env.name}: its comment carries no ownership mark` };
    }
    const owned = prefixOwner(name) === env.name;
    const prefix = env.secretPrefix === "" ? "no prefix" : `prefix ${env.secretPrefix}`;
    return { owned, shown: owned, reason: owned ? `in this app's local store, named for ${env.name} (${prefix}), no longer declared` : "named for another environment" };
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
