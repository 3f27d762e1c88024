// Wrangler's own type generation as a test oracle: all jobs in one child process (see
// wrangler-types-child.ts), without a Cloudflare login so that pipelines get Wrangler's generic type.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TypesJob, TypesResult } from "./wrangler-types-child.ts";

export type { TypesJob, TypesResult } from "./wrangler-types-child.ts";

const CHILD = fileURLToPath(new URL("./wrangler-types-child.ts", import.meta.url));

export async function runWranglerTypes(jobs: readonly TypesJob[]): Promise<TypesResult[]> {
  const dir = await mkdtemp(join(tmpdir(), "codegen-wrangler-types-"));
  try {
    const jobsFile = join(dir, "jobs.json");
    const resultsFile = join(dir, "results.json");
    await writeFile(jobsFile, JSON.stringify(jobs));
    const env: NodeJS.ProcessEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", CI: "true", NO_COLOR: "1" };
    delete env["CLOUDFLARE_API_TOKEN"];
    delete env["CLOUDFLARE_API_KEY"];
    const log = await new Promise<{ code: number | null; output: string }>((resolvePromise, reject) => {
      // A stuck Wrangler must not outlive the test run.
      const child = spawn(process.execPath, [CHILD, jobsFile, resultsFile], { env, stdio: ["ignore", "pipe", "pipe"], timeout: 200_000, killSignal: "SIGKILL" });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolvePromise({ code, output }));
    });
    if (log.code !== 0) throw new Error(`wrangler types child failed (${log.code}):\n${log.output}`);
    return JSON.parse(await readFile(resultsFile, "utf8")) as TypesResult[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
