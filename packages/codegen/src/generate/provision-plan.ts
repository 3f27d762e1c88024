// What a provisioning script does for one environment, computed once so that the bash and
// PowerShell renderings cannot drift apart.
import type { ResolvedEnvironment, ResolvedManifest } from "../manifest/model.ts";
import { indexReadersBySecret } from "../manifest/readers.ts";

export type ProvisionShell = "bash" | "powershell";
export type ProvisionTarget = "remote" | "local";

export interface RemoteSecretPlan {
  /** Name in the store: the environment's prefix + the manifest name. */
  readonly storeName: string;
  /** Comma-separated, as `--scopes` takes them. */
  readonly scopes: string;
  readonly comment: string | undefined;
}

export interface LocalSeedTarget {
  readonly storeId: string;
  readonly storeName: string;
  /** App folder relative to the output root; wrangler dev persists under `<dir>/.wrangler/state`. */
  readonly appDir: string;
}

export interface LocalSecretPlan {
  /** The manifest name, asked for once. */
  readonly secret: string;
  readonly targets: readonly LocalSeedTarget[];
}

/** Everything a script needs, computed once so that both shells say the same thing. */
export interface ProvisionPlan {
  readonly target: ProvisionTarget;
  readonly environment: ResolvedEnvironment;
  readonly manifestPath: string;
  /** From the script's folder back to the output root, e.g. `..` for `provision/`. */
  readonly rootFromScript: string;
  readonly remote: readonly RemoteSecretPlan[];
  readonly local: readonly LocalSecretPlan[];
  /** `--env <name>` for wrangler dev, or "" for the default environment. */
  readonly devEnvFlag: string;
}

/** Persist folder of `wrangler dev -c <dir>/<config>`: wrangler keeps state next to the config. */
export const LOCAL_STATE_DIR = ".wrangler/state";

export function planProvisioning(options: { manifest: ResolvedManifest; environment: string; target: ProvisionTarget }): ProvisionPlan {
  const { manifest } = options;
  const environment = manifest.environments.find((env) => env.name === options.environment);
  if (environment === undefined) {
    const known = manifest.environments.map((env) => env.name).join(", ");
    throw new Error(`Unknown environment "${options.environment}" (the manifest declares: ${known}).`);
  }
  const remote = manifest.secrets.map((secret) => ({
    storeName: secret.storeNames[environment.name]!,
    scopes: secret.scopes.join(","),
    comment: secret.description,
  }));
  // Only local scripts seed app folders; the walk over every worker's bindings is skipped otherwise.
  const targetsBySecret = options.target === "local" ? localTargets(manifest, environment.name) : new Map<string, Map<string, LocalSeedTarget>>();
  const local = manifest.secrets
    .map((secret) => ({ secret: secret.name, targets: [...(targetsBySecret.get(secret.name)?.values() ?? [])] }))
    .filter((plan) => plan.targets.length > 0);
  return {
    target: options.target,
    environment,
    manifestPath: manifest.manifestPath,
    rootFromScript: manifest.provisionDir.split("/").filter(Boolean).map(() => "..").join("/") || ".",
    remote,
    local,
    devEnvFlag: environment.isDefault ? "" : `--env ${environment.name}`,
  };
}

/** Per secret, the app stores to seed. */
function localTargets(manifest: ResolvedManifest, environment: string): Map<string, Map<string, LocalSeedTarget>> {
  const bySecret = new Map<string, Map<string, LocalSeedTarget>>();
  for (const [secret, readings] of indexReadersBySecret(manifest, environment)) {
    const targets = new Map<string, LocalSeedTarget>();
    for (const { worker, binding } of readings) {
      const target = { storeId: binding.storeId, storeName: binding.storeSecretName, appDir: worker.dir };
      // Two bindings of one secret in one app share the same stored entry.
      targets.set(`${target.appDir}\u0000${target.storeId}\u0000${target.storeName}`, target);
    }
    bySecret.set(secret, targets);
  }
  return bySecret;
}
