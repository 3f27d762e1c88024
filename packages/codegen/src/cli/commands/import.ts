import { defineCommand } from "citty";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import pc from "picocolors";
import { planImport } from "../../import/plan-import.ts";
import { readWranglerConfigs } from "../../import/read-wrangler-configs.ts";
import { renderImportedManifest } from "../../import/render-manifest.ts";
import { formatIssue } from "../../manifest/issues.ts";
import { validateManifest } from "../../manifest/validate.ts";
import { manifestArg, printError, printSummary } from "../provision-context.ts";

export default defineCommand({
  meta: {
    name: "import",
    description:
      "Write a starter secrets.manifest.ts from existing Wrangler configs: names, vars, environments and their secrets_store_secrets.\n\n" +
      "Example: secrets-manifest import apps/*/wrangler.toml --default-env production",
  },
  args: {
    files: { type: "positional", description: "wrangler.toml, wrangler.json or wrangler.jsonc files", required: true },
    manifest: { ...manifestArg, description: "Where to write the manifest (default: secrets.manifest.ts here)" },
    "default-env": { type: "string", description: "Name of the environment at the top level of the configs (default: production)", valueHint: "NAME" },
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
      return;
    }
    const plan = planImport(read.configs, { defaultEnvironment: args["default-env"] ?? "production" });
    for (const warning of plan.warnings) process.stderr.write(`${pc.yellow("warning:")} ${warning}\n`);
    // The starter must pass the same validation as a hand-written manifest; what does not is shown to fix.
    const checked = validateManifest(plan.manifest, { manifestPath: relative(dirname(out), out) });
    const issues = checked.ok ? checked.warnings : [...checked.errors, ...checked.warnings];
    for (const issue of issues) process.stderr.write(`${formatIssue(issue, shown)}\n`);
    const text = await renderImportedManifest(plan, { sources: read.configs.map((config) => relative(dirname(out), resolve(cwd, config.file)).split("\\").join("/")) });
    writeFileSync(out, text);
    const m = plan.manifest;
    const notes = [plan.todos.length > 0 ? `${plan.todos.length} TODO(s)` : "", plan.warnings.length > 0 ? `${plan.warnings.length} warning(s)` : "", checked.ok ? "" : `${checked.errors.length} validation error(s)`].filter(Boolean);
    printSummary(
      `Wrote ${shown}: ${Object.keys(m.workers).length} worker(s), ${Object.keys(m.environments).length} environment(s), ${Object.keys(m.secrets).length} secret(s)${notes.length ? ` (${notes.join(", ")})` : ""}.`,
      { ok: checked.ok },
    );
    if (!checked.ok) process.exitCode = 1;
  },
});
