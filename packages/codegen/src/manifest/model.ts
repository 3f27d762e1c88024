// The normalised manifest: validated, defaults filled in, names resolved per environment.
// Generators accept only this type.
import type { SecretScope, VarValue } from "./define.ts";

export interface ResolvedManifest {
  /** Manifest path relative to the output root, POSIX separators; used in headers. */
  readonly manifestPath: string;
  readonly defaultEnvironment: string;
  /** Declaration order, default environment first. */
  readonly environments: readonly ResolvedEnvironment[];
  /** Declaration order. */
  readonly secrets: readonly ResolvedSecret[];
  /** Declaration order. */
  readonly workers: readonly ResolvedWorker[];
  /** Folder of the provisioning scripts relative to the output root, POSIX. */
  readonly provisionDir: string;
  readonly limits: { readonly secretsPerAccount: number };
}

export interface ResolvedEnvironment {
  readonly name: string;
  readonly isDefault: boolean;
  readonly accountId: string;
  readonly storeId: string;
  /** "" when the environment has no prefix. */
  readonly secretPrefix: string;
}

export interface ResolvedSecret {
  readonly name: string;
  readonly description: string | undefined;
  readonly scopes: readonly SecretScope[];
  readonly rotateEveryDays: number | undefined;
  /** App ids of the workers that bind it, in worker order. */
  readonly boundBy: readonly string[];
}

export interface ResolvedWorker {
  /** App id: the manifest key. */
  readonly id: string;
  /** App folder relative to the output root, POSIX (default `apps/<id>`). */
  readonly dir: string;
  /** `wrangler-<id>.toml` */
  readonly configFile: string;
  /** Relative to `dir`: `src/env.generated.ts`. */
  readonly envTypesFile: string;
  readonly main: string;
  readonly compatibilityDate: string;
  readonly compatibilityFlags: readonly string[];
  /** One per manifest environment, in manifest environment order (default first). */
  readonly environments: readonly ResolvedWorkerEnvironment[];
}

export interface ResolvedWorkerEnvironment {
  readonly environment: string;
  readonly isDefault: boolean;
  /** Worker name on Cloudflare in this environment. */
  readonly workerName: string;
  /** Declaration order, environment overrides merged. */
  readonly vars: readonly ResolvedVar[];
  /** Declaration order. */
  readonly secrets: readonly ResolvedBinding[];
}

export interface ResolvedVar {
  readonly name: string;
  readonly value: VarValue;
}

export interface ResolvedBinding {
  /** Name on `env` inside the Worker. */
  readonly binding: string;
  /** The manifest's secret name (unprefixed). */
  readonly secret: string;
  /** The secret's name in the store: the environment's prefix + the secret name. */
  readonly storeSecretName: string;
  readonly storeId: string;
}

export type GeneratedFileKind = "wrangler-config" | "env-types" | "provision-script" | "secrets-matrix";

/** One generated artifact: pure data produced by the generators, written by the writer. */
export interface GeneratedFile {
  /** Relative to the output root, POSIX separators. */
  readonly path: string;
  readonly kind: GeneratedFileKind;
  readonly worker?: string;
  readonly environment?: string;
  readonly contents: string;
}
