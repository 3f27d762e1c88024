// Runs a migration plan step by step and stops at the first failure. Every step can be re-run:
// a new `migrate` plans from what is there now, so finishing a stopped migration is running it again.
import { join } from "node:path";
import type { ResolvedEnvironment } from "../manifest/model.ts";
import { waitUntilActive } from "./apply-plan.ts";
import { describeStep, type MigrationPlan, type MigrationStep } from "./plan-migration.ts";
import { accountEnv, parseSecretList, wranglerEnvFlag } from "./read-worker-secrets.ts";
import { redact, StoreError, type SecretStore } from "./store.ts";
import type { WranglerRunner } from "./wrangler-runner.ts";

export interface MigrationOutcome {
  readonly done: number;
  readonly failed: { readonly step: MigrationStep; readonly message: string } | undefined;
}

export interface ApplyMigrationOptions {
  readonly plan: MigrationPlan;
  readonly store: SecretStore;
  readonly values: ReadonlyMap<string, string>;
  readonly wrangler: WranglerRunner;
  readonly root: string;
  readonly environment: ResolvedEnvironment;
  readonly waitMs: number;
  readonly onStep?: (step: MigrationStep, note: string) => void;
}

export async function applyMigration(options: ApplyMigrationOptions): Promise<MigrationOutcome> {
  let done = 0;
  for (const step of options.plan.steps) {
    try {
      const note = await runStep(step, options);
      options.onStep?.(step, note);
    } catch (error) {
      const message = error instanceof StoreError ? error.message : String(error);
      return { done, failed: { step, message: redact(message, options.values.values()) } };
    }
    done += 1;
  }
  return { done, failed: undefined };
}

async function runStep(step: MigrationStep, options: ApplyMigrationOptions): Promise<string> {
  const envFlag = wranglerEnvFlag(options.environment);
  if (step.kind === "create") {
    const value = options.values.get(step.secret.secret);
    if (value === undefined) throw new StoreError(`No value for ${step.secret.secret}.`);
    await options.store.create({ name: step.secret.storeName, value, scopes: step.secret.scopes, comment: step.secret.comment || undefined });
    return "created";
  }
  if (step.kind === "wait") {
    const pending = await waitUntilActive({ store: options.store, names: step.storeNames, timeoutMs: options.waitMs });
    if (pending.length > 0) throw new StoreError(`${pending.join(", ")} still pending after ${options.waitMs / 1000} s; deploying now could be rejected.\n  fix: run migrate again in a minute`);
    return "active";
  }
  const config = join(options.root, step.config);
  // The Worker's own account (its config's account_id), which may differ from the store's.
  const account = accountEnv(step.accountId);
  if (step.kind === "deploy") {
    const result = await options.wrangler.run(["deploy", "-c", config, ...envFlag], account);
    if (result.status !== 0) throw new StoreError(`wrangler deploy of ${step.workerName} failed (exit ${result.status}):\n${tail(result.stdout + result.stderr)}\n  fix: see wrangler's message; then run migrate again`);
    return "deployed";
  }
  // Only what is still a per-Worker secret after the deploy is deleted.
  const listed = await options.wrangler.run(["secret", "list", "--format", "json", "-c", config, ...envFlag], account);
  if (listed.status !== 0) throw new StoreError(`wrangler could not list the secrets of ${step.workerName}:\n${tail(listed.stdout + listed.stderr)}`);
  if (!parseSecretList(listed.stdout, step.workerName).includes(step.name)) return "already gone";
  const result = await options.wrangler.run(["secret", "delete", step.name, "-c", config, ...envFlag], account);
  if (result.status !== 0) throw new StoreError(`${describeStep(step)} failed (exit ${result.status}):\n${tail(result.stdout + result.stderr)}`);
  return "deleted";
}

function tail(text: string): string {
  return text
    .trim()
    .split("\n")
    .slice(-15)
    .map((line) => `    ${line}`)
    .join("\n");
}
