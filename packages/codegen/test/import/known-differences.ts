// What Wrangler reads differently after import + generate, per real config, and why the manifest
// cannot say it the original way. real-configs.test.ts fails on any difference not listed here and
// on a listed one that no longer happens, so this list is the exact, current truth.

export interface Difference {
  readonly file: string;
  /** "" for the config's top level. */
  readonly env: string;
  /** A field of Wrangler's reading (`unstable_readConfig`). */
  readonly field: string;
}

export const KNOWN_DIFFERENCES: readonly (Difference & { readonly repository: string; readonly why: string })[] = [];
