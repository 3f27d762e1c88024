// The manifest's shape and per-field formats as a zod schema. Cross-field rules live in rules.ts.
import { z } from "zod";
import { SECRET_SCOPES } from "./define.ts";
import {
  COMPATIBILITY_FLAG,
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

const varValue = z.union([z.string(), z.number().finite(), z.boolean()], {
  error: "Invalid var value: expected a string, number or boolean.",
});

const secretName = named(SECRET_NAME, "secret name", "use only letters, digits, _ and -, e.g. OPENAI_API_KEY");
// Record keys are checked in keys.ts: zod skips a record value whose key fails, and every error counts.
const vars = z.record(z.string(), varValue);

export const environmentSchema = z.strictObject({
  accountId: named(HEX_ID, "account id", "copy the account id from the Cloudflare dashboard (Workers & Pages > Account details)"),
  storeId: named(HEX_ID, "store id", "copy the store id from `wrangler secrets-store store list --remote`"),
  secretPrefix: named(SECRET_PREFIX, "secret prefix", "use letters, digits, _ and -, e.g. STAGING_").optional(),
});

export const secretSchema = z.strictObject({
  description: singleLine.optional(),
  scopes: z.array(z.enum(SECRET_SCOPES)).min(1).optional(),
  rotateEveryDays: z.number().int().min(1).max(3650).optional(),
});

const workerEnvironmentSchema = z.strictObject({
  name: named(WORKER_NAME, "Worker name", "use lowercase letters, digits and -, e.g. ai-openai-staging").optional(),
  vars: vars.optional(),
});

export const workerSchema = z.strictObject({
  name: named(WORKER_NAME, "Worker name", "use lowercase letters, digits and -, e.g. ai-openai").optional(),
  main: named(MAIN_PATH, "entry point", "point main at the Worker's module, e.g. src/index.ts"),
  compatibilityDate: date,
  compatibilityFlags: z.array(named(COMPATIBILITY_FLAG, "compatibility flag", "use a flag from the Workers compatibility flags list")).optional(),
  dir: named(RELATIVE_DIR, "app folder", "use a folder inside the repository, e.g. apps/openai").optional(),
  secrets: z.union([z.array(secretName), z.record(z.string(), secretName)], {
    error: "Invalid secrets: expected a list of secret names or an object { BINDING: \"SECRET_NAME\" }.",
  }).optional(),
  vars: vars.optional(),
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

/** Allowed keys per object, for "did you mean" on unknown keys. */
export const KNOWN_KEYS = {
  root: Object.keys(manifestSchema.shape),
  environment: Object.keys(environmentSchema.shape),
  secret: Object.keys(secretSchema.shape),
  worker: Object.keys(workerSchema.shape),
  workerEnvironment: Object.keys(workerEnvironmentSchema.shape),
  limits: ["secretsPerAccount"],
} as const;
