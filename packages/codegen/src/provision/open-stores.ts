// Opens the stores one environment is provisioned into: the account's store through the API, or,
// with --local, the local store of each app folder that `wrangler dev` reads.
import type { ResolvedManifest } from "../manifest/model.ts";
import { planDesiredSecrets, planLocalTargets, planOwnership, requireEnvironment, type DesiredSecret } from "./desired.ts";
import { createLocalStore } from "./local-store.ts";
import { planStore, type StorePlan } from "./plan-store.ts";
import { createRemoteStore, readApiCredentials } from "./remote-store.ts";
import type { SecretStore } from "./store.ts";
import { LOCAL_STORE_CONCURRENCY, mapConcurrently } from "./concurrency.ts";
import { createWranglerRunner, WranglerNotFoundError } from "./wrangler-runner.ts";

export interface StoreTarget {
  readonly store: SecretStore;
  readonly desired: readonly DesiredSecret[];
  readonly owns: (storeName: string) => boolean;
  /** App id for a local store. */
  readonly app?: string;
}

export interface OpenStoresOptions {
  readonly manifest: ResolvedManifest;
  readonly environment: string;
  readonly local: boolean;
  /** Output root: app folders are relative to it. */
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
}

export type OpenStoresResult = { readonly ok: true; readonly targets: readonly StoreTarget[] } | { readonly ok: false; readonly error: string };

export function openStores(options: OpenStoresOptions): OpenStoresResult {
  const { manifest, environment } = options;
  const env = requireEnvironment(manifest, environment);
  const owns = planOwnership(manifest, environment);
  if (options.local) {
    let wrangler;
    try {
      wrangler = createWranglerRunner({ cwd: options.root, env: options.env });
    } catch (error) {
      if (error instanceof WranglerNotFoundError) return { ok: false, error: error.message };
      throw error;
    }
    const targets = planLocalTargets(manifest, environment).map((target) => ({
      store: createLocalStore({ storeId: target.storeId, persistTo: target.persistTo, root: options.root, wrangler }),
      desired: target.desired,
      owns,
      app: target.app,
    }));
    return { ok: true, targets };
  }
  const credentials = readApiCredentials(options.env);
  if ("error" in credentials) return { ok: false, error: credentials.error };
  const accountId = env.accountId ?? options.env["CLOUDFLARE_ACCOUNT_ID"];
  if (accountId === undefined || accountId === "") {
    return { ok: false, error: `environments.${environment} has no accountId and CLOUDFLARE_ACCOUNT_ID is not set.\n  fix: set accountId for ${environment} in the manifest, or export CLOUDFLARE_ACCOUNT_ID` };
  }
  if (env.storeId === undefined) {
    return { ok: false, error: `environments.${environment} has no storeId.\n  fix: set storeId for ${environment} in the manifest (\`wrangler secrets-store store list --remote\` lists the store ids)` };
  }
  const store = createRemoteStore({ accountId, storeId: env.storeId, credentials });
  return { ok: true, targets: [{ store, desired: planDesiredSecrets(manifest, environment), owns }] };
}

/** Lists each store (and the quota, where there is one) and plans it. */
export async function readStorePlans(targets: readonly StoreTarget[], options: { prune: boolean; now: Date }): Promise<StorePlan[]> {
  const plans = await mapConcurrently(targets, { limit: LOCAL_STORE_CONCURRENCY }, async (target) => {
    const [listing, quota] = await Promise.all([target.store.list(), target.store.observes.quota ? target.store.quota() : undefined]);
    return planStore({
      label: target.store.label,
      desired: target.desired,
      listing,
      observes: target.store.observes,
      quota,
      owns: target.owns,
      prune: options.prune,
      now: options.now,
    });
  });
  return plans.filter((plan): plan is StorePlan => plan !== undefined);
}
