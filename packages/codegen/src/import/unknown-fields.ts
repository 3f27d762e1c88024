// Fields Wrangler's own JSON schema (config-schema.json) does not know. Wrangler ignores some of them
// without a word, e.g. TOML keys written after a [[rules]] header, which land in that rule; import
// keeps them (Wrangler's reading stays the same) and says so, because the manifest's types, taken
// from Wrangler, flag them in the editor.
import { readFileSync } from "node:fs";
import { z } from "zod";

export type ConfigSchema = z.ZodType;

export function readConfigSchema(file: string): ConfigSchema {
  return z.fromJSONSchema(JSON.parse(readFileSync(file, "utf8")) as Parameters<typeof z.fromJSONSchema>[0]);
}

/** `rules[1].workers_dev`-style paths of the keys the schema does not allow. Pure. */
export function findUnknownFields(schema: ConfigSchema, config: unknown): string[] {
  const result = schema.safeParse(config);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys" ? issue.keys.map((key) => formatPath([...issue.path, key])) : [],
  );
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((segment, index) => (typeof segment === "number" ? `[${segment}]` : index === 0 ? String(segment) : `.${String(segment)}`)).join("");
}
