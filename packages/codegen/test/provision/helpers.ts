// Shared by the provisioning tests: an async CLI runner (the stand-in answers from this same
// process, so a blocking spawnSync would deadlock), and a small manifest that uses the stand-in's ids.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN } from "../helpers/sandbox.ts";
import type { StandIn } from "./stand-in/server.ts";
import { STAND_IN_TOKEN } from "./stand-in/server.ts";

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCliAsync(args: readonly string[], options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** Environment for a CLI process that talks to the stand-in (SDK and wrangler alike). */
export function standInEnv(standIn: StandIn, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    CLOUDFLARE_API_TOKEN: STAND_IN_TOKEN,
    CLOUDFLARE_BASE_URL: standIn.baseURL,
    CLOUDFLARE_API_BASE_URL: standIn.baseURL,
    CLOUDFLARE_ACCOUNT_ID: standIn.state.accountId,
    WRANGLER_SEND_METRICS: "false",
    ...extra,
  };
}

export const ACCOUNT_ID = "0123456789abcdef0123456789abcdef";
export const STORE_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

/** Two environments sharing one store (staging by prefix), five secrets, two workers. */
export const SMALL_MANIFEST = `import { defineManifest } from "@secrets-manifest/codegen";

const base = { main: "src/index.ts", compatibilityDate: "2026-08-01" } as const;

export default defineManifest({
  environments: {
    production: { accountId: "${ACCOUNT_ID}", storeId: "${STORE_ID}" },
    staging: { accountId: "${ACCOUNT_ID}", storeId: "${STORE_ID}", secretPrefix: "STAGING_" },
  },
  defaultEnvironment: "production",
  secrets: {
    OPENAI_API_KEY: { description: "OpenAI key for the chat worker" },
    ANTHROPIC_API_KEY: { description: "Anthropic key for the chat worker", scopes: ["workers", "ai_gateway"] },
    SESSION_SIGNING_KEY: { description: "HMAC key for sessions", rotateEveryDays: 30 },
    WEBHOOK_SECRET: {},
    CLOUDFLARE_API_KEY: { description: "Cloudflare token for AI Gateway", rotateEveryDays: 90 },
  },
  workers: {
    chat: { ...base, name: "chat-api", secrets: ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SESSION_SIGNING_KEY", "CLOUDFLARE_API_KEY"] },
    hooks: { ...base, secrets: { HOOK_KEY: "WEBHOOK_SECRET", SESSION_KEY: "SESSION_SIGNING_KEY" } },
  },
});
`;

export const SECRET_NAMES = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SESSION_SIGNING_KEY", "WEBHOOK_SECRET", "CLOUDFLARE_API_KEY"] as const;

export function writeManifest(dir: string, text = SMALL_MANIFEST): string {
  const file = join(dir, "secrets.manifest.ts");
  writeFileSync(file, text);
  return file;
}

/** A values file with one distinct value per secret, each containing `marker`. */
export function valuesFor(marker: string, names: readonly string[] = SECRET_NAMES): string {
  return names.map((name) => `${name}=${marker}-${name.toLowerCase()}`).join("\n") + "\n";
}
