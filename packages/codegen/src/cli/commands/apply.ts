import { defineCommand } from "citty";
import pc from "picocolors";
import { applyStorePlan, describeAction, waitUntilActive } from "../../provision/apply-plan.ts";
import { openStores, readStorePlans, type StoreTarget } from "../../provision/open-stores.ts";
import type { StoreAction, StorePlan } from "../../provision/plan-store.ts";
import { renderStorePlan, summarizePlans } from "../../provision/render-store-plan.ts";
import { StoreError } from "../../provision/store.ts";
import { WranglerNotFoundError } from "../../provision/wrangler-runner.ts";
import { LOCAL_STORE_CONCURRENCY, mapConcurrently } from "../../provision/concurrency.ts";
import { loadProvisionContext, printError, printSummary, provisionArgs, targetName, type ProvisionContext } from "../provision-context.ts";
import { confirmChanges, readNeededValues, valuesArgs } from "../provision-input.ts";

export default defineCommand({
  meta: {
    name: "apply",
    description:
      "Create the secrets the manifest declares and the store lacks, fix scopes and comments, and with --prune delete what the manifest does not know.\n" +
      "Values come from --values-from (dotenv file or - for stdin) or a hidden prompt, never from arguments.\n\n" +
      "Example: secrets-manifest apply --env staging --values-from .env.staging --yes",
  },
  args: {
    ...provisionArgs,
    ...valuesArgs,
    local: { type: "boolean", description: "Seed the local store in every app folder that `wrangler dev` reads" },
    prune: { type: "boolean", description: "Delete secrets this environment owns but the manifest does not know" },
    "wait-timeout": { type: "string", description: "Seconds to wait for new secrets to become active (default 60)", valueHint: "SECONDS" },
  },
  async run({ args }) {
    const context = await loadProvisionContext(args);
    if (context === undefined) return;
    const local = Boolean(args.local);
    const waitSeconds = Number(args["wait-timeout"] ?? 60);
    if (!Number.isFinite(waitSeconds) || waitSeconds < 0) return void printError(`--wait-timeout must be a number of seconds, received "${args["wait-timeout"]}".`);
    const opened = openStores({ manifest: context.manifest, environment: context.environment, local, root: context.root, env: process.env });
    if (!opened.ok) return void printError(opened.error);
    try {
      await applyEnvironment({ context, local, targets: opened.targets, args, waitMs: waitSeconds * 1000 });
    } catch (error) {
      if (error instanceof StoreError || error instanceof WranglerNotFoundError) return void printError(error.message);
      throw error;
    }
  },
});

interface ApplyArgs {
  "values-from"?: string | undefined;
  yes?: boolean | undefined;
  prune?: boolean | undefined;
}

async function applyEnvironment(options: {
  context: ProvisionContext;
  local: boolean;
  targets: readonly StoreTarget[];
  args: ApplyArgs;
  waitMs: number;
}): Promise<void> {
  const { context, local, targets, args } = options;
  const name = targetName(context, local);
  const render = { environment: context.environment, manifestFlag: context.manifestFlag, local };
  const plans = await readStorePlans(targets, { prune: Boolean(args.prune), now: new Date() });
  const actions = plans.flatMap((plan) => plan.actions);
  if (actions.length === 0) {
    const s = summarizePlans(plans);
    const notes = [s.pending > 0 ? `${s.pending} still pending` : "", s.overdue > 0 ? `${s.overdue} overdue (see plan)` : "", s.unmanaged > 0 ? `${s.unmanaged} unmanaged (see plan)` : ""].filter(Boolean);
    printSummary(`${name} already matches the manifest: nothing to do (${s.unchanged} unchanged${notes.length ? `; ${notes.join(", ")}` : ""}).`);
    return;
  }
  for (const plan of plans) if (plan.actions.length > 0 || plan.blockers.length > 0) process.stdout.write(`${renderStorePlan(plan, render)}\n\n`);
  const blockers = plans.flatMap((plan) => plan.blockers);
  if (blockers.length > 0) return void printError(`${blockers.join("\n")}\nNothing was changed.`);

  const needed = neededSecrets(context, actions);
  const values = await readNeededValues({ manifest: context.manifest, environment: context.environment, needed, from: args["values-from"], yes: args.yes, local });
  if (values === undefined) return;
  if (!(await confirmChanges(`Apply ${actions.length} change(s) to ${name}?`, args.yes))) return;

  // Stores are independent (one per app folder locally, one per account remotely): a few run at once.
  // After a failure no further store starts; those already running finish their own plan.
  const done: StoreAction[] = [];
  let failure: { plan: StorePlan; failed: { action: StoreAction; error: StoreError } } | undefined;
  const pendingByStore = await mapConcurrently(plans, { limit: LOCAL_STORE_CONCURRENCY, shouldStop: () => failure !== undefined }, async (plan, index) => {
    const target = targets[index]!;
    const outcome = await applyStorePlan({
      store: target.store,
      plan,
      values,
      onDone: (action) => process.stdout.write(`  ${pc.green("✓")} ${describeAction(action)} (${plan.label})\n`),
    });
    done.push(...outcome.done);
    if (outcome.failed) {
      failure ??= { plan, failed: outcome.failed };
      return [];
    }
    return waitUntilActive({ store: target.store, names: outcome.created, timeoutMs: options.waitMs });
  });
  if (failure) return reportFailure(context, { plans, plan: failure.plan, done, failed: failure.failed, local });
  const pending = pendingByStore.flatMap((names) => names ?? []);
  if (pending.length > 0) {
    return void printError(
      `${pending.length} new secret(s) still pending after ${options.waitMs / 1000} s: ${pending.join(", ")}.\n` +
        `  They were created; Cloudflare activates new secrets shortly after. A deploy that binds a pending secret may be rejected.\n` +
        `  fix: wait a little, then run \`secrets-manifest plan --env ${context.environment}${context.manifestFlag}\` until nothing is pending`,
    );
  }
  const count = (kind: string) => done.filter((action) => action.kind === kind).length;
  const unchanged = summarizePlans(plans).unchanged;
  const where = local ? ` across ${plans.filter((plan) => plan.actions.length > 0).length} local store(s)` : "";
  printSummary(`Applied to ${name}${where}: ${count("create")} created, ${count("update")} updated, ${count("delete")} deleted, ${unchanged} unchanged.`);
}

/** Manifest names whose values the creates need, each once, in manifest order. */
function neededSecrets(context: ProvisionContext, actions: readonly StoreAction[]): string[] {
  const wanted = new Set(actions.flatMap((action) => (action.kind === "create" ? [action.secret.secret] : [])));
  return context.manifest.secrets.map((secret) => secret.name).filter((secret) => wanted.has(secret));
}

function reportFailure(
  context: ProvisionContext,
  failure: { plans: readonly StorePlan[]; plan: StorePlan; done: readonly StoreAction[]; failed: { action: StoreAction; error: StoreError }; local: boolean },
): void {
  const total = failure.plans.reduce((sum, plan) => sum + plan.actions.length, 0);
  const left = total - failure.done.length;
  const flags = `--env ${context.environment}${failure.local ? " --local" : ""}${context.manifestFlag}`;
  printError(
    `${describeAction(failure.failed.action)} in ${failure.plan.label} failed after ${failure.done.length} of ${total} change(s); ${left} not done.\n` +
      `${failure.failed.error.message}\n` +
      `  The store holds what was done before the failure. \`secrets-manifest plan ${flags}\` shows exactly what is left;\n` +
      `  \`secrets-manifest apply ${flags}\` finishes the job.`,
  );
  printSummary(`Apply to ${targetName(context, failure.local)} stopped: ${failure.done.length} done, ${left} left.`, { ok: false });
}
