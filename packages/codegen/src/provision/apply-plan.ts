// Carries out a store plan, one secret per request, in plan order. It stops at the first failure and
// says what was done and what was not: the store then holds exactly what a new `plan` will show.
import type { StoreAction, StorePlan } from "./plan-store.ts";
import type { SecretStore } from "./store.ts";
import { StoreError } from "./store.ts";

export interface ApplyOutcome {
  readonly done: readonly StoreAction[];
  readonly failed: { readonly action: StoreAction; readonly error: StoreError } | undefined;
  readonly notRun: readonly StoreAction[];
  /** Store names created by this run, to wait for. */
  readonly created: readonly string[];
}

export interface ApplyStorePlanOptions {
  readonly store: SecretStore;
  readonly plan: StorePlan;
  /** By manifest name. Every create needs one; updates of scopes or comments need none. */
  readonly values: ReadonlyMap<string, string>;
  readonly onDone?: (action: StoreAction) => void;
}

export async function applyStorePlan(options: ApplyStorePlanOptions): Promise<ApplyOutcome> {
  const { store, plan, values } = options;
  const done: StoreAction[] = [];
  const created: string[] = [];
  for (const [index, action] of plan.actions.entries()) {
    try {
      await applyAction(store, action, values);
    } catch (error) {
      const storeError = error instanceof StoreError ? error : new StoreError(`${describeAction(action)} failed: ${String(error)}`, { cause: error });
      return { done, failed: { action, error: storeError }, notRun: plan.actions.slice(index + 1), created };
    }
    done.push(action);
    if (action.kind === "create") created.push(action.secret.storeName);
    options.onDone?.(action);
  }
  return { done, failed: undefined, notRun: [], created };
}

async function applyAction(store: SecretStore, action: StoreAction, values: ReadonlyMap<string, string>): Promise<void> {
  if (action.kind === "delete") return store.delete(action.id);
  if (action.kind === "update") {
    return store.edit(action.id, {
      ...(action.scopes ? { scopes: action.secret.scopes } : {}),
      ...(action.comment ? { comment: action.secret.comment } : {}),
    });
  }
  const value = values.get(action.secret.secret);
  if (value === undefined) throw new StoreError(`No value for ${action.secret.secret}: it was not read before applying.`);
  await store.create({ name: action.secret.storeName, value, scopes: action.secret.scopes, comment: action.secret.comment || undefined });
}

export function describeAction(action: StoreAction): string {
  if (action.kind === "create") return `create ${action.secret.storeName}`;
  if (action.kind === "update") return `update ${action.secret.storeName}`;
  return `delete ${action.name}`;
}

export interface WaitOptions {
  readonly store: SecretStore;
  readonly names: readonly string[];
  readonly timeoutMs: number;
  readonly intervalMs?: number;
}

/** Waits until the named secrets are `active`; returns those still pending at the deadline. */
export async function waitUntilActive(options: WaitOptions): Promise<string[]> {
  if (!options.store.observes.status || options.names.length === 0) return [];
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 500;
  for (;;) {
    const listing = await options.store.list();
    const status = new Map(listing.map((secret) => [secret.name, secret.status]));
    const pending = options.names.filter((name) => status.get(name) !== "active");
    if (pending.length === 0 || Date.now() >= deadline) return pending;
    await new Promise((resolve) => setTimeout(resolve, Math.min(interval, Math.max(0, deadline - Date.now()))));
  }
}
