// One Wrangler environment config (plain JSON in Wrangler's field names) -> the members of its Env
// interface, through the table of binding kinds. Pure: no file system, no Wrangler.
import { BINDING_KINDS, type BindingEntry, type BindingKind, type TypeContext } from "./binding-kinds.ts";

export interface EnvMember {
  /** The name on `env`. */
  readonly name: string;
  /** TypeScript type text. */
  readonly type: string;
  /** The Wrangler field it comes from (`kv_namespaces`, `vars`, ...). */
  readonly field: string;
}

export function renderEnvMembers(config: Readonly<Record<string, unknown>>, context: TypeContext): EnvMember[] {
  const members: EnvMember[] = [];
  const taken = new Set<string>();
  for (const kind of BINDING_KINDS) {
    for (const entry of entriesOf(kind, valueAt(config, kind.field))) {
      const name = typeof kind.name === "string" ? entry[kind.name] : kind.name(entry);
      // A nameless entry is Wrangler's error to report (its config check); a repeated name is written once.
      if (typeof name !== "string" || name === "" || taken.has(name)) continue;
      taken.add(name);
      members.push({ name, type: typeof kind.type === "string" ? kind.type : kind.type(entry, context), field: kind.field });
    }
  }
  return members;
}

function valueAt(config: Readonly<Record<string, unknown>>, field: string): unknown {
  let value: unknown = config;
  for (const key of field.split(".")) value = isObject(value) ? value[key] : undefined;
  return value;
}

/** Every shape as a list of entries. */
function entriesOf(kind: BindingKind, value: unknown): BindingEntry[] {
  switch (kind.shape) {
    case "list":
      return Array.isArray(value) ? value.filter(isObject) : [];
    case "object":
      return isObject(value) ? [value] : [];
    case "map":
      return isObject(value) ? Object.entries(value).map(([name, v]) => ({ name, value: v })) : [];
    case "names":
      return Array.isArray(value) ? value.map((name: unknown) => ({ name })) : [];
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
