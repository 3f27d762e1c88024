// Compares what the manifest wants with what a store lists, and says what to do. Pure: no store,
// no clock (the caller passes `now`), no output.
import type { SecretScope } from "../manifest/define.ts";
import type { DesiredSecret, OwnershipRule } from "./desired.ts";
import type { StoreObserves, StoreQuota, StoreSecret } from "./store.ts";

export interface Change<T> {
  readonly from: T;
  readonly to: T;
}

export type StoreAction =
  | { readonly kind: "create"; readonly secret: DesiredSecret }
  | {
      readonly kind: "update";
      readonly secret: DesiredSecret;
      readonly id: string;
      readonly scopes?: Change<readonly string[]>;
      readonly comment?: Change<string>;
    }
  | { readonly kind: "delete"; readonly id: string; readonly name: string; readonly reason: string };

export type StoreFinding =
  | { readonly kind: "pending"; readonly name: string }
  | {
      readonly kind: "overdue";
      readonly name: string;
      readonly secret: string;
      readonly modified: string;
      readonly ageDays: number;
      readonly rotateEveryDays: number;
    }
  /** In the store, not declared: `prunable` when this environment owns it (reason says why or why not). */
  | { readonly kind: "unmanaged"; readonly name: string; readonly id: string; readonly prunable: boolean; readonly reason: string };

export interface StorePlan {
  readonly label: string;
  readonly actions: readonly StoreAction[];
  readonly findings: readonly StoreFinding[];
  /** Store names that already match the manifest. */
  readonly unchanged: readonly string[];
  /** The account's quota now and after the actions, when the store reports one. */
  readonly quota: (StoreQuota & { readonly after: number }) | undefined;
  /** Reasons the actions cannot succeed (a quota that would be exceeded). Apply refuses to start. */
  readonly blockers: readonly string[];
}

export interface PlanStoreInput {
  readonly label: string;
  readonly desired: readonly DesiredSecret[];
  readonly listing: readonly StoreSecret[];
  readonly observes: StoreObserves;
  readonly quota: StoreQuota | undefined;
  /** Whether prune may delete a listed secret, and why (see planOwnership). */
  readonly owns: OwnershipRule;
  /** Plan deletions of owned secrets that the manifest does not know. */
  readonly prune: boolean;
  readonly now: Date;
}

const DAY_MS = 86_400_000;

export function planStore(input: PlanStoreInput): StorePlan {
  const { observes } = input;
  const live = input.listing.filter((secret) => secret.status !== "deleted");
  const byName = new Map(live.map((secret) => [secret.name, secret]));
  const actions: StoreAction[] = [];
  const findings: StoreFinding[] = [];
  const unchanged: string[] = [];

  for (const secret of input.desired) {
    const found = byName.get(secret.storeName);
    if (found === undefined) {
      actions.push({ kind: "create", secret });
      continue;
    }
    const scopes = observes.scopes && !sameSet(found.scopes, secret.scopes) ? { from: found.scopes, to: secret.scopes } : undefined;
    const comment = observes.comments && found.comment !== secret.comment ? { from: found.comment, to: secret.comment } : undefined;
    if (scopes || comment) actions.push({ kind: "update", secret, id: found.id, ...(scopes && { scopes }), ...(comment && { comment }) });
    else unchanged.push(secret.storeName);
    if (observes.status && found.status === "pending") findings.push({ kind: "pending", name: found.name });
    const overdue = observes.modified ? overdueFinding(secret, found, input.now) : undefined;
    if (overdue) findings.push(overdue);
  }

  const wanted = new Set(input.desired.map((secret) => secret.storeName));
  for (const secret of live) {
    if (wanted.has(secret.name)) continue;
    const { owned, shown, reason } = input.owns(secret);
    if (!shown) continue;
    if (owned && input.prune) actions.push({ kind: "delete", id: secret.id, name: secret.name, reason });
    else findings.push({ kind: "unmanaged", name: secret.name, id: secret.id, prunable: owned, reason });
  }

  const creates = actions.filter((action) => action.kind === "create").length;
  const deletes = actions.filter((action) => action.kind === "delete").length;
  const quota = input.quota && { ...input.quota, after: input.quota.usage + creates - deletes };
  const blockers =
    quota && creates > 0 && quota.after > quota.quota
      ? [
          `Creating ${creates} secret(s) would bring the account to ${quota.after} of its ${quota.quota} secrets.\n` +
            "  fix: delete secrets the account no longer needs (`apply --prune` deletes the ones this manifest does not know), or share secrets between environments",
        ]
      : [];
  return { label: input.label, actions, findings, unchanged, quota, blockers };
}

function overdueFinding(secret: DesiredSecret, found: StoreSecret, now: Date): StoreFinding | undefined {
  if (secret.rotateEveryDays === undefined || found.modified === undefined) return undefined;
  const modified = Date.parse(found.modified);
  if (Number.isNaN(modified)) return undefined;
  const ageDays = Math.floor((now.getTime() - modified) / DAY_MS);
  if (ageDays <= secret.rotateEveryDays) return undefined;
  return { kind: "overdue", name: found.name, secret: secret.secret, modified: found.modified, ageDays, rotateEveryDays: secret.rotateEveryDays };
}

function sameSet(a: readonly string[], b: readonly SecretScope[]): boolean {
  const left = new Set(a);
  const right = new Set<string>(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}

/** Changes to make or to wait for: what `--detailed-exitcode` reports as 2. Unmanaged secrets count only when pruning. */
export function countPendingChanges(plan: StorePlan): number {
  return plan.actions.length + plan.findings.filter((finding) => finding.kind === "pending" || finding.kind === "overdue").length;
}
