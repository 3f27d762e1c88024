// Naming rules, each with the wording used in error messages. Names are validated against these
// before anything is rendered, which is what keeps TOML, TypeScript and shell output safe.

export interface NameRule {
  readonly pattern: RegExp;
  readonly expected: string;
  readonly maxLength: number;
}

export const BINDING_NAME: NameRule = {
  pattern: /^[A-Za-z_$][A-Za-z0-9_$]*$/,
  expected: "a JavaScript identifier (letters, digits, _ or $, not starting with a digit)",
  maxLength: 255,
};

export const SECRET_NAME: NameRule = {
  pattern: /^[A-Za-z0-9_-]+$/,
  expected: "a Secrets Store name: letters, digits, _ and - only, no spaces",
  maxLength: 255,
};

export const SECRET_PREFIX: NameRule = {
  pattern: /^[A-Za-z0-9_-]*$/,
  expected: "a prefix of letters, digits, _ and - only (e.g. STAGING_)",
  maxLength: 64,
};

export const WORKER_NAME: NameRule = {
  pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
  expected: "a Cloudflare Worker name: lowercase letters, digits and -, not starting or ending with -, at most 63 characters",
  maxLength: 63,
};

export const APP_ID: NameRule = {
  pattern: /^[a-z0-9][a-z0-9_-]*$/,
  expected: "an app id usable as one folder name: lowercase letters, digits, - and _, starting with a letter or digit",
  maxLength: 64,
};

export const ENVIRONMENT_NAME: NameRule = {
  pattern: /^[a-z][a-z0-9_-]*$/,
  expected: "an environment name valid for [env.<name>]: lowercase letters, digits, - and _, starting with a letter",
  maxLength: 32,
};

export const HEX_ID: NameRule = {
  pattern: /^[0-9a-f]{32}$/,
  expected: "32 lowercase hexadecimal characters, as shown in the Cloudflare dashboard",
  maxLength: 32,
};

export const COMPATIBILITY_FLAG: NameRule = {
  pattern: /^[a-z0-9_]+$/,
  expected: "a compatibility flag: lowercase letters, digits and _ (e.g. nodejs_compat)",
  maxLength: 128,
};

/** Each segment must itself be a safe folder name: no `..`, no absolute paths, no backslashes. */
export const RELATIVE_DIR: NameRule = {
  pattern: /^(?!\.{1,2}(?:\/|$))[A-Za-z0-9_][A-Za-z0-9._-]*(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9_][A-Za-z0-9._-]*)*$/,
  expected: "a relative folder inside the output root, e.g. apps/openai (segments of letters, digits, ., _ and -; no .. or leading /)",
  maxLength: 255,
};

/**
 * Entry points: a relative module path inside the app folder, as Cloudflare's docs and build tools
 * write them (`src/index.ts`, `./src/index.ts`, `dist/index.js`, `.output/server/index.mjs`). No
 * `..` segment and no leading `/`; a build output need not exist when the manifest is generated.
 */
export const MAIN_PATH: NameRule = {
  pattern: /^(?:\.\/)?(?!\.{1,2}(?:\/|$))[A-Za-z0-9_.][A-Za-z0-9._-]*(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9_.][A-Za-z0-9._-]*)*\.(?:ts|js|mjs|cjs|mts|cts|tsx|jsx|py)$/,
  expected: "a relative path to the entry module inside the app folder, e.g. src/index.ts, ./src/index.ts or dist/index.js",
  maxLength: 255,
};

/** A Wrangler config file name inside the app folder; its extension picks the format. */
export const CONFIG_FILE: NameRule = {
  pattern: /^(?!\.{1,2}$)[A-Za-z0-9_.][A-Za-z0-9._-]*\.(?:toml|json|jsonc)$/,
  expected: "a file name (no folder) ending in .toml, .json or .jsonc, e.g. wrangler.jsonc",
  maxLength: 128,
};

/** The generated Env types file, relative to the app folder. */
export const ENV_TYPES_PATH: NameRule = {
  pattern: /^(?!\.{1,2}(?:\/|$))[A-Za-z0-9_.][A-Za-z0-9._-]*(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9_.][A-Za-z0-9._-]*)*\.ts$/,
  expected: "a relative .ts path inside the app folder, e.g. src/env.generated.ts",
  maxLength: 255,
};

export function matchesRule(rule: NameRule, value: string): boolean {
  return value.length <= rule.maxLength && rule.pattern.test(value);
}

/** Names the Secrets Store guidance calls too generic to tell which provider and purpose. */
export const GENERIC_SECRET_NAMES: ReadonlySet<string> = new Set([
  "API_KEY",
  "APIKEY",
  "KEY",
  "TOKEN",
  "API_TOKEN",
  "ACCESS_TOKEN",
  "SECRET",
  "SECRET_KEY",
  "PASSWORD",
  "PASS",
  "CREDENTIALS",
  "AUTH",
  "AUTH_TOKEN",
]);

export function toPascalCase(name: string): string {
  return name
    .split(/[-_]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}
