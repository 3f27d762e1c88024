// Rotation by name: which manifest secret is meant, and which store id holds it. Pure.
import type { ResolvedManifest } from "../manifest/model.ts";
import { closest } from "../manifest/suggest.ts";
import type { DesiredSecret } from "./desired.ts";
import type { StoreSecret } from "./store.ts";

export type Resolved<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Accepts the manifest's name, or the environment's store name (`STAGING_X` for `X`). */
export function resolveSecretName(manifest: ResolvedManifest, environment: string, input: string): Resolved<string> {
  const names = manifest.secrets.map((secret) => secret.name);
  if (names.includes(input)) return { ok: true, value: input };
  const stored = manifest.secrets.find((secret) => secret.storeNames[environment] === input);
  if (stored !== undefined) return { ok: true, value: stored.name };
  const prefix = manifest.environments.find((env) => env.name === environment)?.secretPrefix ?? "";
  if (prefix !== "" && input.startsWith(prefix) && names.includes(input.slice(prefix.length))) return { ok: true, value: input.slice(prefix.length) };
  const suggestion = closest(input, names);
  return {
    ok: false,
    error: `${input} is not a secret of the manifest.\n  fix: ${suggestion ? `did you mean ${suggestion}?` : `use one of ${names.join(", ")}`}`,
  };
}

export function planRotation(options: { desired: DesiredSecret; listing: readonly StoreSecret[]; label: string; applyCommand: string }): Resolved<string> {
  const found = options.listing.find((secret) => secret.name === options.desired.storeName && secret.status !== "deleted");
  if (found) return { ok: true, value: found.id };
  return {
    ok: false,
    error: `${options.desired.storeName} is not in ${options.label}, so there is nothing to rotate.\n  fix: create it first with \`${options.applyCommand}\``,
  };
}
