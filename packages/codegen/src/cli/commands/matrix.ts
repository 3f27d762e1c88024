import { defineCommand } from "citty";
import { loadManifestOrReport } from "../load-or-report.ts";
import { renderSecretsMatrixJson, renderSecretsMatrixMarkdown } from "../../generate/secrets-matrix.ts";

export default defineCommand({
  meta: {
    name: "matrix",
    description: "Print who can read what: secret x Worker x environment, with scopes and rotation impact.\n\nExample: secrets-manifest matrix --format json",
  },
  args: {
    manifest: { type: "string", description: "Path to the manifest", valueHint: "FILE" },
    format: { type: "enum", options: ["md", "json"], default: "md", description: "Output format" },
  },
  async run({ args }) {
    const loaded = await loadManifestOrReport({ manifest: args.manifest });
    if (!loaded.ok) {
      process.exitCode = 1;
      return;
    }
    const out = args.format === "json" ? renderSecretsMatrixJson(loaded.manifest) : renderSecretsMatrixMarkdown(loaded.manifest);
    process.stdout.write(out);
  },
});
