import { defineCommand } from "citty";
import { openStores, readStorePlans } from "../../provision/open-stores.ts";
import { planToJson, renderStorePlan, summarizePlans, type RenderContext } from "../../provision/render-store-plan.ts";
import { StoreError } from "../../provision/store.ts";
import { WranglerNotFoundError } from "../../provision/wrangler-runner.ts";
import { loadProvisionContext, printError, printSummary, provisionArgs, targetName } from "../provision-context.ts";

export default defineCommand({
  meta: {
    name: "plan",
    description:
      "Compare the manifest with the Secrets Store: missing secrets, unknown ones, differing scopes or comments, pending secrets, overdue rotations and quota use.\n\n" +
      "Example: secrets-manifest plan --env staging --detailed-exitcode",
  },
  args: {
    ...provisionArgs,
    local: { type: "boolean", description: "Compare with the local stores that each app's `wrangler dev` reads" },
    prune: { type: "boolean", description: "Plan the deletion of secrets this environment owns but the manifest does not know" },
    json: { type: "boolean", description: "Print the plan as JSON on stdout" },
    "detailed-exitcode": { type: "boolean", description: "Exit 0 when nothing is to do, 2 when changes are pending, 1 on error" },
  },
  async run({ args }) {
    const context = await loadProvisionContext(args);
    if (context === undefined) return;
    const local = Boolean(args.local);
    const opened = openStores({ manifest: context.manifest, environment: context.environment, local, root: context.root, env: process.env });
    if (!opened.ok) return void printError(opened.error);
    let plans;
    try {
      plans = await readStorePlans(opened.targets, { prune: Boolean(args.prune), now: new Date() });
    } catch (error) {
      if (error instanceof StoreError || error instanceof WranglerNotFoundError) return void printError(error.message);
      throw error;
    }
    const render: RenderContext = { environment: context.environment, manifestFlag: context.manifestFlag, local };
    if (args.json) process.stdout.write(`${JSON.stringify(planToJson(plans, render), null, 2)}\n`);
    else for (const plan of plans) process.stdout.write(`${renderStorePlan(plan, render)}\n\n`);
    const s = summarizePlans(plans);
    const blocked = plans.some((plan) => plan.blockers.length > 0);
    const parts = [`${s.creates} to create`, `${s.updates} to update`, `${s.deletes} to delete`];
    if (!local) parts.push(`${s.pending} pending`, `${s.overdue} overdue`);
    parts.push(`${s.unmanaged} unmanaged`, `${s.unchanged} unchanged`);
    const where = local ? ` in ${plans.length} local store(s)` : "";
    printSummary(`Plan for ${targetName(context, local)}${where}: ${parts.join(", ")}.${s.changes === 0 ? " Nothing to do." : ""}`, { ok: !blocked, json: Boolean(args.json) });
    if (blocked) process.exitCode = 1;
    else if (args["detailed-exitcode"] && s.changes > 0) process.exitCode = 2;
  },
});
