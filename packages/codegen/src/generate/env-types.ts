// The typed `Env` of one worker, per environment and aggregated the way `wrangler types` does,
// written with code-block-writer (ts-morph's writer) without paying for ts-morph's start-up.
import CodeBlockWriter from "code-block-writer";
import { stampFile } from "./header.ts";
import { toPascalCase } from "../manifest/names.ts";
import type { ResolvedManifest, ResolvedWorker, ResolvedWorkerEnvironment } from "../manifest/model.ts";
import type { VarValue } from "../manifest/define.ts";

const SECRET_TYPE = "SecretsStoreSecret";

interface Member {
  readonly name: string;
  readonly type: string;
}

export function renderEnvTypes(worker: ResolvedWorker, manifest: ResolvedManifest): string {
  const writer = new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: false });
  writer.writeLine(`import type { ${SECRET_TYPE} } from "@cloudflare/workers-types";`).blankLine();

  const names = worker.environments.map((env) => JSON.stringify(env.environment));
  writer.writeLine(`export type EnvironmentName = ${names.join(" | ")};`);

  for (const env of worker.environments) {
    writer.blankLine();
    const where = env.isDefault ? "top level" : `[env.${env.environment}]`;
    writer.writeLine(`/** \`${worker.id}\` as "${env.workerName}" in ${env.environment} (${where} of ${worker.configFile}). */`);
    writeInterface(writer, environmentInterfaceName(env.environment), membersOf(env));
  }

  writer.blankLine();
  writer.writeLine("/** Any environment: bindings missing from some environment are optional, differing vars are unions. */");
  writeInterface(writer, "Env", aggregate(worker.environments));
  writer.newLineIfLastNot();
  return stampFile({ body: writer.toString(), comment: "//", manifestPath: manifest.manifestPath });
}

/** `eu-west` -> `EuWestEnv`, the name `wrangler types` gives the same environment. */
export function environmentInterfaceName(environment: string): string {
  return `${toPascalCase(environment)}Env`;
}

/** A var's TypeScript literal type, as `wrangler types` writes it. */
export function varLiteralType(value: VarValue): string {
  // JSON vars (objects, arrays) are typed by i8-envtypes' renderer; until then, their JSON text.
  return typeof value === "string" || typeof value === "object" ? JSON.stringify(value) : String(value);
}

function membersOf(env: ResolvedWorkerEnvironment): Member[] {
  return [
    ...env.secrets.map((b) => ({ name: b.binding, type: SECRET_TYPE })),
    ...env.vars.map((v) => ({ name: v.name, type: varLiteralType(v.value) })),
  ];
}

interface AggregateMember {
  readonly name: string;
  readonly types: string[];
  readonly optional: boolean;
}

function aggregate(environments: readonly ResolvedWorkerEnvironment[]): AggregateMember[] {
  const seen = new Map<string, { types: string[]; count: number }>();
  for (const env of environments) {
    // A name listed twice in one environment still counts once towards "present everywhere".
    const here = new Set<string>();
    for (const member of membersOf(env)) {
      const entry = seen.get(member.name) ?? { types: [], count: 0 };
      if (!entry.types.includes(member.type)) entry.types.push(member.type);
      if (!here.has(member.name)) entry.count += 1;
      here.add(member.name);
      seen.set(member.name, entry);
    }
  }
  return [...seen].map(([name, entry]) => ({
    name,
    types: entry.types,
    optional: entry.count < environments.length,
  }));
}

function writeInterface(writer: CodeBlockWriter, name: string, members: readonly (Member | AggregateMember)[]): void {
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

/** Binding names are identifiers after validation; var names are quoted when they are not. */
function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}
