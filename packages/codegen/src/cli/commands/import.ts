import { defineCommand } from "citty";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import pc from "picocolors";
import { planImport, type ImportPlan } from "../../import/plan-import.ts";
import { readWranglerConfigs } from "../../import/read-wrangler-configs.ts";
import { renderImportedManifest } from "../../import/render-manifest.ts";
import { formatIssue } from "../../manifest/issues.ts";
import { validateManifest } from "../../manifest/validate.ts";
import { manifestArg, printError, printSummary } from "../provision-context.ts";

export default defineCommand({
  meta: {
    name: "import",
    description:
      "Write secrets.manifest.ts from existing Wrangler configs (TOML, JSON, JSONC): every setting, binding and environment they have, read by Wrangler itself. " +
      "Then `secrets-manifest generate --force` replaces them with generated configs that Wrangler reads the same way.\n\n" +
      "Example: secrets-manifest import apps/*/wrangler.jsonc workers/",
  },
  args: {
    files: { type: "positional", description: "Wrangler configs, or folders to find them in", required: true },
    manifest: { ...manifestArg, description: "Where to write the manifest (default: secrets.manifest.ts here)" },
    "default-env": {
      type: "string",
      description: "Name of the environment at the top level of the configs (default: development, or the first of default, base, top-level that no config uses)",
      valueHint: "NAME",
    },
    force: { type: "boolean", description: "Overwrite an existing manifest" },
  },
  async run({ args }) {
    const files = args._.length > 0 ? args._.map(String) : [String(args.files)];
    const cwd = process.cwd();
    const out = resolve(cwd, args.manifest ?? "secrets.manifest.ts");
    const shown = relative(cwd, out) || out;
    if (existsSync(out) && !args.force) return void printError(`${shown} already exists; refusing to overwrite it.\n  fix: pass --manifest with another path, or --force`);
    const read = await readWranglerConfigs(files, { cwd, root: dirname(out) });
    if (!read.ok) {
      for (const error of read.errors) printError(error);
      return void printSummary("Nothing written.", { ok: false });
    }
    const planned = planImport(read.configs, { defaultEnvironment: args["default-env"] });
    if (!planned.ok) {
      for (const error of planned.errors) printError(error);
      return void printSummary("Nothing written.", { ok: false });
    }
    const plan = planned.plan;
    for (const warning of plan.warnings) process.stderr.write(`${pc.yellow("warning:")} ${warning}\n`);
    // The manifest must pass the same validation as a hand-written one. One that would not is not
    // written (a failing command changes nothing): each error names the config it comes from.
    const checked = validateManifest(plan.manifest, { manifestPath: relative(dirname(out), out) });
    if (!checked.ok) {
      for (const issue of checked.errors) process.stderr.write(`${formatIssue(issue, sourceOf(issue.path, plan))}\n`);
      printError(`The manifest imported from these configs would break the manifest's rules above, so ${shown} was not written.\n  fix: change the configs as each error says (or import the others without them), then import again`);
      return void printSummary("Nothing written.", { ok: false });
    }
    const issues = checked.warnings;
    // Configs hold no descriptions: one line for all of them instead of one warning per secret.
    const undescribed = issues.filter((issue) => issue.code === "missing-description");
    for (const issue of issues.filter((i) => i.code !== "missing-description")) process.stderr.write(`${formatIssue(issue, shown)}\n`);
    if (undescribed.length > 0) process.stderr.write(`${pc.yellow("note:")} ${undescribed.length} secret(s) have no description yet; add one to each (it becomes the store comment and the text in SECRETS.md).\n`);
    const manifestFlag = args.manifest === undefined ? "" : ` --manifest ${shown}`;
    const nextCommand = `secrets-manifest generate --force${manifestFlag}`;
    const sources = [...plan.configs.values()];
    writeFileSync(out, await renderImportedManifest(plan, { sources, nextCommand }));

    const m = plan.manifest;
    const warningCount = plan.warnings.length + checked.warnings.filter((issue) => issue.code !== "missing-description").length;
    const notes = [plan.todos.length > 0 ? `${plan.todos.length} TODO(s)` : "", warningCount > 0 ? `${warningCount} warning(s)` : ""].filter(Boolean);
    process.stdout.write(renderCandidates(plan));
    process.stdout.write(
      `Next: review ${shown}, then run \`${nextCommand}\`.\n` +
        `  It replaces the ${sources.length} config(s) above with generated ones (Wrangler reads them the same way); without --force, generate refuses to overwrite files it did not write.\n`,
    );
    printSummary(
      `Wrote ${shown}: ${Object.keys(m.workers).length} worker(s), ${Object.keys(m.environments).length} environment(s) (${m.defaultEnvironment} is the configs' top level), ${Object.keys(m.secrets).length} secret(s)${notes.length ? ` (${notes.join(", ")})` : ""}.`,
    );
  },
});

/** Where an issue of the unwritten manifest comes from: its worker's config, else every config. */
function sourceOf(path: readonly (string | number)[], plan: ImportPlan): string {
  const config = path[0] === "workers" && typeof path[1] === "string" ? plan.configs.get(path[1]) : undefined;
  return `from ${config ?? [...plan.configs.values()].join(", ")}`;
}

function renderCandidates(plan: ImportPlan): string {
  if (plan.candidates.length === 0) return "";
  const lines = plan.candidates.map((c) => `  ${c.app}: ${c.name} (${c.seenIn.join(", ")})`);
  return [
    "Per-Worker secrets (`wrangler secret put`) stay as they are: the generated configs keep their `secrets.required`.",
    "Candidates to move to the Secrets Store with `secrets-manifest migrate`:",
    ...lines,
    "  To move one: declare it under `secrets`, bind it in the worker's `secrets` (and drop it from `workerSecrets`), run `secrets-manifest generate`, then `secrets-manifest migrate --env <environment>`.",
    "",
  ].join("\n");
}
