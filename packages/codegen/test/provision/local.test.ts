// The local store for real: `wrangler secrets-store secret ...` seeds each app's persist folder, and
// the app's own `wrangler dev` then reads the secret.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSandbox, removeSandbox } from "../helpers/sandbox.ts";
import { runCliAsync, valuesFor, writeManifest } from "./helpers.ts";
import { sha256, startWranglerDev, writeProbeWorkers } from "./local-helpers.ts";

let dir: string;
const cli = (args: string[], input?: string) => runCliAsync(args, { cwd: dir, ...(input !== undefined && { input }) });

beforeAll(async () => {
  dir = makeSandbox("local");
  writeManifest(dir);
  const generated = await cli(["generate"]);
  expect(generated.status, generated.stderr).toBe(0);
  writeProbeWorkers(dir, ["apps/chat", "apps/hooks"]);
  writeFileSync(join(dir, ".env.local-staging"), valuesFor("local"));
});
afterAll(() => removeSandbox(dir));

async function readThroughDev(app: string, env: string, bindings: readonly string[]): Promise<Record<string, string>> {
  const dev = await startWranglerDev({ cwd: join(dir, ".."), config: join(dir, `apps/${app}/wrangler-${app}.toml`), env });
  try {
    const out: Record<string, string> = {};
    for (const binding of bindings) out[binding] = await (await fetch(`${dev.url}/${binding}`)).text();
    return out;
  } finally {
    await dev.stop();
  }
}

describe("apply --local seeds what each app's wrangler dev reads", () => {
  it("plans, seeds every app folder, and wrangler dev of each app reads its secrets", async () => {
    const plan = await cli(["plan", "--env", "staging", "--local", "--detailed-exitcode"]);
    expect(plan.stderr).toBe("");
    expect(plan.status).toBe(2);
    expect(plan.stdout).toContain("local store apps/chat/.wrangler/state:\n  + create STAGING_OPENAI_API_KEY");
    expect(plan.stdout).toContain("local store apps/hooks/.wrangler/state:\n  + create STAGING_SESSION_SIGNING_KEY");
    expect(plan.stdout).toMatch(/Plan for staging \(local\) in 2 local store\(s\): 6 to create/);

    const apply = await cli(["apply", "--env", "staging", "--local", "--values-from", ".env.local-staging", "--yes"]);
    expect(apply.stderr).toBe("");
    expect(apply.status).toBe(0);
    expect(apply.stdout).toMatch(/Applied to staging \(local\) across 2 local store\(s\): 6 created, 0 updated, 0 deleted, 0 unchanged\./);

    expect(await readThroughDev("hooks", "staging", ["HOOK_KEY", "SESSION_KEY"])).toEqual({
      HOOK_KEY: sha256("local-webhook_secret"),
      SESSION_KEY: sha256("local-session_signing_key"),
    });
    expect(await readThroughDev("chat", "staging", ["OPENAI_API_KEY", "CLOUDFLARE_API_KEY"])).toEqual({
      OPENAI_API_KEY: sha256("local-openai_api_key"),
      CLOUDFLARE_API_KEY: sha256("local-cloudflare_api_key"),
    });
  });

  it("is idempotent: a second apply does nothing and plan is empty", async () => {
    const again = await cli(["apply", "--env", "staging", "--local", "--yes"]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/staging \(local\) already matches the manifest: nothing to do \(6 unchanged\)\./);
    const plan = await cli(["plan", "--env", "staging", "--local", "--detailed-exitcode"]);
    expect(plan.status).toBe(0);
  });

  it("keeps environments apart in a shared local store", async () => {
    const plan = await cli(["plan", "--env", "production", "--local", "--json"]);
    const stores = JSON.parse(plan.stdout).stores as { actions: { name: string }[]; findings: unknown[] }[];
    expect(stores.flatMap((store) => store.actions.map((action) => action.name)).every((name) => !name.startsWith("STAGING_"))).toBe(true);
    expect(stores.flatMap((store) => store.findings)).toEqual([]);
  });

  it("rotate --local replaces the value in every app that binds the secret, by name", async () => {
    const rotate = await cli(["rotate", "SESSION_SIGNING_KEY", "--env", "staging", "--local", "--values-from", "-", "--yes"], "SESSION_SIGNING_KEY=rotated-locally\n");
    expect(rotate.stderr).toBe("");
    expect(rotate.status).toBe(0);
    expect(rotate.stdout).toMatch(/Rotated SESSION_SIGNING_KEY in staging \(local\): 2 store\(s\) updated, 2 Worker\(s\) read it\./);
    expect(await readThroughDev("hooks", "staging", ["SESSION_KEY", "HOOK_KEY"])).toEqual({
      SESSION_KEY: sha256("rotated-locally"),
      HOOK_KEY: sha256("local-webhook_secret"),
    });
  });
});
