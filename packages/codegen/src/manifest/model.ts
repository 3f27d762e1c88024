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
  /** Written as `account_id`; absent: wrangler and provisioning use CLOUDFLARE_ACCOUNT_ID. */
  readonly accountId: string | undefined;
  /** Absent only when no worker binds a secret in this environment. */
  readonly storeId: string | undefined;
  /** "" when the environment has no prefix. */
  readonly secretPrefix: string;
}

export interface ResolvedSecret {
  readonly name: string;
  readonly description: string | undefined;
  readonly scopes: readonly SecretScope[];
  readonly rotateEveryDays: number | undefined;
  /** Its name in each environment's store, by environment: `storeNames[env]` or the prefix + name. */
  readonly storeNames: Readonly<Record<string, string>>;
  /** App ids of the workers that bind it, in worker order. */
  readonly boundBy: readonly string[];
}

export interface ResolvedWorker {
  /** App id: the manifest key. */
  readonly id: string;
  /** App folder relative to the output root, POSIX (default `apps/<id>`). */
  readonly dir: string;
  /** File name inside `dir`, as chosen (default `wrangler-<id>.toml`). */
  readonly configFile: string;
  readonly configFormat: ConfigFormat;
  /** Relative to `dir` (default `src/env.generated.ts`). */
  readonly envTypesFile: string;
  /** The worker's own settings; an environment may override them (see `environments[*].config`). */
  readonly main: string;
  readonly compatibilityDate: string;
  readonly compatibilityFlags: readonly string[];
  /** Top-level-only Wrangler fields (`keep_vars`, `alias`, `dev`, ...), written once at the top. */
  readonly topLevelSettings: Readonly<Record<string, unknown>>;
  /** Only the environments it lives in (`deployTo`), in manifest environment order, default first. */
  readonly environments: readonly ResolvedWorkerEnvironment[];
}

export interface ResolvedWorkerEnvironment {
  readonly environment: string;
  readonly isDefault: boolean;
  /** Worker name on Cloudflare in this environment. */
  readonly workerName: string;
  /** Written as `account_id`: the worker's override here, else the environment's account; absent:
   *  wrangler uses CLOUDFLARE_ACCOUNT_ID. May differ from the environment's (provisioning's) account. */
  readonly accountId: string | undefined;
  /** Declaration order, environment overrides merged. */
  readonly vars: readonly ResolvedVar[];
  /** Declaration order. */
  readonly secrets: readonly ResolvedBinding[];
  /**
   * The complete Wrangler environment as Wrangler reads it for `--env <name>` (the default
   * environment: the top level): merge rule applied, in Wrangler's field names, JSON data only.
   * Holds name, main, compatibility_date, compatibility_flags (when any), account_id (when known),
   * every passthrough field, vars (when any), secrets (the manifest's `workerSecrets`) and
   * secrets_store_secrets (when any). Key order is write order.
   */
  readonly config: Readonly<Record<string, unknown>>;
}

export type ConfigFormat = "toml" | "json" | "jsonc";

export interface ResolvedVar {
  readonly name: string;
  readonly value: VarValue;
}

export interface ResolvedBinding {
  /** Name on `env` inside the Worker. */
  readonly binding: string;
  /** The manifest's secret name (unprefixed). */
  readonly secret: string;
  /** The secret's name in the store: `storeNames[env]`, else the environment's prefix + the secret name. */
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
