// Each config's account_id, kept exactly: an environment gets the account most of its configs name
// there (or none, when most name none), and a worker that differs says its own, at the worker when
// it is the same in all its environments, else per environment (null: no account_id). Pure.
import type { ConfigLayout } from "./config-environments.ts";
import { mostCommon } from "./factor-environments.ts";

/** A worker's overrides of its environments' accounts; null: no account_id. */
export interface WorkerAccounts {
  /** Absent: the worker follows its environments (and `environments` says where it does not). */
  readonly worker?: string | null;
  readonly environments: ReadonlyMap<string, string | null>;
}

export interface AccountPlan {
  /** Environment -> its accountId; an environment absent here has none. */
  readonly environments: ReadonlyMap<string, string>;
  /** In the order of the layouts. */
  readonly workers: readonly WorkerAccounts[];
}

const accountIn = (fields: Readonly<Record<string, unknown>>): string | null => (typeof fields.account_id === "string" ? fields.account_id : null);

export function planAccounts(layouts: readonly ConfigLayout[], all: readonly string[]): AccountPlan {
  const environments = new Map<string, string>();
  for (const env of all) {
    const seen = layouts.flatMap((layout) => layout.environments.filter((e) => e.name === env).map((e) => accountIn(e.fields)));
    // The most frequent value wins (null: most configs name none); a tie goes to the one seen first.
    const chosen = mostCommon(seen);
    if (typeof chosen === "string") environments.set(env, chosen);
  }
  const workers = layouts.map((layout): WorkerAccounts => {
    const actual = layout.environments.map((e) => [e.name, accountIn(e.fields)] as const);
    const differing = actual.filter(([env, id]) => id !== (environments.get(env) ?? null));
    if (differing.length === 0) return { environments: new Map() };
    const uniform = actual.every(([, id]) => id === actual[0]![1]);
    return uniform ? { worker: actual[0]![1], environments: new Map() } : { environments: new Map(differing) };
  });
  return { environments, workers };
}
