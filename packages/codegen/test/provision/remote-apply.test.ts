import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeSandbox, removeSandbox } from "../helpers/sandbox.ts";
import { SECRET_NAMES, runCliAsync, standInEnv, valuesFor, writeManifest } from "./helpers.ts";
import { startStandIn, type StandIn } from "./stand-in/server.ts";

let dir: string;
let standIn: StandIn;

beforeEach(async () => {
  dir = makeSandbox("remote");
  writeManifest(dir);
  standIn = await startStandIn({ maxPerPage: 2 });
});
afterEach(async () => {
  await standIn.close();
  removeSandbox(dir);
});

const cli = (args: string[], input?: string, env: NodeJS.ProcessEnv = {}) => runCliAsync(args, { cwd: dir, env: standInEnv(standIn, env), ...(input !== undefined && { input }) });
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

describe("plan and apply against the Secrets Store API (stand-in)", () => {
  it("plans every missing secret, applies them, and a second apply changes nothing", async () => {
    const plan = await cli(["plan", "--env", "staging", "--detailed-exitcode"]);
    expect(plan.stderr).toBe("");
    expect(plan.status).toBe(2);
    for (const name of SECRET_NAMES) expect(plan.stdout).toContain(`+ create STAGING_${name}`);
    expect(plan.stdout).toContain("quota: 0 of 100 secrets used, 5 after apply");
    expect(plan.stdout).toMatch(/Plan for staging \(remote\): 5 to create, 0 to update, 0 to delete/);

    writeFileSync(join(dir, ".env.staging"), valuesFor("v1"));
    const apply = await cli(["apply", "--env", "staging", "--values-from", ".env.staging", "--yes"]);
    expect(apply.stderr).toBe("");
    expect(apply.status).toBe(0);
    expect(apply.stdout).toMatch(/Applied to staging \(remote\): 5 created, 0 updated, 0 deleted, 0 unchanged\./);
    for (const name of SECRET_NAMES) {
      const stored = standIn.state.byName(`STAGING_${name}`)!;
      expect(stored.value === `v1-${name.toLowerCase()}`).toBe(true);
      expect(standIn.state.statusOf(stored)).toBe("active"); // apply waited for it
    }
    expect(standIn.state.byName("STAGING_ANTHROPIC_API_KEY")!.scopes).toEqual(["workers", "ai_gateway"]);
    expect(standIn.state.byName("STAGING_OPENAI_API_KEY")!.comment).toBe("OpenAI key for the chat worker [secrets-manifest env=staging]");
    // One secret per create request.
    expect(standIn.requests.filter((r) => r.method === "POST" && r.path.endsWith("/secrets"))).toHaveLength(5);

    const before = [...standIn.state.secrets.values()].map((s) => [s.id, s.modified, sha(s.value)]);
    const again = await cli(["apply", "--env", "staging", "--yes"]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/staging \(remote\) already matches the manifest: nothing to do \(5 unchanged\)/);
    expect([...standIn.state.secrets.values()].map((s) => [s.id, s.modified, sha(s.value)])).toEqual(before);

    const after = await cli(["plan", "--env", "staging", "--detailed-exitcode", "--json"]);
    expect(after.status).toBe(0);
    const json = JSON.parse(after.stdout);
    expect(json.summary).toMatchObject({ creates: 0, updates: 0, deletes: 0, pending: 0, overdue: 0, unchanged: 5, changes: 0 });
    // maxPerPage 2: the SDK followed the pages.
    expect(standIn.requests.some((r) => r.method === "GET" && r.query.includes("page=3"))).toBe(true);
    expect(standIn.unhandled).toEqual([]);
  });

  it("fixes scopes and comments without asking for values, and prunes only with --prune and only its own names", async () => {
    for (const name of SECRET_NAMES) standIn.state.addSecret({ name, value: "x", scopes: ["workers"], comment: "", active: true });
    // Created by this manifest for production once, since dropped from it: the mark says so.
    standIn.state.addSecret({ name: "LEGACY_TOKEN", value: "x", scopes: ["workers"], comment: "[secrets-manifest env=production]", active: true });
    standIn.state.addSecret({ name: "STAGING_LEGACY_TOKEN", value: "x", scopes: ["workers"], comment: "", active: true });

    const plan = await cli(["plan", "--env", "production"]);
    expect(plan.stdout).toContain('~ update ANTHROPIC_API_KEY: scopes workers → workers,ai_gateway; comment "" → "Anthropic key for the chat worker [secrets-manifest env=production]"');
    expect(plan.stdout).toContain("? unmanaged LEGACY_TOKEN");
    expect(plan.stdout).not.toContain("STAGING_LEGACY_TOKEN");

    const apply = await cli(["apply", "--env", "production", "--yes"]);
    expect(apply.stderr).toBe("");
    expect(apply.stdout).toMatch(/5 updated, 0 deleted/);
    expect(standIn.state.byName("ANTHROPIC_API_KEY")!.scopes).toEqual(["workers", "ai_gateway"]);
    expect(standIn.state.byName("LEGACY_TOKEN")).toBeDefined();

    const prune = await cli(["apply", "--env", "production", "--yes", "--prune"]);
    expect(prune.stdout).toMatch(/0 created, 0 updated, 1 deleted/);
    expect(standIn.state.byName("LEGACY_TOKEN")).toBeUndefined();
    expect(standIn.state.byName("STAGING_LEGACY_TOKEN")).toBeDefined();
    expect((await cli(["plan", "--env", "production", "--detailed-exitcode"])).status).toBe(0);
  });

  it("recovers from a failure midway: re-planning shows exactly what is left and a second apply finishes", async () => {
    standIn.injectFailure({ method: "POST", path: /\/secrets$/, nth: 3, status: 500 });
    writeFileSync(join(dir, "values.env"), valuesFor("v2"));
    const first = await cli(["apply", "--env", "production", "--values-from", "values.env", "--yes"]);
    expect(first.status).toBe(1);
    expect(first.stderr).toContain("create SESSION_SIGNING_KEY in store a1b2c3d4e5f60718293a4b5c6d7e8f90 of account 0123456789abcdef0123456789abcdef failed after 2 of 5 change(s); 3 not done.");
    expect(first.stderr).toContain("HTTP 500");
    expect(first.stderr).toContain("secrets-manifest plan --env production");
    expect(first.stdout).toMatch(/Apply to production \(remote\) stopped: 2 done, 3 left\./);
    expect(standIn.state.liveSecrets().map((s) => s.name).sort()).toEqual(["ANTHROPIC_API_KEY", "OPENAI_API_KEY"]);

    const plan = await cli(["plan", "--env", "production", "--json"]);
    const creates = JSON.parse(plan.stdout).stores[0].actions.map((a: { action: string; name: string }) => `${a.action} ${a.name}`);
    expect(creates).toEqual(["create SESSION_SIGNING_KEY", "create WEBHOOK_SECRET", "create CLOUDFLARE_API_KEY"]);

    const second = await cli(["apply", "--env", "production", "--values-from", "values.env", "--yes"]);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/3 created, 0 updated, 0 deleted, 2 unchanged/);
    expect((await cli(["plan", "--env", "production", "--detailed-exitcode"])).status).toBe(0);
  });

  it("refuses to exceed the account's quota before changing anything", async () => {
    await standIn.close();
    standIn = await startStandIn({ quota: 3 });
    const plan = await cli(["plan", "--env", "production"]);
    expect(plan.status).toBe(1);
    expect(plan.stdout).toContain("Creating 5 secret(s) would bring the account to 5 of its 3 secrets.");
    const apply = await cli(["apply", "--env", "production", "--yes"], valuesFor("v"));
    expect(apply.status).toBe(1);
    expect(apply.stderr).toContain("Nothing was changed.");
    expect(standIn.state.liveSecrets()).toEqual([]);
  });

  it("says when new secrets are still pending after the wait, and plan counts them as pending", async () => {
    await standIn.close();
    standIn = await startStandIn({ activationDelayMs: 60_000 });
    const apply = await cli(["apply", "--env", "production", "--values-from", "-", "--yes", "--wait-timeout", "1"], valuesFor("v3"));
    expect(apply.status).toBe(1);
    expect(apply.stderr).toContain("5 new secret(s) still pending after 1 s: OPENAI_API_KEY, ANTHROPIC_API_KEY, SESSION_SIGNING_KEY, WEBHOOK_SECRET, CLOUDFLARE_API_KEY.");
    const plan = await cli(["plan", "--env", "production", "--detailed-exitcode"]);
    expect(plan.status).toBe(2);
    expect(plan.stdout).toContain("… pending OPENAI_API_KEY");
  });
});
