// The least-privilege audit, on the real apps and on a sandbox copy with one problem of each kind.
import { afterEach, expect, it } from "vitest";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyBundledManifest, makeSandbox, removeSandbox, REPO_ROOT, runCli } from "../helpers/sandbox.ts";

let dir: string | undefined;
afterEach(() => dir && removeSandbox(dir));

interface Finding {
  kind: string;
  worker: string;
  binding?: string;
  message: string;
}

function sandboxWithApps(): string {
  const root = makeSandbox("audit");
  const manifest = copyBundledManifest(root);
  for (const app of ["openai", "anthropic"]) {
    cpSync(join(REPO_ROOT, "apps", app, "src"), join(root, "apps", app, "src"), { recursive: true });
  }
  // Only the two copied apps: the others have no source in the sandbox.
  const text = readFileSync(manifest, "utf8").replace(/    (deepseek|perplexity|"google-ai-studio"|huggingface|elevenlabs): .*\n/g, "");
  writeFileSync(manifest, text);
  expect(runCli(["generate"], { cwd: root }).status).toBe(0);
  return root;
}

it("finds nothing to report in the bundled apps", () => {
  const result = runCli(["audit", "--json"], { cwd: REPO_ROOT });
  expect(result.status, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({ findings: [] });
  expect(result.stderr).toMatch(/7 workers audited, 42 binding reads found, 0 finding\(s\)/);
});

it("reports a binding a Worker is given but never reads, and an env read that is not bound", () => {
  dir = sandboxWithApps();
  const manifest = join(dir, "secrets.manifest.ts");
  // Over-privilege: the openai Worker is also given the Anthropic key.
  writeFileSync(manifest, readFileSync(manifest, "utf8").replace('secrets: ["OPENAI_API_KEY", ...gateway]', 'secrets: ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", ...gateway]'));
  expect(runCli(["generate"], { cwd: dir }).status).toBe(0);
  // An unbound read, hidden from the type checker by a cast.
  writeFileSync(
    join(dir, "apps/anthropic/src/debug.ts"),
    'import type { Env } from "./env.generated.ts";\nexport const region = (env: Env) => (env as unknown as Record<string, string>)["DEBUG_REGION"];\n',
  );
  const result = runCli(["audit", "--json"], { cwd: dir });
  expect(result.status).toBe(1);
  const { findings } = JSON.parse(result.stdout) as { findings: Finding[] };
  expect(findings.map(({ kind, worker, binding }) => ({ kind, worker, binding }))).toEqual([
    { kind: "unused-binding", worker: "openai", binding: "ANTHROPIC_API_KEY" },
    { kind: "unbound-access", worker: "anthropic", binding: "DEBUG_REGION" },
  ]);
  expect(findings[1]!.message).toMatch(/apps\/anthropic\/src\/debug.ts:2:\d+ reads env.DEBUG_REGION/);
  expect(result.stderr).toMatch(/fix: remove "ANTHROPIC_API_KEY" from workers.openai.secrets/);
});

it("counts direct reads and destructuring, not only the runtime's", () => {
  dir = sandboxWithApps();
  writeFileSync(
    join(dir, "apps/openai/src/index.ts"),
    [
      'import type { Env } from "./env.generated.ts";',
      "export default {",
      "  async fetch(_request: Request, env: Env) {",
      "    const { OPENAI_API_KEY, AI_GATEWAY_ID } = env;",
      '    const token = await env["CLOUDFLARE_API_KEY"].get();',
      "    return new Response(String(Boolean(OPENAI_API_KEY && AI_GATEWAY_ID && token && env.PROXY_CLIENT_TOKENS)));",
      "  },",
      "};",
      "",
    ].join("\n"),
  );
  const result = runCli(["audit", "--json"], { cwd: dir });
  const { findings } = JSON.parse(result.stdout) as { findings: Finding[] };
  // AI_GATEWAY_ACCOUNT_ID and the var AI_GATEWAY_BASE_URL are no longer read by this hand-written app.
  expect(findings.filter((f) => f.worker === "openai").map((f) => f.binding).sort()).toEqual(["AI_GATEWAY_ACCOUNT_ID", "AI_GATEWAY_BASE_URL"]);
});
