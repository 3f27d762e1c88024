// Shared by the generator tests: the fixture manifests, writing rendered files to a temp folder,
// and reading interfaces back out of TypeScript text with the compiler's own parser.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import { CODEGEN_DIR as PACKAGE_DIR, REPO_ROOT } from "../helpers/sandbox.ts";
import { validateManifest } from "../../src/manifest/validate.ts";
import type { GeneratedFile, ResolvedManifest } from "../../src/manifest/model.ts";
import type { VarValue } from "../../src/manifest/define.ts";

export { CODEGEN_DIR as PACKAGE_DIR, REPO_ROOT } from "../helpers/sandbox.ts";
export const BIN = (name: string): string => join(PACKAGE_DIR, "node_modules/.bin", name);

export interface Fixture {
  readonly name: string;
  readonly manifestFile: string;
  /** Where the expected outputs live. The bundled manifest's are the committed files themselves. */
  readonly goldenRoot: string;
}

const GOLDEN_DIR = join(PACKAGE_DIR, "test/generate/__golden__");

export const FIXTURES: readonly Fixture[] = [
  { name: "bundled", manifestFile: join(REPO_ROOT, "secrets.manifest.ts"), goldenRoot: REPO_ROOT },
  {
    name: "three-envs-prefixed",
    manifestFile: join(PACKAGE_DIR, "test/fixtures/three-envs-prefixed/secrets.manifest.ts"),
    goldenRoot: join(GOLDEN_DIR, "three-envs-prefixed"),
  },
  {
    name: "realistic-fleet",
    manifestFile: join(PACKAGE_DIR, "test/fixtures/realistic-fleet/secrets.manifest.ts"),
    goldenRoot: join(GOLDEN_DIR, "realistic-fleet"),
  },
  {
    name: "renamed-bindings",
    manifestFile: join(PACKAGE_DIR, "test/fixtures/renamed-bindings/secrets.manifest.ts"),
    goldenRoot: join(GOLDEN_DIR, "renamed-bindings"),
  },
];

export async function loadFixture(fixture: Fixture): Promise<ResolvedManifest> {
  const mod = (await import(fixture.manifestFile)) as { default: unknown };
  const result = validateManifest(mod.default, { manifestPath: "secrets.manifest.ts" });
  if (!result.ok) {
    throw new Error(`${fixture.name} does not validate:\n${result.errors.map((e) => `${e.path.join(".")}: ${e.message}`).join("\n")}`);
  }
  return result.manifest;
}

export async function makeTempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `codegen-${label}-`));
}

export async function writeFiles(root: string, files: readonly Pick<GeneratedFile, "path" | "contents">[]): Promise<void> {
  for (const file of files) {
    const target = join(root, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.contents);
  }
}

/** A member of an interface as the type checker would compare it: name, optionality, type set. */
export interface MemberShape {
  readonly optional: boolean;
  /** Union members, canonicalised: `SecretsStoreSecret`, `string:"x"`, `number:3`, `boolean:true`. */
  readonly types: readonly string[];
}

export type InterfaceShapes = Map<string, Map<string, MemberShape>>;

/**
 * Every interface in the text, top level or inside `declare namespace`, by name; members of
 * extended interfaces are folded in (wrangler's `Env extends __BaseEnv_Env {}`).
 */
export function readInterfaces(source: string): InterfaceShapes {
  const file = ts.createSourceFile("input.ts", source, ts.ScriptTarget.Latest, true);
  const declarations = new Map<string, ts.InterfaceDeclaration[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node)) {
      declarations.set(node.name.text, [...(declarations.get(node.name.text) ?? []), node]);
    }
    if (ts.isModuleDeclaration(node) || ts.isModuleBlock(node) || ts.isSourceFile(node)) ts.forEachChild(node, visit);
  };
  visit(file);
  const shapes: InterfaceShapes = new Map();
  const resolveShape = (name: string, seen: Set<string>): Map<string, MemberShape> => {
    const members = new Map<string, MemberShape>();
    if (seen.has(name)) return members;
    seen.add(name);
    for (const declaration of declarations.get(name) ?? []) {
      for (const clause of declaration.heritageClauses ?? []) {
        for (const type of clause.types) {
          for (const [key, value] of resolveShape(type.expression.getText(file), seen)) members.set(key, value);
        }
      }
      for (const member of declaration.members) {
        if (!ts.isPropertySignature(member) || member.type === undefined) continue;
        const key = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : member.name.getText(file);
        members.set(key, { optional: member.questionToken !== undefined, types: canonicalTypes(member.type, file) });
      }
    }
    return members;
  };
  for (const name of declarations.keys()) shapes.set(name, resolveShape(name, new Set()));
  return shapes;
}

function canonicalTypes(node: ts.TypeNode, file: ts.SourceFile): string[] {
  const parts = ts.isUnionTypeNode(node) ? [...node.types] : [node];
  return parts.map((part) => canonicalType(part, file)).sort();
}

function canonicalType(node: ts.TypeNode, file: ts.SourceFile): string {
  if (ts.isLiteralTypeNode(node)) {
    const literal = node.literal;
    if (ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal)) return `string:${JSON.stringify(literal.text)}`;
    if (ts.isNumericLiteral(literal)) return `number:${Number(literal.text)}`;
    if (ts.isPrefixUnaryExpression(literal) && ts.isNumericLiteral(literal.operand)) return `number:${-Number(literal.operand.text)}`;
    if (literal.kind === ts.SyntaxKind.TrueKeyword) return "boolean:true";
    if (literal.kind === ts.SyntaxKind.FalseKeyword) return "boolean:false";
  }
  return node.getText(file);
}

/** The canonical form `canonicalType` gives a var's literal. */
export function canonicalVar(value: VarValue): string {
  if (typeof value === "string") return `string:${JSON.stringify(value)}`;
  // JSON vars: the type text the generator writes today (JSON is a valid TypeScript object type).
  if (typeof value === "object") return JSON.stringify(value);
  return `${typeof value}:${value}`;
}

/** Runs tasks with at most `limit` in flight, keeping result order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
