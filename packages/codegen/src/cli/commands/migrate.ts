import { defineCommand } from "citty";
import pc from "picocolors";
import { applyMigration } from "../../provision/apply-migration.ts";
import { requireEnvironment } from "../../provision/desired.ts";
import { openStores, readStorePlans } from "../../provision/open-stores.ts";
import { describeStep, planMigration, renderMigrationPlan } from "../../provision/plan-migration.ts";
import { readWorkerSecrets } from "../../provision/read-worker-secrets.ts";
import { StoreError } from "../../provision/store.ts";
import { createWranglerRunner, WranglerNotFoundError } from "../../provision/wrangler-runner.ts";
import { loadProvisionContext, printError, printSummary, provisionArgs } from "../provision-context.ts";
import { confirmChanges, readNeededValues, valuesArgs } from "../provision-input.ts";

export default defineCommand({
  meta: {
    name: "migrate",
    description:
      "Move Workers from per-Worker secrets (`wrangler secret put`) to the Secrets Store: create the store secrets, deploy the Workers with their new bindings, delete the old secrets.\n" +
      "Prints the ordered steps; runs them after confirmation (or with --yes).\n\n" +
      "Example: secrets-manifest migrate --env production --values-from .env.production",
  },
  args: {
    ...provisionArgs,
    ...valuesArgs,
    "wait-timeout": { type: "string", description: "Seconds to wait for new secrets to become active (default 60)", valueHint: "SECONDS" },
  },
  async run({ args }) {
    const context = await loadProvisionContext(args);
    if (context === undefined) return;
    const opened = openStores({ manifest: context.manifest, environment: context.environment, local: false, root: context.root, env: process.env });
    if (!opened.ok) return void printError(opened.error);
    const target = opened.targets[0]!;
    const environment = requireEnvironment(context.manifest, context.environment);
    try {
      const wrangler = createWranglerRunner({ cwd: context.root, env: process.env });
      const [storePlan] = await readStorePlans([target], { prune: false, now: new Date() });
      const workers = await readWorkerSecrets({ manifest: context.manifest, environment, root: context.root, wrangler });
      const plan = planMigration({ manifest: context.manifest, environment: context.environment, workers, storePlan: storePlan! });
      if (plan.moves.length === 0) {
        const kept = plan.kept.length > 0 ? ` (${plan.kept.length} per-Worker secret(s) the manifest does not serve stay as they are)` : "";
        printSummary(`Nothing to migrate in ${context.environment}: no Worker has a per-Worker secret that the store now serves${kept}.`);
        return;
      }
      process.stdout.write(`${renderMigrationPlan(plan)}\n\n`);
      if (!args.yes && !process.stdin.isTTY) {
        printSummary(`Migration plan for ${context.environment}: ${plan.steps.length} step(s), not run. Review them, then run again with --yes.`);
        return;
      }
      const needed = context.manifest.secrets.map((s) => s.name).filter((name) => plan.steps.some((step) => step.kind === "create" && step.secret.secret === name));
      const values = await readNeededValues({ manifest: context.manifest, environment: context.environment, needed, from: args["values-from"], yes: args.yes, local: false });
      if (values === undefined) return;
      if (!(await confirmChanges(`Run these ${plan.steps.length} step(s) on ${context.environment}?`, args.yes))) return;
      const outcome = await applyMigration({
        plan,
        store: target.store,
        values,
        wrangler,
        root: context.root,
        environment,
        waitMs: Number(args["wait-timeout"] ?? 60) * 1000,
        onStep: (step, note) => process.stdout.write(`  ${pc.green("✓")} ${describeStep(step)}: ${note}\n`),
      });
      if (outcome.failed) {
        printError(
          `Step ${outcome.done + 1} of ${plan.steps.length} failed: ${describeStep(outcome.failed.step)}\n${outcome.failed.message}\n` +
            `  Steps 1 to ${outcome.done} are done. \`secrets-manifest migrate --env ${context.environment}${context.manifestFlag}\` plans what is left.`,
        );
        printSummary(`Migration of ${context.environment} stopped: ${outcome.done} of ${plan.steps.length} step(s) done.`, { ok: false });
        return;
      }
      const workerCount = new Set(plan.moves.map((move) => move.app)).size;
      printSummary(`Migrated ${plan.moves.length} per-Worker secret(s) of ${workerCount} Worker(s) in ${context.environment} to the Secrets Store (${plan.steps.length} step(s)).`);
    } catch (error) {
      if (error instanceof StoreError || error instanceof WranglerNotFoundError) return void printError(error.message);
      throw error;
    }
  },
});
