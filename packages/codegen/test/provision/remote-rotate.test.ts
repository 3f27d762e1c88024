import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeSandbox, removeSandbox } from "../helpers/sandbox.ts";
import { SECRET_NAMES, runCliAsync, standInEnv, writeManifest } from "./helpers.ts";
import { startStandIn, type StandIn } from "./stand-in/server.ts";
import { storeComment } from "../../src/provision/store-comment.ts";

let dir: string;
let standIn: StandIn;

beforeEach(async () => {
  dir = makeSandbox("rotate");
  writeManifest(dir);
  standIn = await startStandIn();
  const old = new Date(Date.now() - 45 * 86_400_000).toISOString();
  for (const name of SECRET_NAMES) standIn.state.addSecret({ name, value: "old", scopes: name === "ANTHROPIC_API_KEY" ? ["workers", "ai_gateway"] : ["workers"], comment: "", active: true, modified: old });
  for (const secret of standIn.state.liveSecrets()) {
    const description = { OPENAI_API_KEY: "OpenAI key for the chat worker", ANTHROPIC_API_KEY: "Anthropic key for the chat worker", SESSION_SIGNING_KEY: "HMAC key for sessions", CLOUDFLARE_API_KEY: "Cloudflare token for AI Gateway" }[secret.name];
    secret.comment = storeComment(description, "production");
  }
});
afterEach(async () => {
  await standIn.close();
  removeSandbox(dir);
});

const cli = (args: string[], input?: string, env: NodeJS.ProcessEnv = {}) => runCliAsync(args, { cwd: dir, env: standInEnv(standIn, env), ...(input !== undefined && { input }) });

describe("rotation policy and rotate", () => {
  it("reports a secret older than rotateEveryDays as overdue, and rotate clears it and names the Workers that read it", async () => {
    const plan = await cli(["plan", "--env", "production", "--detailed-exitcode"]);
    expect(plan.status).toBe(2);
    expect(plan.stdout).toMatch(/! overdue SESSION_SIGNING_KEY: last changed \d{4}-\d{2}-\d{2} \(45 days ago\), policy every 30 days; run `secrets-manifest rotate SESSION_SIGNING_KEY --env production`/);
    expect(plan.stdout).not.toContain("overdue CLOUDFLARE_API_KEY"); // 45 of 90 days
    expect(plan.stdout).toMatch(/0 to create, 0 to update, 0 to delete, 0 pending, 1 overdue/);

    const id = standIn.state.byName("SESSION_SIGNING_KEY")!.id;
    const rotate = await cli(["rotate", "SESSION_SIGNING_KEY", "--env", "production", "--values-from", "-", "--yes"], "SESSION_SIGNING_KEY=new-session-key\n");
    expect(rotate.stderr).toBe("");
    expect(rotate.status).toBe(0);
    const rotated = standIn.state.byName("SESSION_SIGNING_KEY")!;
    expect(rotated.id).toBe(id);
    expect(rotated.value === "new-session-key").toBe(true);
    expect(rotate.stdout).toContain("chat-api (app chat, binding SESSION_SIGNING_KEY)");
    expect(rotate.stdout).toContain("hooks (app hooks, binding SESSION_KEY)");
    expect(rotate.stdout).toMatch(/Rotated SESSION_SIGNING_KEY in production \(remote\): 1 store\(s\) updated, 2 Worker\(s\) read it\./);
    expect((await cli(["plan", "--env", "production", "--detailed-exitcode"])).status).toBe(0);
  });

  it("accepts the store name of a prefixed environment and says what to do when the secret is not there yet", async () => {
    const missing = await cli(["rotate", "STAGING_OPENAI_API_KEY", "--env", "staging", "--yes"], "");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("STAGING_OPENAI_API_KEY is not in store a1b2c3d4e5f60718293a4b5c6d7e8f90 of account 0123456789abcdef0123456789abcdef");
    expect(missing.stderr).toContain("fix: create it first with `secrets-manifest apply --env staging`");

    const typo = await cli(["rotate", "OPENAI_API_KY", "--env", "production", "--yes"]);
    expect(typo.stderr).toContain("did you mean OPENAI_API_KEY?");
  });
});

describe("credentials", () => {
  it("uses only CLOUDFLARE_API_TOKEN: a CLOUDFLARE_API_KEY in the environment is never sent", async () => {
    const sentinel = "legacy-global-key-must-not-be-sent-7f3a";
    const plan = await cli(["plan", "--env", "production"], undefined, { CLOUDFLARE_API_KEY: sentinel, CLOUDFLARE_EMAIL: "dev@example.com" });
    expect(plan.status).toBe(0);
    expect(standIn.requests.length).toBeGreaterThan(0);
    for (const request of standIn.requests) {
      expect(request.headers["x-auth-key"]).toBeUndefined();
      expect(request.headers["x-auth-email"]).toBeUndefined();
      expect(JSON.stringify(request.headers)).not.toContain(sentinel);
    }
  });

  it("explains a missing or refused token", async () => {
    const missing = await cli(["plan", "--env", "production"], undefined, { CLOUDFLARE_API_TOKEN: "" });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("CLOUDFLARE_API_TOKEN is not set");
    const refused = await cli(["plan", "--env", "production"], undefined, { CLOUDFLARE_API_TOKEN: "wrong" });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("(HTTP 401): Authentication error [code 10000]");
    expect(refused.stderr).toContain("fix: check CLOUDFLARE_API_TOKEN");
  });

  it("explains a store id that is not the account's", async () => {
    writeFileSync(join(dir, "secrets.manifest.ts"), (await import("./helpers.ts")).SMALL_MANIFEST.replaceAll("a1b2c3d4e5f60718293a4b5c6d7e8f90", "ffffffffffffffffffffffffffffffff"));
    const plan = await cli(["plan", "--env", "production"]);
    expect(plan.status).toBe(1);
    expect(plan.stderr).toContain("(HTTP 404): store_not_found");
    expect(plan.stderr).toContain("check accountId and storeId of this environment");
  });
});
