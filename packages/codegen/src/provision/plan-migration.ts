// From per-Worker secrets to the store: the ordered steps, computed without touching anything.
// 1. create the store secrets the migrating Workers bind and the store lacks; 2. wait until they are
// active (a deploy that binds a pending secret can be rejected); 3. deploy each Worker with its new
// bindings; 4. delete the per-Worker secrets the store now serves. A per-Worker secret whose name
// is the new binding's name is replaced by the deploy itself, so it needs no delete.
import type { ResolvedManifest } from "../manifest/model.ts";
import type { DesiredSecret } from "./desired.ts";
import type { StorePlan } from "./plan-store.ts";
import type { WorkerSecrets } from "./read-worker-secrets.ts";

export interface SecretMove {
  readonly app: string;
  readonly workerName: string;
  /** The per-Worker secret. */
  readonly name: string;
  readonly binding: string;
  readonly storeName: string;
  /** True when the new binding has the old secret's name: the deploy replaces it. */
  readonly replacedByDeploy: boolean;
}

export type MigrationStep =
  | { readonly kind: "create"; readonly secret: DesiredSecret }
  | { readonly kind: "wait"; readonly storeNames: readonly string[] }
  | { readonly kind: "deploy"; readonly app: string; readonly workerName: string; readonly accountId: string | undefined; readonly config: string }
  | { readonly kind: "delete"; readonly app: string; readonly workerName: string; readonly accountId: string | undefined; readonly config: string; readonly name: string };

export interface MigrationPlan {
  readonly environment: string;
  readonly moves: readonly SecretMove[];
  /** Per-Worker secrets the manifest does not serve from the store: left alone. */
  readonly kept: readonly { readonly workerName: string; readonly name: string }[];
  readonly steps: readonly MigrationStep[];
}

export function planMigration(options: {
  manifest: ResolvedManifest;
  environment: string;
  workers: readonly WorkerSecrets[];
  storePlan: StorePlan;
}): MigrationPlan {
  const moves: SecretMove[] = [];
  const kept: { workerName: string; name: string }[] = [];
  for (const worker of options.workers) {
    const bindings = options.manifest.workers.find((w) => w.id === worker.app)!.environments.find((e) => e.environment === options.environment)!.secrets;
    for (const name of worker.secrets) {
      const binding = bindings.find((b) => b.binding === name) ?? bindings.find((b) => b.secret === name || b.storeSecretName === name);
      if (binding === undefined) kept.push({ workerName: worker.workerName, name });
      else moves.push({ app: worker.app, workerName: worker.workerName, name, binding: binding.binding, storeName: binding.storeSecretName, replacedByDeploy: binding.binding === name });
    }
  }
  const migrating = options.workers.filter((worker) => moves.some((move) => move.app === worker.app));
  const needed = new Set(
    migrating.flatMap((worker) => options.manifest.workers.find((w) => w.id === worker.app)!.environments.find((e) => e.environment === options.environment)!.secrets.map((b) => b.storeSecretName)),
  );
  const creates = options.storePlan.actions.flatMap((action) => (action.kind === "create" && needed.has(action.secret.storeName) ? [action.secret] : []));
  // Secrets created earlier (a stopped run) may still be pending: the deploys wait for them too.
  const pending = options.storePlan.findings.flatMap((finding) => (finding.kind === "pending" && needed.has(finding.name) ? [finding.name] : []));
  const waitFor = [...creates.map((secret) => secret.storeName), ...pending];
  const steps: MigrationStep[] = [
    ...creates.map((secret) => ({ kind: "create" as const, secret })),
    ...(waitFor.length > 0 && migrating.length > 0 ? [{ kind: "wait" as const, storeNames: waitFor }] : []),
    ...migrating.map((worker) => ({ kind: "deploy" as const, app: worker.app, workerName: worker.workerName, accountId: worker.accountId, config: worker.config })),
    ...moves
      .filter((move) => !move.replacedByDeploy)
      .map((move) => {
        const worker = migrating.find((w) => w.app === move.app)!;
        return { kind: "delete" as const, app: move.app, workerName: move.workerName, accountId: worker.accountId, config: worker.config, name: move.name };
      }),
  ];
  return { environment: options.environment, moves, kept, steps };
}

export function renderMigrationPlan(plan: MigrationPlan): string {
  const lines = [`Migration of ${plan.environment} from per-Worker secrets to the Secrets Store:`];
  for (const move of plan.moves) {
    const how = move.replacedByDeploy ? "replaced by the deploy" : `then deleted from the Worker`;
    lines.push(`  ${move.workerName}: ${move.name} → binding ${move.binding} = store secret ${move.storeName} (${how})`);
  }
  for (const keep of plan.kept) lines.push(`  ${keep.workerName}: ${keep.name} stays a per-Worker secret (the manifest does not serve it)`);
  lines.push("Steps:");
  plan.steps.forEach((step, index) => lines.push(`  ${index + 1}. ${describeStep(step)}`));
  return lines.join("\n");
}

export function describeStep(step: MigrationStep): string {
  if (step.kind === "create") return `create store secret ${step.secret.storeName} (scopes ${step.secret.scopes.join(",")})`;
  if (step.kind === "wait") return `wait until ${step.storeNames.join(", ")} ${step.storeNames.length === 1 ? "is" : "are"} active`;
  if (step.kind === "deploy") return `deploy ${step.workerName} with its Secrets Store bindings (wrangler deploy -c ${step.config})`;
  return `delete per-Worker secret ${step.name} of ${step.workerName} (wrangler secret delete ${step.name} -c ${step.config})`;
}
