// The real wrangler as the oracle: every generated config must dry-run deploy cleanly in every
// environment, and `wrangler types` must derive the same bindings the generated Env declares.
import { spawn } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderAll } from "../../src/generate/render-all.ts";
import { environmentInterfaceName } from "../../src/generate/env-types.ts";
import { expectedAggregateShape, expectedEnvironmentShape, sortedEntries } from "./expect-model.ts";
import { BIN, FIXTURES, canonicalVar, loadFixture, makeTempDir, mapLimit, readInterfaces, writeFiles, type MemberShape } from "./support.ts";
import type { ResolvedManifest, ResolvedWorker, ResolvedWorkerEnvironment } from "../../src/manifest/model.ts";
import type { VarValue } from "../../src/manifest/define.ts";

const WRANGLER = BIN("wrangler");
const STUB_ENTRY = 'export default { fetch() { return new Response("ok") } }\n';

interface RunResult {
  readonly code: number | null;
  readonly output: string;
}

interface Job {
  readonly fixture: string;
  readonly worker: string;
  /** An environment name, "" for the top level, or "types". */
  readonly kind: string;
  readonly cwd: string;
  readonly args: readonly string[];
}

function run(cwd: string, args: readonly string[]): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(WRANGLER, args, {
      cwd,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", CI: "true", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    // eslint-disable-next-line no-control-regex
    child.on("close", (code) => resolvePromise({ code, output: output.replace(/\u001b\[[0-9;]*m/g, "") }));
  });
}

const roots = new Map<string, { root: string; manifest: ResolvedManifest }>();
const results = new Map<string, RunResult>();
const key = (job: Pick<Job, "fixture" | "worker" | "kind">): string => `${job.fixture}/${job.worker}/${job.kind}`;

beforeAll(async () => {
  const jobs: Job[] = [];
  for (const fixture of FIXTURES) {
    const manifest = await loadFixture(fixture);
    const root = await makeTempDir(`oracle-${fixture.name}`);
    roots.set(fixture.name, { root, manifest });
    await writeFiles(root, renderAll(manifest));
    for (const worker of manifest.workers) {
      const entry = join(root, worker.dir, worker.main);
      await mkdir(dirname(entry), { recursive: true });
      await writeFile(entry, STUB_ENTRY);
      const config = `${worker.dir}/${worker.configFile}`;
      const base = { fixture: fixture.name, worker: worker.id, cwd: root };
      const out = `.oracle/${worker.id}/worker-configuration.d.ts`;
      await mkdir(join(root, dirname(out)), { recursive: true });
      // The runtime half of the output is irrelevant here and triples the run time.
      jobs.push({ ...base, kind: "types", args: ["types", "-c", config, "--include-runtime=false", out] });
      for (const env of worker.environments) {
        // `--env=` names the top level explicitly; without it wrangler warns about multiple environments.
        const envArg = env.isDefault ? "--env=" : `--env=${env.environment}`;
        const outdir = `.oracle/${worker.id}/dist-${env.environment}`;
        jobs.push({ ...base, kind: env.isDefault ? "" : env.environment, args: ["deploy", "--dry-run", "--outdir", outdir, "-c", config, envArg] });
      }
    }
  }
  await mapLimit(jobs, 2, async (job) => results.set(key(job), await run(job.cwd, job.args)));
}, 180_000);

afterAll(async () => {
  for (const { root } of roots.values()) await rm(root, { recursive: true, force: true });
});

/** `env.NAME (value)   Resource` lines of the dry-run binding table. */
function readDryRunBindings(output: string): Map<string, DryRunBinding> {
  const bindings = new Map<string, DryRunBinding>();
  for (const line of output.split("\n")) {
    const match = /^env\.([A-Za-z0-9_$]+) \((.*)\)\s+(Secrets Store Secret|Environment Variable)\s*$/.exec(line);
    if (match) bindings.set(match[1]!, { value: match[2]!, resource: match[3]! });
  }
  return bindings;
}

/** How wrangler prints a var in the dry-run table (strings cut at 40 characters). */
function dryRunValue(value: VarValue): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const shown = text.length < 40 ? text : `${text.slice(0, 37)}...`;
  return typeof value === "string" ? `"${shown}"` : shown;
}

interface DryRunBinding {
  readonly value: string;
  readonly resource: string;
}

function expectedDryRun(env: ResolvedWorkerEnvironment): Map<string, DryRunBinding> {
  return new Map<string, DryRunBinding>([
    ...env.secrets.map((b): [string, DryRunBinding] => [b.binding, { value: `${b.storeId}/${b.storeSecretName}`, resource: "Secrets Store Secret" }]),
    ...env.vars.map((v): [string, DryRunBinding] => [v.name, { value: dryRunValue(v.value), resource: "Environment Variable" }]),
  ]);
}

function sortMap<V>(map: Map<string, V>): [string, V][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : 1));
}

describe.each(FIXTURES)("wrangler as oracle: $name", (fixture) => {
  const workers = (): readonly ResolvedWorker[] => roots.get(fixture.name)!.manifest.workers;

  test("deploy --dry-run succeeds in every environment, without warnings, with the model's bindings", () => {
    for (const worker of workers()) {
      for (const env of worker.environments) {
        const label = `${worker.id} ${env.isDefault ? "(top level)" : `--env ${env.environment}`}`;
        const result = results.get(key({ fixture: fixture.name, worker: worker.id, kind: env.isDefault ? "" : env.environment }))!;
        expect(result.code, `${label}\n${result.output}`).toBe(0);
        expect(result.output, label).not.toMatch(/WARNING|secrets_store_secrets/);
        expect(sortMap(readDryRunBindings(result.output)), label).toEqual(sortMap(expectedDryRun(env)));
      }
    }
  });

  test("wrangler types derives the bindings and literal types the generated Env declares", async () => {
    const { root } = roots.get(fixture.name)!;
    for (const worker of workers()) {
      const result = results.get(key({ fixture: fixture.name, worker: worker.id, kind: "types" }))!;
      expect(result.code, result.output).toBe(0);
      expect(result.output).not.toMatch(/WARNING/);
      const theirs = readInterfaces(await readFile(join(root, `.oracle/${worker.id}/worker-configuration.d.ts`), "utf8"));
      const ours = readInterfaces(await readFile(join(root, worker.dir, worker.envTypesFile), "utf8"));

      // wrangler 4.164 emits `Cloudflare.<Name>Env` for each [env.*] but none for the top level.
      for (const env of worker.environments.filter((candidate) => !candidate.isDefault)) {
        const name = environmentInterfaceName(env.environment);
        expect(sortedEntries(theirs.get(name)), `${worker.id} ${name} (wrangler)`).toEqual(sortedEntries(ours.get(name)));
      }
      expect(sortedEntries(theirs.get("Env")), `${worker.id} Env (wrangler)`).toEqual(sortedEntries(ours.get("Env")));

      // The top level has no wrangler interface: check ours against the model and the dry run.
      const top = worker.environments.find((env) => env.isDefault)!;
      const topName = environmentInterfaceName(top.environment);
      expect(sortedEntries(ours.get(topName))).toEqual(sortedEntries(expectedEnvironmentShape(top)));
      expect(sortedEntries(ours.get("Env"))).toEqual(sortedEntries(expectedAggregateShape(worker)));
      const dryRun = readDryRunBindings(results.get(key({ fixture: fixture.name, worker: worker.id, kind: "" }))!.output);
      const fromDryRun = new Map<string, MemberShape>(
        [...dryRun].map(([name, b]) => [
          name,
          { optional: false, types: [b.resource === "Secrets Store Secret" ? "SecretsStoreSecret" : canonicalDryRunVar(b.value)] },
        ]),
      );
      expect(sortedEntries(fromDryRun), `${worker.id} ${topName} (dry run)`).toEqual(sortedEntries(ours.get(topName)));
    }
  });
});

/** The fixtures keep string vars under 40 characters, so the dry-run text is the whole value. */
function canonicalDryRunVar(shown: string): string {
  if (shown.startsWith('"')) return canonicalVar(shown.slice(1, -1));
  return canonicalVar(JSON.parse(shown) as number | boolean);
}
