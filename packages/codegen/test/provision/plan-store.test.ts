import { describe, expect, it } from "vitest";
import type { DesiredSecret } from "../../src/provision/desired.ts";
import { countPendingChanges, planStore, type PlanStoreInput } from "../../src/provision/plan-store.ts";
import type { StoreSecret } from "../../src/provision/store.ts";

const desired = (storeName: string, extra: Partial<DesiredSecret> = {}): DesiredSecret => ({
  secret: storeName.replace(/^STAGING_/, ""),
  storeName,
  scopes: ["workers"],
  comment: "",
  rotateEveryDays: undefined,
  readers: [],
  ...extra,
});
const listed = (name: string, extra: Partial<StoreSecret> = {}): StoreSecret => ({ id: `id-${name}`, name, status: "active", scopes: ["workers"], comment: "", modified: "2026-11-01T00:00:00Z", ...extra });
const remote = { scopes: true, comments: true, status: true, modified: true, quota: true };
const local = { scopes: false, comments: false, status: false, modified: false, quota: false };
const base: PlanStoreInput = { label: "store", desired: [], listing: [], observes: remote, quota: undefined, owns: () => ({ owned: true, shown: true, reason: "test" }), prune: false, now: new Date("2026-11-28T00:00:00Z") };

describe("planStore", () => {
  it.each([
    ["missing secret", { desired: [desired("A")] }, ["create A"], []],
    ["matching secret", { desired: [desired("A")], listing: [listed("A")] }, [], []],
    ["scopes differ (as sets)", { desired: [desired("A", { scopes: ["workers", "ai_gateway"] })], listing: [listed("A", { scopes: ["ai_gateway"] })] }, ["update A"], []],
    ["same scopes, other order", { desired: [desired("A", { scopes: ["workers", "ai_gateway"] })], listing: [listed("A", { scopes: ["ai_gateway", "workers"] })] }, [], []],
    ["comment differs", { desired: [desired("A", { comment: "new" })], listing: [listed("A", { comment: "old" })] }, ["update A"], []],
    ["pending", { desired: [desired("A")], listing: [listed("A", { status: "pending" })] }, [], ["pending A"]],
    ["deleted counts as absent", { desired: [desired("A")], listing: [listed("A", { status: "deleted" })] }, ["create A"], []],
    ["overdue after rotateEveryDays", { desired: [desired("A", { rotateEveryDays: 20 })], listing: [listed("A")] }, [], ["overdue A"]],
    ["not overdue on the day", { desired: [desired("A", { rotateEveryDays: 27 })], listing: [listed("A")] }, [], []],
    ["unknown secret, no prune", { listing: [listed("X")] }, [], ["unmanaged X"]],
    ["unknown secret, prune", { listing: [listed("X")], prune: true }, ["delete X"], []],
    ["another environment's secret", { listing: [listed("STAGING_X")], owns: () => ({ owned: false, shown: false, reason: "theirs" }), prune: true }, [], []],
    ["not ours, shown", { listing: [listed("X")], owns: () => ({ owned: false, shown: true, reason: "no mark" }), prune: true }, [], ["unmanaged X"]],
    ["local: names only", { observes: local, desired: [desired("A", { scopes: ["ai_gateway"], comment: "c", rotateEveryDays: 1 })], listing: [listed("A", { status: "pending" })] }, [], []],
  ] as const)("%s", (_name, input, actions, findings) => {
    const plan = planStore({ ...base, ...input } as PlanStoreInput);
    expect(plan.actions.map((action) => `${action.kind} ${action.kind === "delete" ? action.name : action.secret.storeName}`)).toEqual(actions);
    expect(plan.findings.map((finding) => `${finding.kind} ${finding.name}`)).toEqual(findings);
  });

  it("counts pending and overdue as pending changes, unmanaged not", () => {
    const plan = planStore({ ...base, desired: [desired("A", { rotateEveryDays: 1 }), desired("B")], listing: [listed("A"), listed("B", { status: "pending" }), listed("X")] });
    expect(countPendingChanges(plan)).toBe(2);
  });

  it("blocks creates beyond the quota, counting deletions", () => {
    const over = planStore({ ...base, desired: [desired("A"), desired("B")], quota: { quota: 3, usage: 2 } });
    expect(over.blockers[0]).toContain("would bring the account to 4 of its 3 secrets");
    const fits = planStore({ ...base, desired: [desired("A"), desired("B")], listing: [listed("X")], prune: true, quota: { quota: 3, usage: 2 } });
    expect(fits.quota).toEqual({ quota: 3, usage: 2, after: 3 });
    expect(fits.blockers).toEqual([]);
  });
});
