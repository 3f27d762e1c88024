// migrate with the real wrangler (secret list, deploy, secret delete) against the stand-in.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSandbox, removeSandbox } from "../helpers/sandbox.ts";
import { runCliAsync, standInEnv, valuesFor, writeManifest } from "./helpers.ts";
import { writeProbeWorkers } from "./local-helpers.ts";
import { startStandIn, type StandIn } from "./stand-in/server.ts";

let dir: string;
let standIn: StandIn;

beforeAll(async () => {
  dir = makeSandbox("migrate");
  writeManifest(dir);
  expect((await runCliAsync(["generate"], { cwd: dir })).status).toBe(0);
  writeProbeWorkers(dir, ["apps/chat", "apps/hooks"]);
  writeFileSync(join(dir, "prod.env"), valuesFor("migrated"));
  standIn = await startStandIn({ activationDelayMs: 200 });
  // Workers as `wrangler secret put` left them: the chat Worker under the same names as its new
  // bindings, the hooks Worker under the store's name for one of them, plus a secret the manifest does not serve.
  standIn.state.addWorker("chat-api", { OPENAI_API_KEY: "old-1", ANTHROPIC_API_KEY: "old-2", LEGACY_FLAG: "old-3" });
  standIn.state.addWorker("hooks", { WEBHOOK_SECRET: "old-4", SESSION_KEY: "old-5" });
  standIn.state.addSecret({ name: "CLOUDFLARE_API_KEY", value: "already-there", scopes: ["workers"], comment: "Cloudflare token for AI Gateway", active: true });
});
afterAll(async () => {
  await standIn.close();
  removeSandbox(dir);
});

const cli = (args: string[], input?: string) => runCliAsync(args, { cwd: dir, env: standInEnv(standIn), ...(input !== undefined && { input }) });

describe("migrate --env production", () => {
  it("prints the ordered steps and, without --yes and without a terminal, changes nothing", async () => {
    const result = await cli(["migrate", "--env", "production"]);
    expect(result.stderr).not.toContain("error");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("chat-api: OPENAI_API_KEY → binding OPENAI_API_KEY = store secret OPENAI_API_KEY (replaced by the deploy)");
    expect(result.stdout).toContain("hooks: WEBHOOK_SECRET → binding HOOK_KEY = store secret WEBHOOK_SECRET (then deleted from the Worker)");
    expect(result.stdout).toContain("chat-api: LEGACY_FLAG stays a per-Worker secret");
    const steps = result.stdout.split("Steps:\n")[1]!.split("\n").filter((line) => /^\s+\d+\./.test(line));
    expect(steps).toEqual([
      "  1. create store secret OPENAI_API_KEY (scopes workers)",
      "  2. create store secret ANTHROPIC_API_KEY (scopes workers,ai_gateway)",
      "  3. create store secret SESSION_SIGNING_KEY (scopes workers)",
      "  4. create store secret WEBHOOK_SECRET (scopes workers)",
      "  5. wait until OPENAI_API_KEY, ANTHROPIC_API_KEY, SESSION_SIGNING_KEY, WEBHOOK_SECRET are active",
      "  6. deploy chat-api with its Secrets Store bindings (wrangler deploy -c apps/chat/wrangler-chat.toml)",
      "  7. deploy hooks with its Secrets Store bindings (wrangler deploy -c apps/hooks/wrangler-hooks.toml)",
      "  8. delete per-Worker secret WEBHOOK_SECRET of hooks (wrangler secret delete WEBHOOK_SECRET -c apps/hooks/wrangler-hooks.toml)",
    ]);
    expect(result.stdout).toMatch(/Migration plan for production: 8 step\(s\), not run\./);
    expect(standIn.state.liveSecrets()).toHaveLength(1);
    expect(standIn.state.workers.get("chat-api")!.deployments).toBe(0);
  });

  it("with --yes runs them: the store serves the secrets, the Workers bind them, the old secrets are gone", async () => {
    const result = await cli(["migrate", "--env", "production", "--values-from", "prod.env", "--yes"]);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Migrated 4 per-Worker secret\(s\) of 2 Worker\(s\) in production to the Secrets Store \(8 step\(s\)\)\./);
    expect(standIn.state.byName("WEBHOOK_SECRET")!.value === "migrated-webhook_secret").toBe(true);
    const bindings = (worker: string) => standIn.state.workers.get(worker)!.bindings.map((b) => `${b.type} ${b.name}${b.secret_name ? `=${String(b.secret_name)}` : ""}`).sort();
    expect(bindings("chat-api")).toEqual([
      "secret_text LEGACY_FLAG",
      "secrets_store_secret ANTHROPIC_API_KEY=ANTHROPIC_API_KEY",
      "secrets_store_secret CLOUDFLARE_API_KEY=CLOUDFLARE_API_KEY",
      "secrets_store_secret OPENAI_API_KEY=OPENAI_API_KEY",
      "secrets_store_secret SESSION_SIGNING_KEY=SESSION_SIGNING_KEY",
    ]);
    expect(bindings("hooks")).toEqual(["secrets_store_secret HOOK_KEY=WEBHOOK_SECRET", "secrets_store_secret SESSION_KEY=SESSION_SIGNING_KEY"]);
    expect(standIn.unhandled).toEqual([]);
  });

  it("a second run has nothing to migrate", async () => {
    const result = await cli(["migrate", "--env", "production", "--yes"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Nothing to migrate in production: .* \(1 per-Worker secret\(s\) the manifest does not serve stay as they are\)\./);
  });
});
