// The manifest's public input types. `defineManifest` exists for the editor: its generics make a
// worker that binds an undeclared secret, or names an undeclared environment (defaultEnvironment,
// deployTo, storeNames, environments), a type error in the manifest file itself. At run time it
// returns its argument unchanged.
//
// Everything Wrangler configures that the manifest does not own is typed by Wrangler itself
// (`Unstable_RawConfig` / `Unstable_RawEnvironment`): the editor completes and checks every field,
// and a field Wrangler adds tomorrow works without a release of ours.
import type { Unstable_RawConfig, Unstable_RawEnvironment } from "wrangler";

export const SECRET_SCOPES = ["workers", "ai_gateway", "dex", "access", "containers", "websearch"] as const;
export type SecretScope = (typeof SECRET_SCOPES)[number];

/** JSON data, as Wrangler allows in `vars`. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A Worker variable, rendered under `vars`: text, a number, a boolean, or JSON data. */
export type VarValue = string | number | boolean | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type Vars = { readonly [name: string]: VarValue };

/**
 * Wrangler fields the manifest owns under its own names (or generates): `compatibilityDate`,
 * `compatibilityFlags`, `vars`, `secrets` (Secrets Store bindings), `accountId` (the environment's,
 * overridable per worker),
 * `environments`, and `workerSecrets` for Wrangler's own `secrets` (`{ required: [...] }`).
 */
export type ManifestOwnedField =
  | "name"
  | "main"
  | "compatibility_date"
  | "compatibility_flags"
  | "vars"
  | "secrets_store_secrets"
  | "account_id"
  | "env"
  | "secrets";

/** Everything else Wrangler accepts at a worker's top level, in Wrangler's own field names. */
export type WranglerWorkerSettings = Omit<Unstable_RawConfig, ManifestOwnedField>;
/** Everything else Wrangler accepts in an environment, in Wrangler's own field names. */
export type WranglerEnvironmentSettings = Omit<Unstable_RawEnvironment, ManifestOwnedField>;

export interface EnvironmentInput {
  /** The Cloudflare account id (32 hex characters), written as `account_id`. Without it, wrangler
   *  and the provisioning commands use CLOUDFLARE_ACCOUNT_ID. */
  readonly accountId?: string;
  /** The account's Secrets Store id (32 hex characters). Needed once a worker binds a secret here. */
  readonly storeId?: string;
  /** Prefix of this environment's secret names in the store, e.g. `STAGING_`; bindings keep the bare name. */
  readonly secretPrefix?: string;
}

export interface SecretInput<E extends string = string> {
  /** What the secret is and who uses it; becomes the store comment. */
  readonly description?: string;
  /** Cloudflare scopes; default `["workers"]`. A Worker can read a secret only with `workers`. */
  readonly scopes?: readonly SecretScope[];
  /** Rotation policy: `plan` reports the secret as overdue after this many days. */
  readonly rotateEveryDays?: number;
  /** The secret's name in the store for the given environment, overriding prefix + name,
   *  e.g. `{ production: "CATALOG_DATABASE_URL_PROD" }`. */
  readonly storeNames?: { readonly [K in E]?: string };
}

export type WorkerSecretsInput<S extends string> = readonly S[] | { readonly [binding: string]: S };

/**
 * A worker's own account, written as `account_id`: 32 hex characters, or `null` for no `account_id`
 * in its config (Wrangler then deploys to CLOUDFLARE_ACCOUNT_ID or the login's account).
 */
export type AccountOverride = string | null;

export interface WorkerEnvironmentInput<S extends string = string> extends WranglerEnvironmentSettings {
  /** Worker name in this environment (default: `<name>-<environment>`, or `<name>` in the default one). */
  readonly name?: string;
  /** This worker's account in this environment, overriding the worker's and the environment's
   *  `accountId`; `null`: no `account_id` here. */
  readonly accountId?: AccountOverride;
  readonly main?: string;
  readonly compatibilityDate?: string;
  readonly compatibilityFlags?: readonly string[];
  /** Merged name by name over the worker's `vars` (this environment's value wins). */
  readonly vars?: Vars;
  /** Replaces the worker's Secrets Store bindings in this environment. */
  readonly secrets?: WorkerSecretsInput<S>;
  /** Wrangler's own `secrets` field (`{ required: [...] }`, set with `wrangler secret put`). */
  readonly workerSecrets?: Unstable_RawEnvironment["secrets"];
}

export interface WorkerInput<S extends string = string, E extends string = string> extends WranglerWorkerSettings {
  /** Worker name on Cloudflare (default: the app id). */
  readonly name?: string;
  /** Entry point relative to the app folder: `src/index.ts`, `./src/index.ts`, `dist/index.js`
   *  (a build output need not exist when you generate). */
  readonly main: string;
  /** `YYYY-MM-DD`, no later than the installed Workers runtime supports. */
  readonly compatibilityDate: string;
  readonly compatibilityFlags?: readonly string[];
  /** App folder relative to the output root (default: `apps/<app id>`). */
  readonly dir?: string;
  /** This worker's account in every environment it lives in, overriding `environments.<env>.accountId`
   *  (a worker environment's own `accountId` wins over it); `null`: no `account_id` in its config. */
  readonly accountId?: AccountOverride;
  /** Secrets Store bindings: secrets bound under their own name, or `{ BINDING: "SECRET_NAME" }`. */
  readonly secrets?: WorkerSecretsInput<S>;
  readonly vars?: Vars;
  /** Wrangler's own `secrets` field (`{ required: [...] }`, set with `wrangler secret put`);
   *  spelt differently because `secrets` holds the Secrets Store bindings. */
  readonly workerSecrets?: Unstable_RawEnvironment["secrets"];
  /** Config file name inside `dir`; the extension picks the format: .toml, .json or .jsonc.
   *  Default `wrangler-<app id>.toml`; e.g. `wrangler.jsonc` keeps a team's existing name. */
  readonly configFile?: string;
  /** Env types file relative to `dir`; default `src/env.generated.ts`. */
  readonly envTypesFile?: string;
  /** Environments this worker lives in. Absent: every manifest environment. The default
   *  environment is the config's top level, so it is always included (listing it is allowed). */
  readonly deployTo?: readonly E[];
  /** Per-environment settings, merged over the worker's (see the README's merge rule). */
  readonly environments?: { readonly [K in E]?: WorkerEnvironmentInput<S> };
}

export interface LimitsInput {
  /** Cloudflare's per-account secret quota (100 during the open beta). */
  readonly secretsPerAccount?: number;
}

export interface ManifestInput<E extends string = string, S extends string = string> {
  readonly environments: { readonly [K in E]: EnvironmentInput };
  /** Rendered at the top level of every Wrangler config; the others become `[env.<name>]`. */
  readonly defaultEnvironment: E;
  readonly secrets: { readonly [K in S]: SecretInput<E> };
  readonly workers: { readonly [app: string]: WorkerInput<S, E> };
  /** Where provisioning scripts go, relative to the output root (default: `provision`). */
  readonly provisionDir?: string;
  readonly limits?: LimitsInput;
}

// Workers are typed directly (not inferred as a type parameter) so that TypeScript's excess-property
// check applies to them: a misspelt Wrangler field (`kv_namespace`) is an error with "did you mean".
export function defineManifest<
  const E extends { readonly [name: string]: EnvironmentInput },
  const S extends { readonly [name: string]: SecretInput<NoInfer<keyof E & string>> },
>(manifest: {
  readonly environments: E;
  readonly defaultEnvironment: NoInfer<keyof E & string>;
  readonly secrets: S;
  readonly workers: { readonly [app: string]: WorkerInput<NoInfer<keyof S & string>, NoInfer<keyof E & string>> };
  readonly provisionDir?: string;
  readonly limits?: LimitsInput;
}): typeof manifest {
  return manifest;
}
