import { defineCommand } from "citty";
import pc from "picocolors";
import { openStores } from "../../provision/open-stores.ts";
import { planRotation, resolveSecretName } from "../../provision/plan-rotate.ts";
import { StoreError } from "../../provision/store.ts";
import { WranglerNotFoundError } from "../../provision/wrangler-runner.ts";
import { loadProvisionContext, printError, printSummary, provisionArgs, targetName } from "../provision-context.ts";
import { confirmChanges, readNeededValues, valuesArgs } from "../provision-input.ts";

export default defineCommand({
  meta: {
    name: "rotate",
    description:
      "Replace the value of one secret by its manifest name (the store id is looked up), then list the Workers that read it.\n\n" +
      "Example: secrets-manifest rotate CLOUDFLARE_API_KEY --env production --values-from - --yes < new.env",
  },
  args: {
    secret: { type: "positional", description: "The manifest's name of the secret", required: true },
    ...provisionArgs,
    ...valuesArgs,
    local: { type: "boolean", description: "Rotate the value in every app's local store instead" },
  },
  async run({ args }) {
    const context = await loadProvisionContext(args);
    if (context === undefined) return;
    const local = Boolean(args.local);
    const name = resolveSecretName(context.manifest, context.environment, args.secret);
    if (!name.ok) return void printError(name.error);
    const secret = name.value;
    const opened = openStores({ manifest: context.manifest, environment: context.environment, local, root: context.root, env: process.env });
    if (!opened.ok) return void printError(opened.error);
    const targets = opened.targets.filter((target) => target.desired.some((desired) => desired.secret === secret));
    if (targets.length === 0) return void printError(`No app binds ${secret} in ${context.environment}, so no local store holds it.\n  fix: rotate the remote value without --local`);
    const applyCommand = `secrets-manifest apply --env ${context.environment}${local ? " --local" : ""}${context.manifestFlag}`;
    try {
      const edits: { target: (typeof targets)[number]; id: string }[] = [];
      for (const target of targets) {
        const desired = target.desired.find((candidate) => candidate.secret === secret)!;
        const id = planRotation({ desired, listing: await target.store.list(), label: target.store.label, applyCommand });
        if (!id.ok) return void printError(id.error);
        edits.push({ target, id: id.value });
      }
      const values = await readNeededValues({ manifest: context.manifest, environment: context.environment, needed: [secret], from: args["values-from"], yes: args.yes, local });
      if (values === undefined) return;
      if (!(await confirmChanges(`Replace the value of ${secret} in ${edits.length} store(s) of ${targetName(context, local)}?`, args.yes))) return;
      for (const { target, id } of edits) {
        await target.store.edit(id, { value: values.get(secret)! });
        process.stdout.write(`  ${pc.green("✓")} new value for ${target.desired.find((d) => d.secret === secret)!.storeName} (${target.store.label})\n`);
      }
    } catch (error) {
      if (error instanceof StoreError || error instanceof WranglerNotFoundError) return void printError(error.message);
      throw error;
    }
    const readers = targets[0]!.desired.find((desired) => desired.secret === secret)!.readers;
    if (readers.length === 0) process.stdout.write(`No Worker binds ${secret} in ${context.environment}.\n`);
    else {
      process.stdout.write(`Workers that read ${secret} in ${context.environment} (they get the new value on their next get()):\n`);
      for (const reader of readers) process.stdout.write(`  ${reader.workerName} (app ${reader.app}, binding ${reader.binding})\n`);
    }
    printSummary(`Rotated ${secret} in ${targetName(context, local)}: ${targets.length} store(s) updated, ${readers.length} Worker(s) read it.`);
  },
});
