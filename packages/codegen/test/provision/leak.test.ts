// A sentinel value sent through every input path (file, standard input, hidden prompt on a real
// pseudo-terminal) must reach the store and nothing else: not wrangler's arguments (recorded by a
// shim), not stdout or stderr, not a file outside wrangler's state folder.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, REPO_ROOT, makeSandbox, removeSandbox } from "../helpers/sandbox.ts";
import { ACCOUNT_ID, STORE_ID, runCliAsync, standInEnv, type CliResult } from "./helpers.ts";
import { WRANGLER_BIN } from "./local-helpers.ts";
import { startStandIn, type StandIn } from "./stand-in/server.ts";

const SENTINEL = `SENTINEL${randomBytes(8).toString("hex")}`;
const MANIFEST = `import { defineManifest } from "@secrets-manifest/codegen";
const env = { accountId: "${ACCOUNT_ID}", storeId: "${STORE_ID}" } as const;
export default defineManifest({
  environments: { viafile: env, viastdin: { ...env, secretPrefix: "STDIN_" }, viaprompt: { ...env, secretPrefix: "PROMPT_" } },
  defaultEnvironment: "viafile",
  secrets: { ALPHA_KEY: {}, BETA_KEY: {} },
  workers: { probe: { main: "src/index.ts", compatibilityDate: "2026-08-01", secrets: ["ALPHA_KEY", "BETA_KEY"] } },
});
`;

let dir: string;
let argvLog: string;
let shim: string;
let standIn: StandIn;
const outputs: CliResult[] = [];

beforeAll(async () => {
  dir = makeSandbox("leak");
  writeFileSync(join(dir, "secrets.manifest.ts"), MANIFEST);
  argvLog = join(dir, "wrangler-argv.log");
  shim = join(dir, "wrangler-shim.sh");
  // Records every argument wrangler gets, one per line, then runs the real wrangler with the same stdin.
  writeFileSync(shim, `#!/usr/bin/env bash\nprintf '%s\\n' "$@" >> '${argvLog}'\nexec '${process.execPath}' '${WRANGLER_BIN}' "$@"\n`);
  chmodSync(shim, 0o755);
  standIn = await startStandIn({ activationDelayMs: 50 });
});
afterAll(async () => {
  await standIn.close();
  removeSandbox(dir);
});

const env = () => standInEnv(standIn, { WRANGLER: shim, WRANGLER_LOG_PATH: join(dir, "wrangler-logs") });
const value = (path: string, name: string) => `${SENTINEL}-${path}-${name}`;
const dotenv = (path: string) => `ALPHA_KEY=${value(path, "alpha")}\nBETA_KEY="${value(path, "beta")}"\n`;
const run = async (args: string[], input?: string) => {
  const result = await runCliAsync(args, { cwd: dir, env: env(), ...(input !== undefined && { input }) });
  outputs.push(result);
  return result;
};

/** Runs the CLI on a pseudo-terminal (util-linux `script`) and types each answer when its prompt appears. */
function runOnTerminal(args: string[], answers: { when: RegExp; type: string }[]): Promise<CliResult> {
  const command = [process.execPath, BIN, ...args].map((arg) => `'${arg}'`).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: dir, env: { ...process.env, ...env(), NO_COLOR: "1" }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let next = 0;
    let seen = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const answer = answers[next];
      if (answer && answer.when.test(stdout.slice(seen))) {
        seen = stdout.length;
        next += 1;
        child.stdin.write(`${answer.type}\r`);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      const result = { status: code ?? -1, stdout, stderr };
      outputs.push(result);
      resolve(result);
    });
  });
}

describe("no secret value leaks", () => {
  it("local: file, stdin and a hidden prompt on a terminal, then rotate", async () => {
    writeFileSync(join(dir, "values.env"), dotenv("local-file"));
    expect((await run(["apply", "--env", "viafile", "--local", "--values-from", "values.env", "--yes"])).status).toBe(0);
    expect((await run(["apply", "--env", "viastdin", "--local", "--values-from", "-", "--yes"], dotenv("local-stdin"))).status).toBe(0);
    const prompted = await runOnTerminal(["apply", "--env", "viaprompt", "--local"], [
      { when: /value for ALPHA_KEY \(input hidden\): /, type: value("local-prompt", "alpha") },
      { when: /value for BETA_KEY \(input hidden\): /, type: value("local-prompt", "beta") },
      { when: /\[y\/N\] /, type: "y" },
    ]);
    expect(prompted.stdout).toMatch(/Applied to viaprompt \(local\)/);
    expect(prompted.status).toBe(0);
    expect((await run(["rotate", "ALPHA_KEY", "--env", "viafile", "--local", "--values-from", "-", "--yes"], `ALPHA_KEY=${value("local-rotate", "alpha")}\n`)).status).toBe(0);

    const argv = readFileSync(argvLog, "utf8");
    expect(argv).toContain("secrets-store"); // the shim was used
    expect(argv).toContain("PROMPT_BETA_KEY");
    expect(argv).not.toContain(SENTINEL);
    // The values did reach wrangler's state: this is also the positive control for the file scan below.
    const state = join(dir, "apps/probe/.wrangler/state");
    const inState = spawnSync("grep", ["-rlF", SENTINEL, state], { encoding: "utf8" }).stdout;
    expect(inState).not.toBe("");
  });

  it("remote: file, stdin and a hidden prompt on a terminal, then rotate", async () => {
    writeFileSync(join(dir, "values.env"), dotenv("remote-file"));
    expect((await run(["apply", "--env", "viafile", "--values-from", "values.env", "--yes"])).status).toBe(0);
    expect((await run(["apply", "--env", "viastdin", "--values-from", "-", "--yes"], dotenv("remote-stdin"))).status).toBe(0);
    const prompted = await runOnTerminal(["apply", "--env", "viaprompt"], [
      { when: /value for ALPHA_KEY \(input hidden\): /, type: value("remote-prompt", "alpha") },
      { when: /value for BETA_KEY \(input hidden\): /, type: value("remote-prompt", "beta") },
      { when: /\[y\/N\] /, type: "y" },
    ]);
    expect(prompted.status).toBe(0);
    expect((await run(["rotate", "BETA_KEY", "--env", "viastdin", "--values-from", "-", "--yes"], `BETA_KEY=${value("remote-rotate", "beta")}\n`)).status).toBe(0);
    // The values arrived.
    expect(standIn.state.byName("PROMPT_ALPHA_KEY")!.value === value("remote-prompt", "alpha")).toBe(true);
    expect(standIn.state.byName("STDIN_BETA_KEY")!.value === value("remote-rotate", "beta")).toBe(true);
    expect(standIn.state.byName("BETA_KEY")!.value === value("remote-file", "beta")).toBe(true);
  });

  it("left no trace in output, the repository, temp folders or wrangler's logs", () => {
    expect(outputs.length).toBeGreaterThanOrEqual(8);
    for (const output of outputs) {
      expect(output.stdout).not.toContain(SENTINEL);
      expect(output.stderr).not.toContain(SENTINEL);
    }
    rmValuesFiles();
    const state = join(dir, "apps/probe/.wrangler/state");
    const hits = [REPO_ROOT, tmpdir(), join(homedir(), ".config/.wrangler"), join(dir, "wrangler-logs")].flatMap((root) =>
      spawnSync("grep", ["-rlF", "--exclude-dir=node_modules", "--exclude-dir=.git", SENTINEL, root], { encoding: "utf8" })
        .stdout.split("\n")
        .filter((line) => line !== "" && !line.startsWith(`${state}/`)),
    );
    expect(hits).toEqual([]);
  });
});

/** The values file is the user's own input; it is the one expected copy outside the state folder. */
function rmValuesFiles(): void {
  writeFileSync(join(dir, "values.env"), "");
  mkdirSync(join(dir, "wrangler-logs"), { recursive: true });
}
