// Every file the manifest generates, in path order so that output and diffs are deterministic.
import { renderWranglerConfig } from "./render-wrangler-config.ts";
import { renderEnvTypes } from "./env-types.ts";
import { provisionScriptPath, renderProvisionScript } from "./provision-script.ts";
import type { ProvisionShell, ProvisionTarget } from "./provision-plan.ts";
import { renderSecretsMatrixMarkdown } from "./secrets-matrix.ts";
import type { GeneratedFile, ResolvedManifest } from "../manifest/model.ts";

/** Who can read what, beside the manifest; `generate --check` keeps it current. */
export const SECRETS_MATRIX_FILE = "SECRETS.md";

const SHELLS: readonly ProvisionShell[] = ["bash", "powershell"];
const TARGETS: readonly ProvisionTarget[] = ["remote", "local"];

export function renderAll(manifest: ResolvedManifest): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (const worker of manifest.workers) {
    files.push({
      path: joinPosix(worker.dir, worker.configFile),
      kind: "wrangler-config",
      worker: worker.id,
      contents: renderWranglerConfig(worker, manifest),
    });
    files.push({
      path: joinPosix(worker.dir, worker.envTypesFile),
      kind: "env-types",
      worker: worker.id,
      contents: renderEnvTypes(worker, manifest),
    });
  }
  for (const env of manifest.environments) {
    for (const target of TARGETS) {
      for (const shell of SHELLS) {
        files.push({
          path: provisionScriptPath({ provisionDir: manifest.provisionDir, environment: env.name, shell, target }),
          kind: "provision-script",
          environment: env.name,
          contents: renderProvisionScript({ manifest, environment: env.name, shell, target }),
        });
      }
    }
  }
  files.push({ path: SECRETS_MATRIX_FILE, kind: "secrets-matrix", contents: renderSecretsMatrixMarkdown(manifest) });
  // Code-unit order, not localeCompare: the same on every machine.
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function joinPosix(dir: string, file: string): string {
  return dir === "" || dir === "." ? file : `${dir.replace(/\/+$/, "")}/${file}`;
}
