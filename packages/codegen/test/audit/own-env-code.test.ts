// The audit on Workers that declare their own Env instead of importing the generated one
// (test/fixtures/audit-own-env, written for this test): every binding they read must count, and a
// binding they never read must still be reported. The two apps take the shapes public Worker code
// takes: build-alerts has its own `interface Env` in types.ts and a queue handler that hands `env`
// to a helper in another file; paywall reads `c.env.*` through Hono's `Bindings: Env` (its Env
// extends an unresolved CloudflareBindings, and hono is not installed, as in a checkout whose
// node_modules differ) and `env: Env` in a plain function.
import { afterEach, expect, it } from "vitest";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CODEGEN_DIR, makeSandbox, removeSandbox, runCli } from "../helpers/sandbox.ts";

const FIXTURE = join(CODEGEN_DIR, "test/fixtures/audit-own-env");

let dir: string | undefined;
afterEach(() => dir && removeSandbox(dir));

interface Finding {
  kind: string;
  worker: string;
  binding?: string;
}

function sandboxWithApps(edit?: (manifest: string) => string): string {
  const root = makeSandbox("audit-own-env");
  cpSync(FIXTURE, root, { recursive: true });
  const manifest = join(root, "secrets.manifest.ts");
  if (edit) writeFileSync(manifest, edit(readFileSync(manifest, "utf8")));
  const generated = runCli(["generate"], { cwd: root });
  expect(generated.status, generated.stderr).toBe(0);
  return root;
}

function audit(root: string): { status: number; findings: Finding[]; stderr: string } {
  const result = runCli(["audit", "--json"], { cwd: root });
  const { findings } = JSON.parse(result.stdout) as { findings: Finding[] };
  return { status: result.status, findings: findings.map(({ kind, worker, binding }) => ({ kind, worker, binding })), stderr: result.stderr };
}

it("finds every binding read by Workers that use their own Env, Hono's c.env and helpers in other files", () => {
  dir = sandboxWithApps();
  const result = audit(dir);
  expect(result.findings).toEqual([]);
  expect(result.status).toBe(0);
  // build-alerts: SLACK_WEBHOOK_URL, CLOUDFLARE_API_TOKEN; paywall: JWT_SECRET, PAY_TO, NETWORK, FACILITATOR_URL.
  expect(result.stderr).toMatch(/2 workers audited, 6 binding reads found, 0 finding\(s\)/);
});

it("still reports a binding that the code never reads", () => {
  dir = sandboxWithApps((text) =>
    text
      .replace("secrets: {\n", 'secrets: {\n    SLACK_BOT_TOKEN: { description: "A Slack bot token nobody uses", scopes: ["workers"] },\n')
      .replace('CLOUDFLARE_API_TOKEN: "CLOUDFLARE_BUILDS_API_TOKEN" }', 'CLOUDFLARE_API_TOKEN: "CLOUDFLARE_BUILDS_API_TOKEN", SLACK_BOT_TOKEN: "SLACK_BOT_TOKEN" }')
      .replace('NETWORK: "base-sepolia",', 'NETWORK: "base-sepolia",\n        ORIGIN_REGION: "weur",'),
  );
  const result = audit(dir);
  expect(result.findings).toEqual([
    { kind: "unused-binding", worker: "build-alerts", binding: "SLACK_BOT_TOKEN" },
    { kind: "unused-binding", worker: "paywall", binding: "ORIGIN_REGION" },
  ]);
  expect(result.status).toBe(1);
});
