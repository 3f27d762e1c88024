// Plans as text for a person and as JSON for scripts. Pure; plans hold names, never values.
import type { StoreAction, StoreFinding, StorePlan } from "./plan-store.ts";
import { countPendingChanges } from "./plan-store.ts";

export interface RenderContext {
  readonly environment: string;
  /** `--manifest FILE` when the manifest is not the default one, so printed commands work as given. */
  readonly manifestFlag: string;
  readonly local: boolean;
}

export function renderStorePlan(plan: StorePlan, context: RenderContext): string {
  const lines = [`${plan.label}:`];
  for (const action of plan.actions) lines.push(`  ${renderAction(action)}`);
  for (const finding of plan.findings) lines.push(`  ${renderFinding(finding, context)}`);
  if (plan.unchanged.length > 0) lines.push(`  = ${plan.unchanged.length} unchanged`);
  if (plan.actions.length === 0 && plan.findings.length === 0 && plan.unchanged.length === 0) lines.push("  (nothing declared for this store)");
  if (plan.quota) lines.push(`  quota: ${plan.quota.usage} of ${plan.quota.quota} secrets used${plan.quota.after !== plan.quota.usage ? `, ${plan.quota.after} after apply` : ""}`);
  for (const blocker of plan.blockers) lines.push(`  ✖ ${blocker.replace(/\n/g, "\n    ")}`);
  return lines.join("\n");
}

function renderAction(action: StoreAction): string {
  if (action.kind === "create") {
    const comment = action.secret.comment === "" ? "" : `, comment ${JSON.stringify(action.secret.comment)}`;
    return `+ create ${action.secret.storeName} (scopes ${action.secret.scopes.join(",")}${comment})`;
  }
  if (action.kind === "delete") return `- delete ${action.name} (${action.reason}; --prune)`;
  const parts: string[] = [];
  if (action.scopes) parts.push(`scopes ${action.scopes.from.join(",") || "(none)"} → ${action.scopes.to.join(",")}`);
  if (action.comment) parts.push(`comment ${JSON.stringify(action.comment.from)} → ${JSON.stringify(action.comment.to)}`);
  return `~ update ${action.secret.storeName}: ${parts.join("; ")}`;
}

function renderFinding(finding: StoreFinding, context: RenderContext): string {
  if (finding.kind === "pending") return `… pending ${finding.name}: created, not active yet (a deploy that binds it may be rejected until it is)`;
  if (finding.kind === "unmanaged") {
    const prune = finding.prunable ? "`apply --prune` deletes it" : "prune leaves it; delete it by hand if it is yours";
    return `? unmanaged ${finding.name}: in the store but not in the manifest (${finding.reason}; ${prune})`;
  }
  const rotate = `secrets-manifest rotate ${finding.secret} --env ${context.environment}${context.manifestFlag}`;
  return (
    `! overdue ${finding.name}: last changed ${finding.modified.slice(0, 10)} (${finding.ageDays} days ago), ` +
    `policy every ${finding.rotateEveryDays} days; run \`${rotate}\``
  );
}

export function summarizePlans(plans: readonly StorePlan[]): { creates: number; updates: number; deletes: number; pending: number; overdue: number; unmanaged: number; unchanged: number; changes: number } {
  const count = (kind: string) => plans.reduce((sum, plan) => sum + plan.actions.filter((action) => action.kind === kind).length, 0);
  const find = (kind: string) => plans.reduce((sum, plan) => sum + plan.findings.filter((finding) => finding.kind === kind).length, 0);
  return {
    creates: count("create"),
    updates: count("update"),
    deletes: count("delete"),
    pending: find("pending"),
    overdue: find("overdue"),
    unmanaged: find("unmanaged"),
    unchanged: plans.reduce((sum, plan) => sum + plan.unchanged.length, 0),
    changes: plans.reduce((sum, plan) => sum + countPendingChanges(plan), 0),
  };
}

/** The machine-readable plan printed by `plan --json`. */
export function planToJson(plans: readonly StorePlan[], context: RenderContext) {
  return {
    environment: context.environment,
    target: context.local ? "local" : "remote",
    stores: plans.map((plan) => ({
      store: plan.label,
      actions: plan.actions.map((action) =>
        action.kind === "delete"
          ? { action: "delete", name: action.name, id: action.id, reason: action.reason }
          : action.kind === "create"
            ? { action: "create", name: action.secret.storeName, secret: action.secret.secret, scopes: action.secret.scopes, comment: action.secret.comment }
            : { action: "update", name: action.secret.storeName, secret: action.secret.secret, id: action.id, scopes: action.scopes ?? null, comment: action.comment ?? null },
      ),
      findings: plan.findings,
      unchanged: plan.unchanged,
      quota: plan.quota ?? null,
      blockers: plan.blockers,
    })),
    summary: summarizePlans(plans),
  };
}
