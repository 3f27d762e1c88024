import { defineCommand } from "citty";
import pc from "picocolors";
import { loadManifestOrReport } from "../load-or-report.ts";
import { readAppUsage } from "../../audit/read-app-usage.ts";
import { countBindingReads, planAudit } from "../../audit/plan-audit.ts";

export default defineCommand({
  meta: {
    name: "audit",
    description:
      "Least-privilege audit: bindings a Worker is given but never reads, and env reads that are not bound. Exit 1 on findings.\n\nExample: secrets-manifest audit --json",
  },
  args: {
    manifest: { type: "string", description: "Path to the manifest", valueHint: "FILE" },
    root: { type: "string", description: "Where the apps live (default: the manifest's folder)", valueHint: "DIR" },
    json: { type: "boolean", description: "Print {findings:[...]} on stdout" },
  },
  async run({ args }) {
    const loaded = await loadManifestOrReport({ manifest: args.manifest, root: args.root });
    if (!loaded.ok) {
      process.exitCode = 1;
      return;
    }
    const usage = await readAppUsage({ root: loaded.root, workers: loaded.manifest.workers });
    const findings = planAudit(loaded.manifest, usage);
    if (args.json) process.stdout.write(`${JSON.stringify({ findings })}\n`);
    for (const finding of findings) {
      process.stderr.write(`${pc.red("finding:")} ${finding.message}\n  fix: ${finding.fix}\n`);
    }
    const reads = countBindingReads(loaded.manifest, usage);
    const summary = `${loaded.manifest.workers.length} workers audited, ${reads} binding reads found, ${findings.length} finding(s)`;
    process.stderr.write(`${findings.length === 0 ? pc.green("✓") : pc.red("✖")} ${summary}\n`);
    process.exitCode = findings.length === 0 ? 0 : 1;
  },
});
