// Provisioning scripts: `<env>.remote.*` creates the environment's secrets in Cloudflare's Secrets
// Store, `<env>.local.*` seeds the local store each app's `wrangler dev` reads. Values only ever come
// from a hidden prompt or standard input and reach wrangler through a pipe, never through argv.
import { stampFile } from "./header.ts";
import { renderBashScript } from "./provision-bash.ts";
import { renderPowerShellScript } from "./provision-powershell.ts";
import { planProvisioning, type ProvisionShell, type ProvisionTarget } from "./provision-plan.ts";
import type { ResolvedManifest } from "../manifest/model.ts";

export type { ProvisionShell, ProvisionTarget } from "./provision-plan.ts";

export interface ProvisionScriptOptions {
  readonly manifest: ResolvedManifest;
  readonly environment: string;
  readonly shell: ProvisionShell;
  readonly target: ProvisionTarget;
}

export function provisionScriptPath(options: { provisionDir: string; environment: string; shell: ProvisionShell; target: ProvisionTarget }): string {
  const extension = options.shell === "bash" ? "sh" : "ps1";
  return `${options.provisionDir}/${options.environment}.${options.target}.${extension}`;
}

export function renderProvisionScript(options: ProvisionScriptOptions): string {
  const plan = planProvisioning(options);
  const manifestPath = options.manifest.manifestPath;
  if (options.shell === "bash") {
    return stampFile({ body: renderBashScript(plan), comment: "#", manifestPath, firstLine: "#!/usr/bin/env bash" });
  }
  return stampFile({ body: renderPowerShellScript(plan), comment: "#", manifestPath });
}
