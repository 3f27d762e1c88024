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

/** Each kind with its field split once into a path (`queues.producers` -> ["queues", "producers"]). */
const KINDS = BINDING_KINDS.map((kind) => ({ kind, path: kind.field.split(".") }));

export function renderEnvMembers(config: Readonly<Record<string, unknown>>, context: TypeContext): EnvMember[] {
  const members: EnvMember[] = [];
  const taken = new Set<string>();
  for (const { kind, path } of KINDS) {
    if (config[path[0]!] === undefined) continue;
    for (const entry of entriesOf(kind, valueAt(config, path))) {
      const name = typeof kind.name === "string" ? entry[kind.name] : kind.name(entry);
      // A nameless entry is Wrangler's error to report (its config check); a repeated name is written once.
      if (typeof name !== "string" || name === "" || taken.has(name)) continue;
      taken.add(name);
      members.push({ name, type: typeof kind.type === "string" ? kind.type : kind.type(entry, context), field: kind.field });
    }
  }
  return members;
}

function valueAt(config: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let value: unknown = config;
  for (const key of path) value = isObject(value) ? value[key] : undefined;
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
