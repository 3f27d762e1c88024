// Compares what each Worker is given (the manifest) with what its code reads (ts-morph): bindings
// given but never read are over-privilege; reads through the generated Env of names that are not
// bound fail at run time. Reads through the code's own Env-like values count as reads, but are not
// reported as unbound: those values may hold bindings the manifest does not manage.
import type { ResolvedManifest, ResolvedWorker } from "../manifest/model.ts";
import type { AppUsage } from "./read-app-usage.ts";

export interface AuditFinding {
  readonly kind: "unused-binding" | "unbound-access" | "no-source";
  readonly worker: string;
  readonly binding?: string;
  readonly message: string;
  readonly fix: string;
}

/** Each binding the manifest gives the worker in any environment, and whether it is a secret or a var. */
export function givenBindings(worker: ResolvedWorker): Map<string, "secret" | "var"> {
  const given = new Map<string, "secret" | "var">();
  for (const env of worker.environments) {
    for (const binding of env.secrets) given.set(binding.binding, "secret");
    for (const variable of env.vars) given.set(variable.name, "var");
  }
  return given;
}

/** The distinct binding names each worker's code reads: the manifest's, and any read through the generated Env. */
export function countBindingReads(manifest: ResolvedManifest, usage: readonly AppUsage[]): number {
  return manifest.workers.reduce((sum, worker) => {
    const given = givenBindings(worker);
    const accesses = usage.find((entry) => entry.worker === worker.id)?.accesses ?? [];
    return sum + new Set(accesses.filter((a) => a.checked || given.has(a.name)).map((a) => a.name)).size;
  }, 0);
}

export function planAudit(manifest: ResolvedManifest, usage: readonly AppUsage[]): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const worker of manifest.workers) {
    const app = usage.find((entry) => entry.worker === worker.id);
    if (!app || !app.found) {
      findings.push({
        kind: "no-source",
        worker: worker.id,
        message: `No source found for worker "${worker.id}": nothing under ${worker.dir}/src, and no ${worker.dir}/${worker.main}.`,
        fix: `write the app's code under ${worker.dir}/src, or set workers.${worker.id}.main to its entry module`,
      });
      continue;
    }
    const given = givenBindings(worker);
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
      if (!access.checked || given.has(access.name)) continue;
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
