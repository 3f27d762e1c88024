// Wrangler's own reading of a config, environment by environment: the oracle of the import tests.
import { isDeepStrictEqual } from "node:util";
import type { Difference } from "./known-differences.ts";

// One wrangler import per test file that uses this module (about 5 s here).
const wrangler = await import("wrangler");

export type Reading = Record<string, unknown>;

/** Wrangler's reading (`unstable_readConfig`) of a config's top level ("") and each [env.*], as JSON data. */
export function readEnvironments(path: string): Map<string, Reading> {
  const raw = wrangler.experimental_readRawConfig({ config: path }).rawConfig as { env?: Record<string, unknown> };
  const out = new Map<string, Reading>();
  for (const env of ["", ...Object.keys(raw.env ?? {})]) {
    const reading = JSON.parse(JSON.stringify(wrangler.unstable_readConfig({ config: path, ...(env === "" ? {} : { env }) }, { hideWarnings: true }))) as Reading;
    // The one normalisation: the order of the [env.*] sections in the file is layout, not a setting
    // (the manifest writes a worker's environments in the manifest's order).
    if (Array.isArray(reading.definedEnvironments)) reading.definedEnvironments = [...(reading.definedEnvironments as string[])].sort();
    out.set(env, reading);
  }
  return out;
}

/** Every field of Wrangler's reading that differs, with both values as JSON (`root` shown as <repo>). */
export function differences(root: string, file: string, before: Map<string, Reading>, after: Map<string, Reading>): Difference[] {
  const show = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value).replaceAll(root, "<repo>"));
  const out: Difference[] = [];
  for (const env of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(env) ?? {};
    const b = after.get(env) ?? {};
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!isDeepStrictEqual(a[field], b[field])) out.push({ file, env, field, before: show(a[field]), after: show(b[field]) });
    }
  }
  return out;
}
