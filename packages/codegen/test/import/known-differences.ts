// What Wrangler reads differently after import + generate, per real config, and why the manifest
// cannot say it the original way. real-configs.test.ts fails on any difference not listed here and
// on a listed one that no longer happens, so this list is the exact, current truth.

export interface Difference {
  readonly file: string;
  /** "" for the config's top level. */
  readonly env: string;
  /** A field of Wrangler's reading (`unstable_readConfig`). */
  readonly field: string;
  /** Wrangler's reading of the field before and after, as JSON (undefined: absent). */
  readonly before: string | undefined;
  readonly after: string | undefined;
}

type Known = Difference & { readonly repository: string; readonly why: string };

const NO_TOP_LEVEL_NAME =
  "The config's top level has no name (only its [env.*] are deployed); the manifest's default environment is the top level and always has a name, " +
  "so the Worker is named after its app id there. topLevelName is what every environment reads as the top level's name.";
const ASSETS_ONLY =
  "An assets-only Worker has no main; the manifest requires one, so import writes a TODO placeholder (src/index.ts), which Wrangler resolves to a file that does not exist.";

const unnamedTop = (repository: string, file: string, app: string, envs: readonly string[]): Known[] => [
  { repository, file, env: "", field: "topLevelName", before: undefined, after: JSON.stringify(app), why: NO_TOP_LEVEL_NAME },
  { repository, file, env: "", field: "name", before: undefined, after: JSON.stringify(app), why: NO_TOP_LEVEL_NAME },
  ...envs.map((env): Known => ({ repository, file, env, field: "topLevelName", before: undefined, after: JSON.stringify(app), why: NO_TOP_LEVEL_NAME })),
];
const placeholderMain = (repository: string, file: string, envs: readonly string[]): Known[] =>
  envs.map((env): Known => ({ repository, file, env, field: "main", before: undefined, after: JSON.stringify(`<repo>/${file.replace(/[^/]+$/, "")}src/index.ts`), why: ASSETS_ONLY }));

export const KNOWN_DIFFERENCES: readonly Known[] = [
  ...unnamedTop("lifeodyssey/animichi", "workers/edge/wrangler.toml", "edge", ["production", "staging"]),
  ...unnamedTop("cloudflare/mcp-server-cloudflare", "apps/cloudflare-one-casb/wrangler.jsonc", "cloudflare-one-casb", ["staging", "production"]),
  ...unnamedTop("cloudflare/mcp-server-cloudflare", "apps/dex-analysis/wrangler.jsonc", "dex-analysis", ["staging", "production"]),
  ...placeholderMain("Chandorkar-Technologies/Zero", "apps/mail/wrangler.jsonc", ["", "local", "staging", "production"]),
];

/**
 * What tsc reports in the imported manifests (real-configs.test.ts type-checks them all): a field a
 * config holds that Wrangler's types do not allow there. Import keeps it (Wrangler reads the
 * generated config as before) and warns about it; the editor then shows it where it is.
 */
export const KNOWN_TYPE_ERRORS: readonly { readonly repository: string; readonly message: RegExp; readonly why: string }[] = [
  {
    repository: "lifeodyssey/animichi",
    message: /error TS2353: Object literal may only specify known properties, and 'workers_dev' does not exist in type 'Rule'\./,
    why:
      "workers/migrator/wrangler.toml writes workers_dev and preview_urls after its second [[rules]] header, so TOML puts them in that rule, " +
      "where Wrangler ignores them: the Worker never had them. Import warns; tsc shows the first of the two.",
  },
];
