// Runs Wrangler's own type generation (`experimental_generateTypes`, the code behind `wrangler types`)
// for a list of jobs in one process: importing wrangler costs seconds, each job then tens of ms.
// Usage: node wrangler-types-child.ts <jobs.json> <results.json>. Wrangler's log goes to stdout/stderr.
import { readFile, writeFile } from "node:fs/promises";
import { experimental_generateTypes } from "wrangler";

export interface TypesJob {
  /** Absolute path of the Wrangler config. */
  readonly config: string;
  /** Absolute path the output is meant for: import paths in it are relative to this file. */
  readonly path: string;
  readonly env?: string;
  /** Runtime types instead of Env types. */
  readonly runtime?: boolean;
}

export interface TypesResult {
  readonly ok: boolean;
  /** Env types, or the runtime types for a runtime job. */
  readonly text: string;
  readonly error?: string;
}

const [jobsFile, resultsFile] = process.argv.slice(2);
const jobs = JSON.parse(await readFile(jobsFile!, "utf8")) as TypesJob[];
const results: TypesResult[] = [];
for (const job of jobs) {
  try {
    const generated = await experimental_generateTypes({
      config: job.config,
      path: job.path,
      ...(job.env === undefined ? {} : { env: job.env }),
      includeEnv: job.runtime !== true,
      includeRuntime: job.runtime === true,
    });
    results.push({ ok: true, text: (job.runtime === true ? generated.runtime : generated.env) ?? "" });
  } catch (error) {
    results.push({ ok: false, text: "", error: error instanceof Error ? error.message : String(error) });
  }
}
await writeFile(resultsFile!, JSON.stringify(results));
