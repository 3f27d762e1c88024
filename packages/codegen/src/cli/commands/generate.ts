import { defineCommand } from "citty";
import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { basename, dirname, relative } from "node:path";
import pc from "picocolors";
import { findManifest } from "../../pipeline.ts";
import { renderAll } from "../../generate/render-all.ts";
import { loadManifestOrReport, type ValidManifest } from "../load-or-report.ts";
import type { ManifestIssue } from "../../manifest/issues.ts";
import type { GeneratedFile } from "../../manifest/model.ts";
import { applyWrites, type FileStatus } from "../../write/apply-writes.ts";
import { hasPendingChanges, planWrites, type FileChange, type WriteConflict } from "../../write/plan-writes.ts";
import { regenerateCommand } from "../regenerate-command.ts";
import { colourDiff, printIssues, renderDiff } from "../report.ts";

const args = {
  manifest: { type: "string", description: "Path to the manifest (default: secrets.manifest.ts here or in a parent folder)", valueHint: "FILE" },
  root: { type: "string", description: "Where outputs go (default: the manifest's folder)", valueHint: "DIR" },
  check: { type: "boolean", description: "Write nothing; exit 1 with a diff if any file is stale, missing, extra or edited by hand, or a temporary file was left behind" },
  force: { type: "boolean", description: "Overwrite generated files edited by hand, and replace files at generated paths that secrets-manifest did not write (e.g. a wrangler.toml after import)" },
  json: { type: "boolean", description: 'Print {"files":[{path,kind,worker,environment,status}]} on stdout' },
  watch: { type: "boolean", description: "Regenerate whenever the manifest changes" },
  strict: { type: "boolean", description: "Treat warnings as errors" },
  quiet: { type: "boolean", description: "Print nothing when nothing changed (errors and warnings still go to stderr)" },
  wrangler: {
    type: "boolean",
    description: "Also read every generated config with Wrangler's own reader (loads wrangler, about 5 s) and report its errors and warnings at the manifest lines that caused them; with errors nothing is written",
  },
} as const;

export default defineCommand({
  meta: {
    name: "generate",
    description: "Generate every wrangler-<app>.toml, typed Env and provisioning script from the manifest.\n\nExample: secrets-manifest generate --check",
  },
  args,
  async run({ args: options }) {
    if (options.watch) return watchManifest(options);
    process.exitCode = await generateOnce(options);
  },
});

interface Options {
  manifest?: string | undefined;
  root?: string | undefined;
  check?: boolean | undefined;
  force?: boolean | undefined;
  json?: boolean | undefined;
  strict?: boolean | undefined;
  quiet?: boolean | undefined;
  wrangler?: boolean | undefined;
}

async function generateOnce(options: Options): Promise<number> {
  const started = performance.now();
  const result = await loadManifestOrReport({ manifest: options.manifest, root: options.root, consequence: "no file was written" });
  if (!result.ok) {
    if (options.json) printJson([], [...result.errors]);
    return 1;
  }
  if (options.strict && result.warnings.length > 0) {
    process.stderr.write(pc.red(`✖ ${result.warnings.length} warning(s) and --strict; no file was written.\n`));
    if (options.json) printJson([], result.warnings);
    return 1;
  }
  const { manifest } = result;
  const files = renderAll(manifest);
  const plan = planWrites({ root: result.root, files, manifest, force: options.force ?? false });
  // In a check, an edited file is reported with its diff below; every other conflict stops here.
  const blocking = options.check ? plan.conflicts.filter((conflict) => conflict.reason !== "edited") : plan.conflicts;
  if (blocking.length > 0) {
    for (const conflict of blocking) process.stderr.write(`${pc.red("error:")} ${describeConflict(conflict)}\n`);
    process.stderr.write(pc.red(`✖ ${blocking.length} file(s) in the way; no file was written.\n`));
    if (options.json) printJson([], blocking.map((conflict) => ({ path: conflict.path, reason: conflict.reason, message: describeConflict(conflict).split("\n")[0] })));
    return 1;
  }
  if (options.wrangler && !(await wranglerAgrees({ ...result, files, strict: options.strict === true }))) {
    if (options.json) printJson([], [{ message: "wrangler rejected a generated config" }]);
    return 1;
  }
  if (options.check) {
    const stale = plan.changes.filter((change) => change.action !== "unchanged");
    if (options.json) {
      printJson([
        ...plan.changes.map((change) => fileEntry(change, change.action === "unchanged" ? "unchanged" : "stale")),
        ...plan.leftovers.map((path) => leftoverEntry(path, "stale")),
      ]);
    }
    for (const change of stale) {
      process.stderr.write(`${colourDiff(await renderDiff(change))}\n`);
      if (change.edited) process.stderr.write(`${pc.yellow("note:")} ${change.path} was edited by hand (it no longer matches its content-hash); \`generate\` will refuse to overwrite it without --force.\n`);
    }
    for (const path of plan.leftovers) process.stderr.write(`${pc.yellow("note:")} ${path} is a temporary file left by an interrupted generate; \`generate\` deletes it.\n`);
    const summary = `${plan.changes.length - stale.length} current, ${stale.length} stale${plan.leftovers.length > 0 ? `, ${plan.leftovers.length} leftover temporary file(s)` : ""}`;
    if (hasPendingChanges(plan)) {
      process.stderr.write(pc.red(`✖ generated files are out of date (${summary}). Run \`${regenerateCommand(options)}\` and commit the result.\n`));
      return 1;
    }
    if (!options.json) process.stdout.write(`${pc.green("✓")} ${summary}: every generated file is up to date.\n`);
    return 0;
  }
  const applied = applyWrites(plan);
  if (options.json) {
    printJson([...plan.changes.map((change, i) => fileEntry(change, applied[i]!.status)), ...plan.leftovers.map((path) => leftoverEntry(path, "deleted"))]);
    return 0;
  }
  const count = (status: FileStatus) => applied.filter((file) => file.status === status).length;
  if (options.quiet && count("unchanged") === applied.length) return 0;
  const ms = Math.round(performance.now() - started);
  process.stdout.write(
    `${pc.green("✓")} ${manifest.workers.length} workers × ${manifest.environments.length} environments: ` +
      `${count("written")} written, ${count("unchanged")} unchanged, ${count("deleted")} deleted (${ms} ms)\n`,
  );
  for (const file of applied) if (file.status !== "unchanged") process.stdout.write(`  ${file.status.padEnd(9)} ${file.path}\n`);
  for (const path of plan.leftovers) process.stdout.write(`  ${"deleted".padEnd(9)} ${path} (left by an interrupted generate)\n`);
  return 0;
}

/** What is in the way, and how to proceed. */
export function describeConflict(conflict: WriteConflict): string {
  const verb = conflict.action === "write" ? "overwrite" : "delete";
  switch (conflict.reason) {
    case "not-generated":
      return (
        `${conflict.path} exists and was not generated by secrets-manifest; refusing to overwrite it.\n` +
        "  fix: move or delete the file (or rename the app) and run generate again, or run `secrets-manifest generate --force` to replace it with the generated file"
      );
    case "edited":
      return (
        `${conflict.path} was edited by hand (it no longer matches its content-hash); refusing to ${verb} it.\n` +
        "  fix: move the change into the manifest (`generate --check` shows it as a diff), then run `secrets-manifest generate --force` to " +
        (conflict.action === "write" ? "overwrite the file" : "delete the file")
      );
    case "outside-root":
      return (
        `${conflict.path} leads to ${conflict.resolved ?? "?"}, outside the output root (through a symlink); refusing to ${verb} it.\n` +
        "  fix: replace the symlink with a real folder inside the output root, or point the app's dir elsewhere (--force does not override this)"
      );
  }
}

/** Wrangler reads every generated config; its errors (and with --strict its warnings) stop the run. */
async function wranglerAgrees(options: ValidManifest & { files: readonly GeneratedFile[]; strict: boolean }): Promise<boolean> {
  const name = relative(process.cwd(), options.manifestFile) || options.manifestFile;
  // Loaded only for --wrangler: a plain generate never pays for it.
  const { checkWithWrangler } = await import("../../check/check-with-wrangler.ts");
  const { WranglerUnavailableError } = await import("../../check/read-wrangler-diagnostics.ts");
  let issues: ManifestIssue[];
  try {
    issues = await checkWithWrangler({ manifest: options.manifest, files: options.files, loaded: options.loaded, root: options.root });
  } catch (error) {
    if (!(error instanceof WranglerUnavailableError)) throw error;
    process.stderr.write(`${pc.red("error:")} ${error.message}\n`);
    return false;
  }
  printIssues(issues, name);
  const errors = issues.filter((issue) => issue.severity === "error" || options.strict).length;
  if (errors > 0) {
    process.stderr.write(pc.red(`✖ Wrangler: ${errors} ${options.strict ? "problem(s) and --strict" : "error(s)"} in the generated configs; no file was written.\n`));
    return false;
  }
  const configs = options.files.filter((file) => file.kind === "wrangler-config").length;
  process.stderr.write(`${pc.green("✓")} Wrangler read ${configs} config(s) in every environment${issues.length > 0 ? ` (${issues.length} warning(s))` : ""}.\n`);
  return true;
}

function fileEntry(change: FileChange, status: FileStatus) {
  return { path: change.path, kind: change.kind, worker: change.worker ?? null, environment: change.environment ?? null, status, ...(change.edited ? { edited: true } : {}) };
}

function leftoverEntry(path: string, status: FileStatus) {
  return { path, kind: "leftover", worker: null, environment: null, status };
}

function printJson(files: unknown[], errors?: unknown[]): void {
  process.stdout.write(`${JSON.stringify(errors === undefined ? { files } : { files, errors })}\n`);
}

/**
 * Each regeneration runs in a fresh process: the manifest and everything it imports are loaded anew,
 * which an in-process re-import cannot guarantee for the manifest's own imports.
 */
function watchManifest(options: Options): Promise<void> {
  const manifestFile = findManifest(process.cwd(), options.manifest);
  const forwarded = process.argv.slice(2).filter((arg) => arg !== "--watch");
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const child = spawn(process.execPath, [process.argv[1]!, ...forwarded], { stdio: "inherit" });
    child.on("exit", () => {
      running = false;
      if (again) {
        again = false;
        run();
      }
    });
  };
  run();
  process.stderr.write(pc.dim(`watching ${relative(process.cwd(), manifestFile)} (Ctrl-C to stop)\n`));
  // Watch the folder: editors often replace the file, which ends a watch on the file itself.
  const watcher = watch(dirname(manifestFile), (_event, name) => {
    if (name !== basename(manifestFile)) return;
    clearTimeout(timer);
    timer = setTimeout(run, 100);
  });
  return new Promise((resolveWatch) => {
    process.once("SIGINT", () => {
      watcher.close();
      resolveWatch();
    });
  });
}
