// CI: the published packages work outside this repository, installed with npm, as the README says.
//   1. `pnpm pack` @secrets-manifest/codegen and @secrets-manifest/runtime (prepack builds dist/),
//      and check what each tarball holds (scripts/check-packages/tarball-contents.ts);
//   2. in a new folder under the system's temp folder, an existing Worker project
//      (scripts/check-packages/existing-project: `npm init -y`, its own wrangler.toml and Env, and
//      wrangler, typescript and workers-types from the registry at the versions this repository pins);
//   3. the README's quick start for an existing repository, run as written, with the tarballs in
//      place of the registry's packages: install, import, generate, the Worker on the runtime,
//      `wrangler deploy --dry-run`, `tsc`, audit;
//   4. the packages' types resolve (type-checks.ts), `generate --check` agrees, and a manifest whose
//      `@secrets-manifest/codegen` import does not resolve gets an error that says what to install.
// Needs the npm registry and nothing else. `--keep` leaves the temp folder for a look.
import { execFile, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseQuickStart, withTarballs } from "./check-packages/readme-steps.ts";
import { checkTarball } from "./check-packages/tarball-contents.ts";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const HERE = join(REPO, "scripts/check-packages");
const PACKAGES = [
  { name: "@secrets-manifest/codegen", dir: "packages/codegen", alsoRequired: ["dist/cli/main.js"] },
  { name: "@secrets-manifest/runtime", dir: "packages/runtime", alsoRequired: [] },
];
/** What the test project installs from the registry: the versions this repository pins. */
const FROM_REGISTRY = ["wrangler", "typescript", "@cloudflare/workers-types"];

const work = mkdtempSync(join(realpathSync(tmpdir()), "secrets-manifest-packages-"));
if (!relative(REPO, work).startsWith("..")) throw new Error(`${work} is inside the repository; set TMPDIR to a folder outside it`);
const project = join(work, "project");
const env = {
  ...process.env,
  CI: "true",
  NO_COLOR: "1",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  // `npx X` must never fetch a package named X from the registry when the local bin is missing.
  npm_config_yes: "false",
  // Packages already in npm's cache are taken from it without asking the registry again.
  npm_config_prefer_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
};
const timings: [string, number][] = [];

async function phase<T>(name: string, body: () => T | Promise<T>): Promise<T> {
  process.stdout.write(`\n--- ${name}\n`);
  const started = performance.now();
  const result = await body();
  timings.push([name, performance.now() - started]);
  return result;
}

/** Runs a command line; returns stdout and stderr together, or stdout alone with `stdoutOnly`. */
function sh(command: string, options: { cwd: string; expectStatus?: number; stdoutOnly?: boolean }): string {
  const started = performance.now();
  const result = spawnSync(command, { cwd: options.cwd, env, shell: true, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(`$ ${command}  (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== (options.expectStatus ?? 0)) {
    process.stdout.write(output);
    throw new Error(`\`${command}\` exited with ${result.status} (expected ${options.expectStatus ?? 0}) in ${options.cwd}`);
  }
  return options.stdoutOnly ? result.stdout : output;
}

/** Like `sh`, without blocking, for the two package builds that may run side by side; returns stdout. */
function shAsync(command: string, options: { cwd: string }): Promise<string> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    execFile("sh", ["-c", command], { cwd: options.cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      process.stdout.write(`$ ${command}  (in ${relative(REPO, options.cwd)}, ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
      if (error) reject(new Error(`\`${command}\` failed in ${options.cwd}: ${error.message}\n${stdout}${stderr}`));
      else resolvePromise(stdout);
    });
  });
}

function fail(problems: readonly string[]): void {
  if (problems.length === 0) return;
  throw new Error(`\n  ${problems.join("\n  ")}`);
}

try {
  const tarballs = await phase("pack (prepack builds dist/)", () =>
    Promise.all(
      PACKAGES.map(async (pkg) => {
        const out = await shAsync(`pnpm pack --json --pack-destination '${join(work, "tarballs")}'`, { cwd: join(REPO, pkg.dir) });
        const { filename } = JSON.parse(out) as { filename: string };
        return { ...pkg, tarball: resolve(join(REPO, pkg.dir), filename) };
      }),
    ),
  );

  await phase("tarball contents", () => {
    const problems = tarballs.flatMap((pkg) => {
      const files = sh(`tar -tzf '${pkg.tarball}'`, { cwd: work, stdoutOnly: true })
        .split("\n")
        .filter((line) => line.startsWith("package/") && !line.endsWith("/"))
        .map((line) => line.slice("package/".length));
      const manifest = JSON.parse(sh(`tar -xzOf '${pkg.tarball}' package/package.json`, { cwd: work, stdoutOnly: true })) as Record<string, unknown>;
      const { size } = statSync(pkg.tarball);
      process.stdout.write(`${pkg.name}: ${files.length} files, ${(size / 1024).toFixed(1)} KiB packed\n`);
      return checkTarball({ name: pkg.name, files, manifest, alsoRequired: pkg.alsoRequired });
    });
    fail(problems);
  });

  await phase("an existing Worker project, outside the repository", () => {
    mkdirSync(project);
    cpSync(join(HERE, "existing-project"), project, { recursive: true });
    sh("npm init -y", { cwd: project });
    const pinned = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies;
    sh(`npm install --save-dev ${FROM_REGISTRY.map((name) => `${name}@${pinned[name]}`).join(" ")}`, { cwd: project });
  });

  const outputs = await phase("the README's quick start for an existing repository, as written", () => {
    const names = new Map(tarballs.map((pkg) => [pkg.name, pkg.tarball]));
    return parseQuickStart(readFileSync(join(REPO, "README.md"), "utf8")).map((step) => {
      if ("write" in step) {
        process.stdout.write(`(writes ${step.write})\n`);
        mkdirSync(dirname(join(project, step.write)), { recursive: true });
        writeFileSync(join(project, step.write), step.text);
        return { command: "", output: "" };
      }
      return { command: step.run, output: sh(withTarballs(step.run, names), { cwd: project }) };
    });
  });

  await phase("what the quick start must have shown", () => {
    const dryRun = outputs.find((step) => step.command.includes("deploy --dry-run"))?.output ?? "";
    fail([
      ...(outputs.some((step) => /\bgenerate\b/.test(step.command)) ? [] : ["the quick start never runs generate"]),
      ...(/OPENAI_API_KEY.*Secrets Store Secret/.test(dryRun) ? [] : ["wrangler deploy --dry-run did not list the Secrets Store binding"]),
    ]);
    sh("npx secrets-manifest generate --check", { cwd: project });
  });

  await phase("types resolve for the manifest and the Worker", () => {
    cpSync(join(HERE, "type-checks.ts"), join(project, "type-checks.ts"));
    writeFileSync(join(project, "tsconfig.checks.json"), JSON.stringify({ extends: "./tsconfig.json", include: ["secrets.manifest.ts", "type-checks.ts", "workers/*/src"] }));
    sh("npx tsc -p tsconfig.checks.json", { cwd: project });
  });

  await phase("a manifest that cannot import @secrets-manifest/codegen says what to install", () => {
    const elsewhere = join(work, "elsewhere");
    mkdirSync(elsewhere);
    cpSync(join(project, "secrets.manifest.ts"), join(elsewhere, "secrets.manifest.ts"));
    const output = sh(`'${join(project, "node_modules/.bin/secrets-manifest")}' generate`, { cwd: elsewhere, expectStatus: 1 });
    fail(output.includes("npm install --save-dev @secrets-manifest/codegen") ? [] : [`expected the error to say what to install, got:\n${output}`]);
  });

  process.stdout.write(`\n✓ packages check passed\n${timings.map(([name, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`).join("\n")}\n`);
} catch (error) {
  process.stderr.write(`\n✖ packages check failed: ${(error as Error).message}\n  (the project is kept in ${work})\n`);
  process.exitCode = 1;
} finally {
  if (process.exitCode !== 1 && !process.argv.includes("--keep")) rmSync(work, { recursive: true, force: true });
  else process.stdout.write(`(kept ${work})\n`);
}
