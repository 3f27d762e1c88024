// Prune deletes only what this manifest created for the environment: the ownership mark travels in
// the store comment through the official SDK and the stand-in API, and comes back in the listing.
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeSandbox, removeSandbox } from "../helpers/sandbox.ts";
import { runCliAsync, standInEnv, valuesFor, writeManifest } from "./helpers.ts";
import { startStandIn, type StandIn } from "./stand-in/server.ts";

let dir: string;
let manifest: string;
let standIn: StandIn;

beforeEach(async () => {
  dir = makeSandbox("prune");
  manifest = writeManifest(dir);
  standIn = await startStandIn({ activationDelayMs: 0 });
});
afterEach(async () => {
  await standIn.close();
  removeSandbox(dir);
});

const cli = (args: string[], input?: string) => runCliAsync(args, { cwd: dir, env: standInEnv(standIn), ...(input !== undefined && { input }) });

describe("prune and ownership", () => {
  it("with an empty prefix, plan --prune proposes no secret the manifest did not create", async () => {
    standIn.state.addSecret({ name: "THEIR_GATEWAY_KEY", value: "x", scopes: ["ai_gateway"], comment: "", active: true });
    standIn.state.addSecret({ name: "CATALOG_DATABASE_URL_PROD", value: "x", scopes: ["workers"], comment: "", active: true });
    const plan = await cli(["plan", "--env", "production", "--prune", "--json"]);
    expect(plan.status, plan.stderr).toBe(0);
    const deletes = JSON.parse(plan.stdout).stores[0].actions.filter((a: { action: string }) => a.action === "delete");
    expect(deletes).toEqual([]);
  });

  it("deletes a secret this manifest created and no longer declares, never another team's or another environment's", async () => {
    // Another team's secret (AI Gateway only), and secrets another environment created without a prefix.
    standIn.state.addSecret({ name: "THEIR_GATEWAY_KEY", value: "x", scopes: ["ai_gateway"], comment: "team B", active: true });
    standIn.state.addSecret({ name: "CATALOG_DATABASE_URL_PROD", value: "x", scopes: ["workers"], comment: "catalog [secrets-manifest env=development]", active: true });
    const created = await cli(["apply", "--env", "production", "--values-from", "-", "--yes"], valuesFor("v"));
    expect(created.status, created.stderr).toBe(0);
    expect(standIn.state.byName("WEBHOOK_SECRET")!.comment).toBe("[secrets-manifest env=production]");
    expect(standIn.state.byName("OPENAI_API_KEY")!.comment).toBe("OpenAI key for the chat worker [secrets-manifest env=production]");

    // The manifest drops WEBHOOK_SECRET (and the binding to it).
    const text = readFileSync(manifest, "utf8").replace("    WEBHOOK_SECRET: {},\n", "").replace('HOOK_KEY: "WEBHOOK_SECRET", ', "");
    writeManifest(dir, text);

    const plan = await cli(["plan", "--env", "production", "--prune", "--json"]);
    expect(plan.status, plan.stderr).toBe(0);
    const [store] = JSON.parse(plan.stdout).stores;
    expect(store.actions).toEqual([{ action: "delete", name: "WEBHOOK_SECRET", id: standIn.state.byName("WEBHOOK_SECRET")!.id, reason: "created by secrets-manifest for production (its comment carries the mark), no longer declared" }]);
    const unmanaged = store.findings.filter((f: { kind: string }) => f.kind === "unmanaged");
    expect(unmanaged).toEqual([
      expect.objectContaining({ name: "THEIR_GATEWAY_KEY", prunable: false, reason: "not created by secrets-manifest for production: its comment carries no ownership mark" }),
    ]);

    const human = await cli(["plan", "--env", "production", "--prune"]);
    expect(human.stdout).toContain("- delete WEBHOOK_SECRET (created by secrets-manifest for production (its comment carries the mark), no longer declared; --prune)");
    expect(human.stdout).toContain("? unmanaged THEIR_GATEWAY_KEY: in the store but not in the manifest (not created by secrets-manifest for production: its comment carries no ownership mark; prune leaves it");

    const pruned = await cli(["apply", "--env", "production", "--prune", "--yes"]);
    expect(pruned.status, pruned.stderr).toBe(0);
    expect(standIn.state.byName("WEBHOOK_SECRET")).toBeUndefined();
    expect(standIn.state.byName("THEIR_GATEWAY_KEY")).toBeDefined();
    expect(standIn.state.byName("CATALOG_DATABASE_URL_PROD")).toBeDefined();
    expect(standIn.state.byName("OPENAI_API_KEY")).toBeDefined();
  });
});
