// Maps an issue's key path to `line:column` in the manifest source. Runs only when there is something
// to report, so ts-morph's start-up cost (about 0.5 s) never touches a valid run.
import type { IssuePath, ManifestIssue, SourceLocation } from "./issues.ts";

type TsMorph = typeof import("ts-morph");
type TsNode = import("ts-morph").Node;

export async function locateIssues(issues: readonly ManifestIssue[], source: string): Promise<ManifestIssue[]> {
  if (issues.length === 0) return [...issues];
  const morph = await import("ts-morph");
  const project = new morph.Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  const file = project.createSourceFile("/manifest.ts", source);
  const root = findManifestObject(morph, file);
  return issues.map((issue) => {
    const node = root ? walk(morph, root, issue.path) : undefined;
    if (!node) return issue;
    const { line, column } = file.getLineAndColumnAtPos(node.getStart());
    const location: SourceLocation = { line, column };
    return { ...issue, location };
  });
}

function findManifestObject(morph: TsMorph, file: import("ts-morph").SourceFile): TsNode | undefined {
  const exported = file.getExportAssignment((assignment) => !assignment.isExportEquals());
  if (!exported) return undefined;
  let node: TsNode | undefined = unwrap(morph, exported.getExpression());
  if (node && morph.Node.isCallExpression(node)) node = node.getArguments()[0];
  return node ? unwrap(morph, node) : undefined;
}

/** Looks through parentheses, `as const`, `satisfies` and references to top-level constants. */
function unwrap(morph: TsMorph, start: TsNode): TsNode {
  let node = start;
  for (let depth = 0; depth < 10; depth++) {
    if (morph.Node.isParenthesizedExpression(node) || morph.Node.isAsExpression(node) || morph.Node.isSatisfiesExpression(node)) {
      node = node.getExpression();
    } else if (morph.Node.isIdentifier(node)) {
      const declaration = node.getSourceFile().getVariableDeclaration(node.getText());
      const initializer = declaration?.getInitializer();
      if (!initializer) return node;
      node = initializer;
    } else return node;
  }
  return node;
}

function walk(morph: TsMorph, root: TsNode, path: IssuePath): TsNode | undefined {
  let node: TsNode = root;
  let found: TsNode = root;
  for (const segment of path) {
    const next = child(morph, unwrap(morph, node), segment);
    if (!next) return found;
    found = next.reportAt;
    node = next.value;
  }
  return found;
}

function child(morph: TsMorph, node: TsNode, segment: string | number): { value: TsNode; reportAt: TsNode } | undefined {
  if (morph.Node.isObjectLiteralExpression(node) && typeof segment === "string") {
    // Later properties override earlier ones, as at run time: search from the end.
    for (const property of [...node.getProperties()].reverse()) {
      if (morph.Node.isPropertyAssignment(property) && propertyName(morph, property) === segment) {
        return { value: property.getInitializerOrThrow(), reportAt: property };
      }
      if (morph.Node.isShorthandPropertyAssignment(property) && property.getName() === segment) {
        return { value: property.getNameNode(), reportAt: property };
      }
      if (morph.Node.isSpreadAssignment(property)) {
        const inner = child(morph, unwrap(morph, property.getExpression()), segment);
        if (inner) return inner;
      }
    }
    return undefined;
  }
  if (morph.Node.isArrayLiteralExpression(node) && typeof segment === "number") {
    const elements = flattenArray(morph, node);
    const element = elements[segment];
    return element ? { value: element, reportAt: element } : undefined;
  }
  return undefined;
}

function propertyName(morph: TsMorph, property: import("ts-morph").PropertyAssignment): string {
  const name = property.getNameNode();
  if (morph.Node.isStringLiteral(name) || morph.Node.isNoSubstitutionTemplateLiteral(name)) return name.getLiteralText();
  if (morph.Node.isNumericLiteral(name)) return String(name.getLiteralValue());
  return name.getText();
}

/** Elements of an array literal with `...spread` of constant arrays expanded, as indices count them. */
function flattenArray(morph: TsMorph, node: import("ts-morph").ArrayLiteralExpression): TsNode[] {
  return node.getElements().flatMap((element) => {
    if (!morph.Node.isSpreadElement(element)) return [element];
    const inner = unwrap(morph, element.getExpression());
    return morph.Node.isArrayLiteralExpression(inner) ? flattenArray(morph, inner) : [element];
  });
}
