// The real wrangler as the oracle: every generated config must dry-run deploy cleanly in every
// environment, and `wrangler types` must derive the same bindings the generated Env declares.
import { spawn } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderAll } from "../../src/generate/render-all.ts";
import { environmentInterfaceName } from "../../src/generate/env-types.ts";
import { expectedAggregateShape, expectedEnvironmentShape, sortedEntries } from "./expect-model.ts";
import { BIN, FIXTURES, canonicalVar, loadFixture, makeTempDir, mapLimit, readInterfaces, writeFiles, type InterfaceShapes, type MemberShape } from "./support.ts";
import type { ResolvedManifest, ResolvedWorker, ResolvedWorkerEnvironment } from "../../src/manifest/model.ts";
import type { VarValue } from "../../src/manifest/define.ts";

const WRANGLER = BIN("wrangler");
/** An entry module exporting every Durable Object class the worker's configs declare, and what assets need. */
function stubEntry(worker: ResolvedWorker): string {
  const classes = new Set(
    worker.environments.flatMap((env) => {
      const bindings = (env.config["durable_objects"] as { bindings?: { class_name: string; script_name?: string }[] } | undefined)?.bindings ?? [];
      return bindings.filter((b) => b.script_name === undefined).map((b) => b.class_name);
    }),
  );
  const lines = classes.size > 0 ? ['import { DurableObject } from "cloudflare:workers";'] : [];
  for (const name of classes) lines.push(`export class ${name} extends DurableObject {}`);
  lines.push('export default { fetch() { return new Response("ok") } }');
  return `${lines.join("\n")}\n`;
}

async function writeWorkerInputs(root: string, worker: ResolvedWorker): Promise<void> {
  const entry = join(root, worker.dir, worker.main);
  await mkdir(dirname(entry), { recursive: true });
  await writeFile(entry, stubEntry(worker));
  for (const env of worker.environments) {
    const directory = (env.config["assets"] as { directory?: string } | undefined)?.directory;
    if (directory !== undefined) await mkdir(join(root, worker.dir, directory), { recursive: true });
  }
}

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
      await writeWorkerInputs(root, worker);
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
}, 1_800_000);

afterAll(async () => {
  for (const { root } of roots.values()) await rm(root, { recursive: true, force: true });
});

/** `env.NAME (value)   Resource` lines of the dry-run binding table. */
function readDryRunBindings(output: string): Map<string, DryRunBinding> {
  const bindings = new Map<string, DryRunBinding>();
  for (const line of output.split("\n")) {
    const match = /^env\.([A-Za-z0-9_$]+)(?: \((.*)\))?\s{2,}(\S.*?)\s*$/.exec(line);
    if (match) bindings.set(match[1]!, { value: match[2] ?? "", resource: match[3]! });
  }
  return bindings;
}

/** How the dry-run table names each binding kind the fixtures use. */
const RESOURCE_OF: Readonly<Record<string, string>> = {
  kv_namespaces: "KV Namespace",
  d1_databases: "D1 Database",
  r2_buckets: "R2 Bucket",
  services: "Worker",
  analytics_engine_datasets: "Analytics Engine Dataset",
};

/** Every binding one environment's config declares, by name, with the resource the table prints. */
function expectedResources(config: Readonly<Record<string, unknown>>): [string, string][] {
  const out: [string, string][] = [];
  const list = (value: unknown) => (Array.isArray(value) ? (value as { binding: string }[]) : []);
  for (const [field, value] of Object.entries(config)) {
    if (field in RESOURCE_OF) for (const b of list(value)) out.push([b.binding, RESOURCE_OF[field]!]);
    else if (field === "durable_objects") for (const b of (value as { bindings: { name: string }[] }).bindings) out.push([b.name, "Durable Object"]);
    else if (field === "queues") for (const b of list((value as { producers?: unknown }).producers)) out.push([b.binding, "Queue"]);
    else if (field === "assets") {
      const binding = (value as { binding?: string }).binding;
      if (binding !== undefined) out.push([binding, "Assets"]);
    } else if (field === "secrets_store_secrets") for (const b of list(value)) out.push([b.binding, "Secrets Store Secret"]);
    else if (field === "vars") for (const name of Object.keys(value as object)) out.push([name, "Environment Variable"]);
    else if (/_namespaces$|_buckets$|_databases$|_datasets$|^services$|^ai$|^browser$|^hyperdrive$|^vectorize$|^workflows$/.test(field)) {
      throw new Error(`fixture uses binding kind ${field}: add it to RESOURCE_OF`);
    }
  }
  return out.sort(([a], [b]) => (a < b ? -1 : 1));
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
        const table = readDryRunBindings(result.output);
        // Secrets Store bindings and vars with their values, every other binding by name and kind.
        const valued = new Map([...table].filter(([, b]) => b.resource === "Secrets Store Secret" || b.resource === "Environment Variable"));
        expect(sortMap(valued), label).toEqual(sortMap(expectedDryRun(env)));
        expect([...table].map(([name, b]): [string, string] => [name, b.resource]).sort(([a], [b]) => (a < b ? -1 : 1)), label).toEqual(
          expectedResources(env.config),
        );
      }
    }
  });

  test("wrangler types derives the bindings and literal types the generated Env declares", async () => {
    const { root } = roots.get(fixture.name)!;
    for (const worker of workers()) {
      const result = results.get(key({ fixture: fixture.name, worker: worker.id, kind: "types" }))!;
      expect(result.code, result.output).toBe(0);
      expect(result.output).not.toMatch(/WARNING/);
      // Until the Env types cover every binding kind (issue 8, part 2), compare the kinds they cover.
      const covered = coveredNames(worker);
      const only = (shapes: InterfaceShapes): InterfaceShapes =>
        new Map([...shapes].map(([name, members]) => [name, new Map([...members].filter(([member]) => covered.has(member)))]));
      const theirs = only(readInterfaces(await readFile(join(root, `.oracle/${worker.id}/worker-configuration.d.ts`), "utf8")));
      const ours = only(readInterfaces(await readFile(join(root, worker.dir, worker.envTypesFile), "utf8")));
      const onlyShape = (shape: Map<string, MemberShape>) => new Map([...shape].filter(([member]) => covered.has(member)));

      // wrangler 4.164 emits `Cloudflare.<Name>Env` for each [env.*] but none for the top level.
      for (const env of worker.environments.filter((candidate) => !candidate.isDefault)) {
        const name = environmentInterfaceName(env.environment);
        expect(sortedEntries(theirs.get(name)), `${worker.id} ${name} (wrangler)`).toEqual(sortedEntries(ours.get(name)));
      }
      expect(sortedEntries(theirs.get("Env")), `${worker.id} Env (wrangler)`).toEqual(sortedEntries(ours.get("Env")));

      // The top level has no wrangler interface: check ours against the model and the dry run.
      const top = worker.environments.find((env) => env.isDefault)!;
      const topName = environmentInterfaceName(top.environment);
      expect(sortedEntries(ours.get(topName))).toEqual(sortedEntries(onlyShape(expectedEnvironmentShape(top))));
      expect(sortedEntries(ours.get("Env"))).toEqual(sortedEntries(onlyShape(expectedAggregateShape(worker))));
      const dryRun = readDryRunBindings(results.get(key({ fixture: fixture.name, worker: worker.id, kind: "" }))!.output);
      const fromDryRun = new Map<string, MemberShape>(
        [...dryRun].filter(([name]) => covered.has(name)).map(([name, b]) => [
          name,
          { optional: false, types: [b.resource === "Secrets Store Secret" ? "SecretsStoreSecret" : canonicalDryRunVar(b.value)] },
        ]),
      );
      expect(sortedEntries(fromDryRun), `${worker.id} ${topName} (dry run)`).toEqual(sortedEntries(ours.get(topName)));
    }
  });
});

/** Secrets Store bindings and vars of plain values: what the generated Env types cover today. */
function coveredNames(worker: ResolvedWorker): Set<string> {
  return new Set(
    worker.environments.flatMap((env) => [...env.secrets.map((b) => b.binding), ...env.vars.filter((v) => typeof v.value !== "object").map((v) => v.name)]),
  );
}

/** The fixtures keep string vars under 40 characters, so the dry-run text is the whole value. */
function canonicalDryRunVar(shown: string): string {
  if (shown.startsWith('"')) return canonicalVar(shown.slice(1, -1));
  return canonicalVar(JSON.parse(shown) as number | boolean);
}
