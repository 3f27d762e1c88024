// What plan, apply, rotate and migrate share at the CLI's edge: their common arguments, loading and
// validating the manifest, and printing errors. Only this layer writes to the terminal.
import pc from "picocolors";
import type { ResolvedManifest } from "../manifest/model.ts";
import { loadManifestOrReport } from "./load-or-report.ts";

export const manifestArg = {
  type: "string",
  description: "Path to the manifest (default: secrets.manifest.ts here or in a parent folder)",
  valueHint: "FILE",
} as const;

export const provisionArgs = {
  env: { type: "string", description: "Environment of the manifest to work on", valueHint: "NAME" },
  manifest: manifestArg,
  root: { type: "string", description: "Where the app folders are (default: the manifest's folder)", valueHint: "DIR" },
} as const;

export interface ProvisionContext {
  readonly manifest: ResolvedManifest;
  readonly manifestFile: string;
  readonly root: string;
  readonly environment: string;
  /** ` --manifest FILE` when the manifest was given explicitly, for commands printed back to the user. */
  readonly manifestFlag: string;
}

export async function loadProvisionContext(args: { env?: string | undefined; manifest?: string | undefined; root?: string | undefined }): Promise<ProvisionContext | undefined> {
  const result = await loadManifestOrReport({ manifest: args.manifest, root: args.root, printWarnings: false });
  if (!result.ok) return undefined;
  const known = result.manifest.environments.map((env) => env.name);
  if (args.env === undefined || args.env === "") {
    return printError(`--env is required.\n  fix: pass --env with one of the manifest's environments: ${known.join(", ")}`);
  }
  if (!known.includes(args.env)) {
    return printError(`Unknown environment "${args.env}": the manifest declares ${known.join(", ")}.\n  fix: pass --env with one of them`);
  }
  const manifestFlag = args.manifest === undefined ? "" : ` --manifest ${args.manifest}`;
  return { manifest: result.manifest, manifestFile: result.manifestFile, root: result.root, environment: args.env, manifestFlag };
}

/** Prints `error: ...` to stderr, sets exit code 1, and returns undefined for `return printError(...)`. */
export function printError(message: string): undefined {
  const [first, ...rest] = message.split("\n");
  process.stderr.write(`${pc.red("error:")} ${first}\n${rest.map((line) => `${line}\n`).join("")}`);
  process.exitCode = 1;
  return undefined;
}

/** The one line every command ends with; on stderr when stdout carries JSON. */
export function printSummary(line: string, options: { ok?: boolean; json?: boolean } = {}): void {
  const stream = options.json ? process.stderr : process.stdout;
  stream.write(`${options.ok === false ? pc.red("✖") : pc.green("✓")} ${line}\n`);
}

export function targetName(context: ProvisionContext, local: boolean): string {
  return `${context.environment} (${local ? "local" : "remote"})`;
}
