// Helpers shared by the cross-field rules, which read the raw input defensively.
import type { IssuePath } from "./issues.ts";

export type Dict = Record<string, unknown>;
export const isDict = (value: unknown): value is Dict => typeof value === "object" && value !== null && !Array.isArray(value);
export const entries = (value: unknown): [string, Dict][] =>
  isDict(value) ? Object.entries(value).filter((entry): entry is [string, Dict] => isDict(entry[1])) : [];
export const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** The bindings a worker (or one of its environments, at `path`) declares: `[binding, secret, path]`. */
export function workerSecretRefs(worker: Dict, path: IssuePath): [string, unknown, IssuePath][] {
  const secrets = worker["secrets"];
  if (Array.isArray(secrets)) return secrets.map((secret, i) => [String(secret), secret, [...path, "secrets", i]]);
  if (isDict(secrets)) return Object.entries(secrets).map(([binding, secret]) => [binding, secret, [...path, "secrets", binding]]);
  return [];
}

/** Every binding list of a worker: its own and each environment's that sets `secrets`. */
export function allSecretRefs(worker: Dict, app: string): [string, unknown, IssuePath][] {
  const refs = workerSecretRefs(worker, ["workers", app]);
  for (const [env, override] of entries(worker["environments"])) refs.push(...workerSecretRefs(override, ["workers", app, "environments", env]));
  return refs;
}
