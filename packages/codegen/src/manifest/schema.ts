// The manifest's shape and per-field formats as a zod schema. Cross-field rules live in rules.ts.
import { z } from "zod";
import { SECRET_SCOPES } from "./define.ts";
import {
  COMPATIBILITY_FLAG,
  CONFIG_FILE,
  ENV_TYPES_PATH,
  HEX_ID,
  MAIN_PATH,
  RELATIVE_DIR,
  SECRET_NAME,
  SECRET_PREFIX,
  WORKER_NAME,
  matchesRule,
  type NameRule,
} from "./names.ts";

/** A string checked against a naming rule; the issue carries what was expected and the fix. */
function named(rule: NameRule, what: string, fix: string) {
  return z.string().superRefine((value, ctx) => {
    if (matchesRule(rule, value)) return;
    ctx.addIssue({
      code: "custom",
      message: value.length > rule.maxLength ? `${what} is too long (${value.length} characters).` : `Invalid ${what}.`,
      params: { expected: rule.expected, fix },
      input: value,
    });
  });
}

const singleLine = z.string().superRefine((value, ctx) => {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: "Descriptions must be a single line of text.",
      params: { expected: "text without newlines or control characters", fix: "remove the line breaks" },
      input: value,
    });
  }
  if (value.length > 1024) {
    ctx.addIssue({
      code: "custom",
      message: "Description is too long.",
      params: { expected: "at most 1024 characters", fix: "shorten the description" },
      input: value,
    });
  }
});

const date = z.string().superRefine((value, ctx) => {
  if (isRealDate(value)) return;
  ctx.addIssue({
    code: "custom",
    message: "Not a real calendar date.",
    params: { expected: "a date written YYYY-MM-DD, e.g. 2026-08-01", fix: "use an existing date in YYYY-MM-DD form" },
    input: value,
  });
});

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

// Wrangler allows JSON data in vars: text, numbers and booleans, or objects and arrays of them.
const varValue = z.union([z.string(), z.number().finite(), z.boolean(), z.array(z.json()), z.record(z.string(), z.json())], {
  error: "Invalid var value: expected a string, number, boolean, or JSON object or array.",
});

const secretName = named(SECRET_NAME, "secret name", "use only letters, digits, _ and -, e.g. OPENAI_API_KEY");
// Record keys are checked in keys.ts: zod skips a record value whose key fails, and every error counts.
const vars = z.record(z.string(), varValue);

const ACCOUNT_FIX = "copy the account id from the Cloudflare dashboard (Workers & Pages > Account details)";
const accountId = named(HEX_ID, "account id", ACCOUNT_FIX);
// A worker's own account: an id, or null for "no account_id in this config" (CLOUDFLARE_ACCOUNT_ID).
// One refinement rather than a union, so that a number gets the same actionable error as a bad id.
const accountOverride = z.custom<string | null>(() => true).superRefine((value, ctx) => {
  if (value === null || (typeof value === "string" && matchesRule(HEX_ID, value))) return;
  ctx.addIssue({
    code: "custom",
    message: "Invalid account id.",
    params: { expected: `${HEX_ID.expected}, or null for no account_id (CLOUDFLARE_ACCOUNT_ID decides)`, fix: `${ACCOUNT_FIX}, or write null` },
    input: value,
  });
});

export const environmentSchema = z.strictObject({
  accountId: accountId.optional(),
  storeId: named(HEX_ID, "store id", "copy the store id from `wrangler secrets-store store list --remote`").optional(),
  secretPrefix: named(SECRET_PREFIX, "secret prefix", "use letters, digits, _ and -, e.g. STAGING_").optional(),
});

export const secretSchema = z.strictObject({
  description: singleLine.optional(),
  scopes: z.array(z.enum(SECRET_SCOPES)).min(1).optional(),
  rotateEveryDays: z.number().int().min(1).max(3650).optional(),
  // Keys (environment names) are checked in store-rules.ts, with the other references to environments.
  storeNames: z.record(z.string(), named(SECRET_NAME, "stored secret name", "use only letters, digits, _ and -, e.g. CATALOG_DATABASE_URL_PROD")).optional(),
});

const main = named(MAIN_PATH, "entry point", "point main at the Worker's module, e.g. src/index.ts or dist/index.js");
const compatibilityFlags = z.array(named(COMPATIBILITY_FLAG, "compatibility flag", "use a flag from the Workers compatibility flags list"));
const storeBindings = z.union([z.array(secretName), z.record(z.string(), secretName)], {
  error: "Invalid secrets: expected a list of secret names or an object { BINDING: \"SECRET_NAME\" }. Wrangler's own `secrets: { required: [...] }` is spelt workerSecrets here.",
});
// Wrangler's `secrets` field, which the manifest spells `workerSecrets`; Wrangler judges the rest.
const workerSecrets = z.looseObject({ required: z.array(z.string()).optional() });

// Our own fields are checked here; any other key is a Wrangler field and passes through (loose
// objects). passthrough-rules.ts catches near-misses of our own keys and non-JSON values.
const workerEnvironmentSchema = z.looseObject({
  name: named(WORKER_NAME, "Worker name", "use lowercase letters, digits and -, e.g. ai-openai-staging").optional(),
  accountId: accountOverride.optional(),
  main: main.optional(),
  compatibilityDate: date.optional(),
  compatibilityFlags: compatibilityFlags.optional(),
  vars: vars.optional(),
  secrets: storeBindings.optional(),
  workerSecrets: workerSecrets.optional(),
});

export const workerSchema = z.looseObject({
  name: named(WORKER_NAME, "Worker name", "use lowercase letters, digits and -, e.g. ai-openai").optional(),
  main,
  compatibilityDate: date,
  compatibilityFlags: compatibilityFlags.optional(),
  dir: named(RELATIVE_DIR, "app folder", "use a folder inside the repository, e.g. apps/openai").optional(),
  accountId: accountOverride.optional(),
  secrets: storeBindings.optional(),
  vars: vars.optional(),
  workerSecrets: workerSecrets.optional(),
  configFile: named(CONFIG_FILE, "config file name", "use a file name such as wrangler.jsonc, wrangler.toml or wrangler-<app>.toml").optional(),
  envTypesFile: named(ENV_TYPES_PATH, "Env types file", "use a .ts path inside the app folder, e.g. src/env.generated.ts").optional(),
  // Names are checked against the manifest's environments in worker-env-rules.ts.
  deployTo: z.array(z.string()).optional(),
  environments: z.record(z.string(), workerEnvironmentSchema).optional(),
});

export const manifestSchema = z.strictObject({
  environments: z.record(z.string(), environmentSchema),
  defaultEnvironment: z.string(),
  secrets: z.record(z.string(), secretSchema),
  workers: z.record(z.string(), workerSchema),
  provisionDir: named(RELATIVE_DIR, "provisioning folder", "use a folder inside the repository, e.g. provision").optional(),
  limits: z.strictObject({ secretsPerAccount: z.number().int().min(1).optional() }).optional(),
});

export type ParsedManifest = z.infer<typeof manifestSchema>;
export type ParsedWorker = z.infer<typeof workerSchema>;
export type ParsedWorkerEnvironment = z.infer<typeof workerEnvironmentSchema>;

/** Allowed keys per object, for "did you mean" on unknown keys. */
export const KNOWN_KEYS = {
  root: Object.keys(manifestSchema.shape),
  environment: Object.keys(environmentSchema.shape),
  secret: Object.keys(secretSchema.shape),
  worker: Object.keys(workerSchema.shape),
  workerEnvironment: Object.keys(workerEnvironmentSchema.shape),
  limits: ["secretsPerAccount"],
} as const;
