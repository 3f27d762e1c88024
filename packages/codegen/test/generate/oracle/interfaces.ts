// Interfaces read out of TypeScript text with the compiler's parser, members kept as written:
// `wrangler types` output (global `Env extends __BaseEnv_Env`, `Cloudflare.<Name>Env`) and ours.
import ts from "typescript";

export interface MemberText {
  readonly optional: boolean;
  /** The type as written, comments included (`Fetcher /* auth *\/`). */
  readonly type: string;
}

export type InterfaceMembers = Map<string, Map<string, MemberText>>;

/** Every interface, top level or inside `declare namespace`, by name; extended members folded in. */
export function readInterfaceMembers(source: string): InterfaceMembers {
  const file = ts.createSourceFile("input.ts", source, ts.ScriptTarget.Latest, true);
  const declarations = new Map<string, ts.InterfaceDeclaration[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node)) declarations.set(node.name.text, [...(declarations.get(node.name.text) ?? []), node]);
    if (ts.isModuleDeclaration(node) || ts.isModuleBlock(node) || ts.isSourceFile(node)) ts.forEachChild(node, visit);
  };
  visit(file);
  const resolve = (name: string, seen: Set<string>): Map<string, MemberText> => {
    const members = new Map<string, MemberText>();
    if (seen.has(name)) return members;
    seen.add(name);
    for (const declaration of declarations.get(name) ?? []) {
      for (const type of (declaration.heritageClauses ?? []).flatMap((clause) => clause.types)) {
        for (const [key, value] of resolve(type.expression.getText(file), seen)) members.set(key, value);
      }
      for (const member of declaration.members) {
        if (!ts.isPropertySignature(member) || member.type === undefined) continue;
        const key = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : member.name.getText(file);
        // Full text keeps the comments inside the type (`Fetcher /* auth */`), which getText() drops at the end.
        const type = source.slice(member.type.getStart(file), member.getEnd()).replace(/;\s*$/, "").trim();
        members.set(key, { optional: member.questionToken !== undefined, type });
      }
    }
    return members;
  };
  const result: InterfaceMembers = new Map();
  for (const name of declarations.keys()) result.set(name, resolve(name, new Set()));
  return result;
}

/** A module declaring the given interfaces, members verbatim, so a check file can import them. */
export function renderInterfaceModule(interfaces: ReadonlyMap<string, ReadonlyMap<string, MemberText>>): string {
  const lines: string[] = [];
  for (const [name, members] of interfaces) {
    lines.push(`export interface ${name} {`);
    for (const [key, member] of members) lines.push(`  ${JSON.stringify(key)}${member.optional ? "?" : ""}: ${member.type};`);
    lines.push("}");
  }
  return `${lines.join("\n")}\n`;
}
