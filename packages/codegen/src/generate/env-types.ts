// The typed `Env` of one worker, per environment and aggregated the way `wrangler types` does,
// written with code-block-writer (ts-morph's writer) without paying for ts-morph's start-up.
// Members come from each environment's complete Wrangler config through the table of binding kinds;
// types are global ambient names, so the file needs `@cloudflare/workers-types` or the runtime
// types of `wrangler types`, whichever the project uses, and imports neither.
import { posix } from "node:path";
import CodeBlockWriter from "code-block-writer";
import { stampFile } from "./header.ts";
import { renderEnvMembers, type EnvMember } from "./env-members.ts";
import type { TypeContext } from "./binding-kinds.ts";
import { environmentInterfaceName } from "../manifest/names.ts";

export { environmentInterfaceName } from "../manifest/names.ts";

/** What the renderer reads of a resolved worker. */
export interface EnvTypesWorker {
  readonly id: string;
  readonly dir: string;
  readonly configFile: string;
  /** Relative to `dir`. */
  readonly envTypesFile: string;
  /** Relative to `dir`; an environment's own `main` in its config wins. */
  readonly main: string;
  /** Default environment first. */
  readonly environments: readonly EnvTypesEnvironment[];
}

export interface EnvTypesEnvironment {
  readonly environment: string;
  readonly isDefault: boolean;
  readonly workerName: string;
  /** The complete Wrangler environment, in Wrangler's field names. */
  readonly config: Readonly<Record<string, unknown>>;
}

interface AggregateMember {
  readonly name: string;
  readonly types: readonly string[];
  readonly optional: boolean;
}

export function renderEnvTypes(worker: EnvTypesWorker, manifest: { readonly manifestPath: string }): string {
  const writer = new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: false });
  writer.writeLine("// Binding types are the global names of @cloudflare/workers-types (tsconfig `types`) or of the");
  writer.writeLine("// runtime types `wrangler types` writes (worker-configuration.d.ts): either setup works.");
  writer.blankLine();
  const names = worker.environments.map((env) => JSON.stringify(env.environment));
  writer.writeLine(`export type EnvironmentName = ${names.join(" | ")};`);

  const topLevelName = worker.environments.find((env) => env.isDefault)?.config["name"];
  const perEnvironment = worker.environments.map((env) => {
    const context: TypeContext = {
      mainModule: mainModuleSpecifier(worker, env),
      topLevelName: typeof topLevelName === "string" ? topLevelName : undefined,
    };
    return renderEnvMembers(env.config, context);
  });

  worker.environments.forEach((env, index) => {
    writer.blankLine();
    const where = env.isDefault ? "top level" : `[env.${env.environment}]`;
    writer.writeLine(`/** \`${worker.id}\` as "${env.workerName}" in ${env.environment} (${where} of ${worker.configFile}). */`);
    writeInterface(writer, environmentInterfaceName(env.environment), perEnvironment[index]!);
  });

  writer.blankLine();
  writer.writeLine("/** Any environment: bindings missing from some environment are optional, differing types are unions. */");
  writeInterface(writer, "Env", aggregate(perEnvironment));
  writer.newLineIfLastNot();
  return stampFile({ body: writer.toString(), comment: "//", manifestPath: manifest.manifestPath });
}

/**
 * Folders build tools write a Worker's entry to (`dist/index.js`, Nitro's `.output/server/index.mjs`,
 * workers-rs's `build/worker/shim.mjs`, ...): such a main does not exist before the build, so the
 * code that reads the Env cannot import its classes when it is type-checked.
 */
const BUILD_OUTPUT_FOLDERS = new Set(["dist", "build", "out", ".output", ".svelte-kit", ".open-next", ".vercel", ".netlify", ".wrangler"]);

/** Whether a main (relative to the worker's folder) lies in a folder that build tools write. */
export function isBuildOutput(main: string): boolean {
  return posix.normalize(main).split("/").slice(0, -1).some((folder) => BUILD_OUTPUT_FOLDERS.has(folder));
}

/**
 * The main module as the env types file imports it: relative, extension kept (NodeNext needs one).
 * None for a module TypeScript cannot import (a Python Worker) or a build output: its classes are
 * then named in comments, as `wrangler types` names them when it cannot read the entry's exports.
 */
function mainModuleSpecifier(worker: EnvTypesWorker, env: EnvTypesEnvironment): string | undefined {
  const main = typeof env.config["main"] === "string" ? env.config["main"] : worker.main;
  if (!/\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(main)) return undefined;
  if (isBuildOutput(main)) return undefined;
  const from = posix.dirname(posix.join(worker.dir, worker.envTypesFile));
  const path = posix.relative(from, posix.join(worker.dir, main));
  return path.startsWith("../") ? path : `./${path}`;
}

/** Wrangler's aggregate: each name once, optional unless every environment has it, distinct types as a union. */
function aggregate(perEnvironment: readonly (readonly EnvMember[])[]): AggregateMember[] {
  const seen = new Map<string, { types: string[]; count: number }>();
  for (const members of perEnvironment) {
    for (const member of members) {
      const entry = seen.get(member.name) ?? { types: [], count: 0 };
      if (!entry.types.includes(member.type)) entry.types.push(member.type);
      entry.count += 1;
      seen.set(member.name, entry);
    }
  }
  return [...seen].map(([name, entry]) => ({ name, types: entry.types, optional: entry.count < perEnvironment.length }));
}

function writeInterface(writer: CodeBlockWriter, name: string, members: readonly (EnvMember | AggregateMember)[]): void {
  writer.write(`export interface ${name}`);
  if (members.length === 0) {
    writer.write(" {}").newLine();
    return;
  }
  writer.block(() => {
    for (const member of members) {
      const optional = "optional" in member && member.optional ? "?" : "";
      const type = "types" in member ? member.types.join(" | ") : member.type;
      writer.writeLine(`readonly ${propertyKey(member.name)}${optional}: ${type};`);
    }
  });
}

/** Names that are not identifiers are quoted, as `wrangler types` does. */
function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

