// The local Secrets Store that `wrangler dev` reads, driven through the real `wrangler secrets-store
// secret ...` commands with `--persist-to <app dir>/.wrangler/state`. Values go through standard input.
//
// What wrangler's local store shows (4.164): `secret list` prints names and ids only; scopes and
// comments are blank, every secret is `active`, and created/modified are the time of the listing.
// An empty store makes `list` exit 1 ("List request returned no secrets"). `create` with a name
// that exists replaces it under a new id. `update` takes an id and reads the value from stdin.
import { isAbsolute, join } from "node:path";
import type { NewSecret, SecretPatch, SecretStore, StoreSecret } from "./store.ts";
import { StoreError, redact } from "./store.ts";
import { parseCreatedId, parseWranglerTable } from "./parse-wrangler-table.ts";
import type { WranglerResult, WranglerRunner } from "./wrangler-runner.ts";

const PER_PAGE = 100;

export interface LocalStoreOptions {
  readonly storeId: string;
  /** `--persist-to`, relative to `root` or absolute. */
  readonly persistTo: string;
  readonly root: string;
  readonly wrangler: WranglerRunner;
}

export function createLocalStore(options: LocalStoreOptions): SecretStore {
  const { storeId, wrangler } = options;
  const persist = isAbsolute(options.persistTo) ? options.persistTo : join(options.root, options.persistTo);
  const label = `local store ${options.persistTo}`;
  // Every option value is attached with `=`: a comment (or any text) can then never be read as an option.
  const common = [`--persist-to=${persist}`];
  const check = (result: WranglerResult, doing: string, values: string[] = []): WranglerResult => {
    if (result.status === 0) return result;
    const output = redact(`${result.stdout}\n${result.stderr}`, values).trim();
    throw new StoreError(`wrangler failed ${doing} in ${label} (exit ${result.status}):\n${indent(output)}\n  fix: see wrangler's message above; \`${wrangler.command} secrets-store secret list ${storeId} --persist-to ${options.persistTo}\` shows the store`);
  };

  return {
    label,
    observes: { scopes: false, comments: false, status: false, modified: false, quota: false },
    async list() {
      const out: StoreSecret[] = [];
      for (let page = 1; ; page++) {
        const result = await wrangler.run(["secrets-store", "secret", "list", storeId, `--page=${page}`, `--per-page=${PER_PAGE}`, ...common]);
        if (result.status !== 0 && /returned no secrets/.test(result.stdout + result.stderr)) break;
        const rows = parseWranglerTable(check(result, "listing the secrets").stdout);
        for (const row of rows) out.push({ id: row.ID ?? "", name: row.Name ?? "", status: "active", scopes: [], comment: "", modified: undefined });
        if (rows.length < PER_PAGE) break;
      }
      return out;
    },
    async quota() {
      return undefined;
    },
    async create(secret: NewSecret) {
      const args = ["secrets-store", "secret", "create", storeId, `--name=${secret.name}`, `--scopes=${secret.scopes.join(",")}`, ...common];
      if (secret.comment) args.push(`--comment=${secret.comment}`);
      const result = check(await wrangler.run(args, { input: secret.value }), `creating ${secret.name}`, [secret.value]);
      const id = parseCreatedId(result.stdout + result.stderr);
      if (id === undefined) throw new StoreError(`wrangler created ${secret.name} in ${label} but printed no id.`);
      return { id, name: secret.name, status: "active", scopes: [...secret.scopes], comment: secret.comment ?? "", modified: undefined };
    },
    async edit(id: string, patch: SecretPatch) {
      // Without a value, `update` still asks for one and, with no terminal, would read an empty one.
      if (patch.value === undefined) throw new StoreError(`Local stores keep no scopes or comments; only a value can be updated (secret ${id} in ${label}).`);
      const args = ["secrets-store", "secret", "update", storeId, `--secret-id=${id}`, ...common];
      check(await wrangler.run(args, { input: patch.value }), `updating secret ${id}`, [patch.value]);
    },
    async delete(id: string) {
      check(await wrangler.run(["secrets-store", "secret", "delete", storeId, `--secret-id=${id}`, ...common]), `deleting secret ${id}`);
    },
  };
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}
