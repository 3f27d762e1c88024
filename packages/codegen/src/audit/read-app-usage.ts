// Reads each app's TypeScript with ts-morph and records which `Env` bindings it reads. A read is:
// a property or element access on a value typed by the generated Env (casts looked through), a
// destructuring of it, or a call that instantiates a generic with the app's Env: then the generic's
// constraint (e.g. the runtime's GatewayEnv) and the binding names its arguments carry as literal
// types (e.g. `providers.openai.keyBinding`) are what the callee reads on the app's behalf.
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import type { Node, Project, SourceFile, Type } from "ts-morph";
import type { ResolvedWorker } from "../manifest/model.ts";

type TsMorph = typeof import("ts-morph");

export interface BindingAccess {
  readonly name: string;
  /** `apps/openai/src/index.ts:12:5`, relative to the root. */
  readonly at: string;
}

export interface AppUsage {
  readonly worker: string;
  /** False when the app folder has no source to read. */
  readonly found: boolean;
  readonly accesses: readonly BindingAccess[];
}

export async function readAppUsage(options: { root: string; workers: readonly ResolvedWorker[] }): Promise<AppUsage[]> {
  const morph = await import("ts-morph");
  const withSource = options.workers.filter((worker) => existsSync(join(options.root, worker.dir, worker.envTypesFile)));
  const tsconfig = withSource.map((worker) => join(options.root, worker.dir, "tsconfig.json")).find((file) => existsSync(file));
  // One program for every app: they share compiler options, and the checker loads lib types once.
  const project: Project = tsconfig
    ? new morph.Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true })
    : new morph.Project({ compilerOptions: { strict: true, allowImportingTsExtensions: true, noEmit: true } });
  for (const worker of withSource) {
    project.addSourceFilesAtPaths(join(options.root, worker.dir, "src/**/*.ts"));
  }
  return options.workers.map((worker) => {
    const envFile = project.getSourceFile(join(options.root, worker.dir, worker.envTypesFile));
    if (!envFile) return { worker: worker.id, found: false, accesses: [] };
    const sources = project
      .getSourceFiles()
      .filter((file) => file !== envFile && file.getFilePath().startsWith(join(options.root, worker.dir, "src")));
    const accesses = sources.flatMap((file) => readAccesses(morph, file, envFile, options.root));
    return { worker: worker.id, found: sources.length > 0, accesses };
  });
}

function readAccesses(morph: TsMorph, file: SourceFile, envFile: SourceFile, root: string): BindingAccess[] {
  const out: BindingAccess[] = [];
  const record = (name: string, node: Node) => {
    const { line, column } = file.getLineAndColumnAtPos(node.getStart());
    out.push({ name, at: `${relative(root, file.getFilePath())}:${line}:${column}` });
  };
  const isEnv = (type: Type): boolean =>
    [type, ...type.getUnionTypes(), ...type.getIntersectionTypes()].some((part) =>
      (part.getSymbol() ?? part.getAliasSymbol())?.getDeclarations().some((d) => d.getSourceFile() === envFile) ?? false,
    );
  const envTyped = (node: Node): boolean => isEnv(stripCasts(morph, node).getType());
  const envKeys = new Set(envFile.getInterfaces().flatMap((i) => i.getProperties().map((p) => p.getName())));

  file.forEachDescendant((node) => {
    if (morph.Node.isPropertyAccessExpression(node) && envTyped(node.getExpression())) {
      record(node.getName(), node.getNameNode());
    } else if (morph.Node.isElementAccessExpression(node) && envTyped(node.getExpression())) {
      const argument = node.getArgumentExpression();
      if (argument && morph.Node.isStringLiteral(argument)) record(argument.getLiteralText(), argument);
    } else if (morph.Node.isObjectBindingPattern(node) && isEnv(node.getType())) {
      for (const element of node.getElements()) record(element.getPropertyNameNode()?.getText() ?? element.getName(), element);
    } else if (morph.Node.isCallExpression(node)) {
      for (const name of readCallRequirements(morph, node, isEnv, envKeys)) record(name, node.getExpression());
    }
  });
  return out;
}

/** Bindings a generic callee reads when instantiated with the app's Env. */
function readCallRequirements(morph: TsMorph, call: import("ts-morph").CallExpression, isEnv: (t: Type) => boolean, envKeys: Set<string>): string[] {
  const typeArguments = call.getTypeArguments();
  const index = typeArguments.findIndex((argument) => isEnv(argument.getType()));
  if (index < 0) return [];
  const names = new Set<string>();
  const declaration = call.getExpression().getSymbol()?.getAliasedSymbol()?.getDeclarations()[0] ?? call.getExpression().getSymbol()?.getDeclarations()[0];
  if (declaration && morph.Node.isFunctionDeclaration(declaration)) {
    const constraint = declaration.getTypeParameters()[index]?.getConstraint();
    for (const property of constraint?.getType().getProperties() ?? []) names.add(property.getName());
  }
  for (const argument of call.getArguments()) {
    for (const literal of literalStrings(argument.getType(), 2)) if (envKeys.has(literal)) names.add(literal);
  }
  return [...names].filter((name) => envKeys.has(name));
}

function literalStrings(type: Type, depth: number): string[] {
  if (type.isStringLiteral()) return [String(type.getLiteralValue())];
  if (type.isUnion()) return type.getUnionTypes().flatMap((part) => literalStrings(part, depth));
  if (depth === 0 || !type.isObject()) return [];
  return type.getProperties().flatMap((property) => {
    const declaration = property.getValueDeclaration();
    return declaration ? literalStrings(property.getTypeAtLocation(declaration), depth - 1) : [];
  });
}

function stripCasts(morph: TsMorph, start: Node): Node {
  let node = start;
  while (
    morph.Node.isAsExpression(node) ||
    morph.Node.isParenthesizedExpression(node) ||
    morph.Node.isNonNullExpression(node) ||
    morph.Node.isTypeAssertion(node) ||
    morph.Node.isSatisfiesExpression(node)
  ) {
    node = node.getExpression();
  }
  return node;
}
