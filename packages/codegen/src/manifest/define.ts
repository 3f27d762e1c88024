// The manifest's public input types. `defineManifest` exists for the editor: its generics make a
// worker that binds an undeclared secret, or a defaultEnvironment that is not declared, a type
// error in the manifest file itself. At run time it returns its argument unchanged.

export const SECRET_SCOPES = ["workers", "ai_gateway", "dex", "access", "containers", "websearch"] as const;
export type SecretScope = (typeof SECRET_SCOPES)[number];

/** A plain-text Worker variable, rendered under `[vars]` and typed as its literal value. */
export type VarValue = string | number | boolean;

export interface EnvironmentInput {
  /** The Cloudflare account id (32 hex characters). */
  readonly accountId: string;
  /** The account's Secrets Store id (32 hex characters). One store per account. */
  readonly storeId: string;
  /** Prefix of this environment's secret names in the store, e.g. `STAGING_`; bindings keep the bare name. */
  readonly secretPrefix?: string;
}

export interface SecretInput {
  /** What the secret is and who uses it; becomes the store comment. */
  readonly description?: string;
  /** Cloudflare scopes; default `["workers"]`. A Worker can read a secret only with `workers`. */
  readonly scopes?: readonly SecretScope[];
  /** Rotation policy: `plan` reports the secret as overdue after this many days. */
  readonly rotateEveryDays?: number;
}

export interface WorkerEnvironmentInput {
  /** Worker name in this environment (default: `<name>-<environment>`, or `<name>` in the default one). */
  readonly name?: string;
  /** Variables merged over the worker's `vars` in this environment. */
  readonly vars?: { readonly [name: string]: VarValue };
}

export type WorkerSecretsInput<S extends string> = readonly S[] | { readonly [binding: string]: S };

export interface WorkerInput<S extends string = string, E extends string = string> {
  /** Worker name on Cloudflare (default: the app id). */
  readonly name?: string;
  /** Entry point, relative to the app folder. */
  readonly main: string;
  /** `YYYY-MM-DD`, no later than the installed Workers runtime supports. */
  readonly compatibilityDate: string;
  readonly compatibilityFlags?: readonly string[];
  /** App folder relative to the output root (default: `apps/<app id>`). */
  readonly dir?: string;
  /** Secrets bound under their own name, or `{ BINDING: "SECRET_NAME" }` to rename a binding. */
  readonly secrets?: WorkerSecretsInput<S>;
  readonly vars?: { readonly [name: string]: VarValue };
  /** Per-environment overrides. */
  readonly environments?: { readonly [K in E]?: WorkerEnvironmentInput };
}

export interface LimitsInput {
  /** Cloudflare's per-account secret quota (100 during the open beta). */
  readonly secretsPerAccount?: number;
}

export interface ManifestInput<
  E extends string = string,
  S extends string = string,
> {
  readonly environments: { readonly [K in E]: EnvironmentInput };
  /** Rendered at the top level of every Wrangler config; the others become `[env.<name>]`. */
  readonly defaultEnvironment: E;
  readonly secrets: { readonly [K in S]: SecretInput };
  readonly workers: { readonly [app: string]: WorkerInput<S, E> };
  /** Where provisioning scripts go, relative to the output root (default: `provision`). */
  readonly provisionDir?: string;
  readonly limits?: LimitsInput;
}

export function defineManifest<
  const E extends { readonly [name: string]: EnvironmentInput },
  const S extends { readonly [name: string]: SecretInput },
  const W extends { readonly [app: string]: WorkerInput<NoInfer<keyof S & string>, NoInfer<keyof E & string>> },
>(manifest: {
  readonly environments: E;
  readonly defaultEnvironment: NoInfer<keyof E & string>;
  readonly secrets: S;
  readonly workers: W;
  readonly provisionDir?: string;
  readonly limits?: LimitsInput;
}): typeof manifest {
  return manifest;
}
