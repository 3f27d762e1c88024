// Compares what each Worker is given (the manifest) with what its code reads (ts-morph): bindings
// given but never read are over-privilege; reads of names that are not bound fail at run time.
import type { ResolvedManifest } from "../manifest/model.ts";
import type { AppUsage } from "./read-app-usage.ts";

export interface AuditFinding {
  readonly kind: "unused-binding" | "unbound-access" | "no-source";
  readonly worker: string;
  readonly binding?: string;
  readonly message: string;
  readonly fix: string;
}

export function planAudit(manifest: ResolvedManifest, usage: readonly AppUsage[]): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const worker of manifest.workers) {
    const app = usage.find((entry) => entry.worker === worker.id);
    if (!app || !app.found) {
      findings.push({
        kind: "no-source",
        worker: worker.id,
        message: `No TypeScript source found in ${worker.dir}/src for worker "${worker.id}" (or no ${worker.envTypesFile}).`,
        fix: "run `pnpm generate`, and write the app's code under src/",
      });
      continue;
    }
    const given = new Map<string, string>();
    for (const env of worker.environments) {
      for (const binding of env.secrets) given.set(binding.binding, "secret");
      for (const variable of env.vars) given.set(variable.name, "var");
    }
    const read = new Set(app.accesses.map((access) => access.name));
    for (const [binding, kind] of given) {
      if (read.has(binding)) continue;
      findings.push({
        kind: "unused-binding",
        worker: worker.id,
        binding,
        message: `Worker "${worker.id}" is given the ${kind} ${binding} but its code never reads it (over-privilege).`,
        fix: kind === "secret" ? `remove "${binding}" from workers.${worker.id}.secrets in the manifest` : `remove ${binding} from workers.${worker.id}.vars`,
      });
    }
    for (const access of app.accesses) {
      if (given.has(access.name)) continue;
      findings.push({
        kind: "unbound-access",
        worker: worker.id,
        binding: access.name,
        message: `${access.at} reads env.${access.name}, which is not bound to worker "${worker.id}".`,
        fix: `bind it in workers.${worker.id} (secrets or vars) and run \`pnpm generate\`, or remove the access`,
      });
    }
  }
  return findings;
}
