// The starter manifest as TypeScript source, built with ts-morph: an import, a comment saying where
// it came from, and `export default defineManifest({...})`. Placeholders carry a TODO comment.
import type { CodeBlockWriter } from "ts-morph";
import type { ImportPlan } from "./plan-import.ts";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export async function renderImportedManifest(plan: ImportPlan, options: { sources: readonly string[] }): Promise<string> {
  const { CodeBlockWriter, Project } = await import("ts-morph");
  const todos = new Map(plan.todos.map((todo) => [todo.path.join("\u0000"), todo.note]));
  const writer = new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: false });
  writer.write("defineManifest(");
  writeValue(writer, plan.manifest, [], todos);
  writer.write(")");
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  const file = project.createSourceFile("/secrets.manifest.ts", "");
  file.addImportDeclaration({ moduleSpecifier: "@secrets-manifest/codegen", namedImports: ["defineManifest"] });
  file.addExportAssignment({
    isExportEquals: false,
    leadingTrivia: [
      `// Imported by \`secrets-manifest import\` from ${options.sources.join(", ")}.`,
      "// Review it (search for TODO), add descriptions to the secrets, then run `secrets-manifest generate`.",
      "",
    ].join("\n"),
    expression: writer.toString(),
  });
  file.formatText({ indentSize: 2, convertTabsToSpaces: true });
  return file.getFullText();
}

function writeValue(writer: CodeBlockWriter, value: unknown, path: string[], todos: Map<string, string>): void {
  if (Array.isArray(value)) {
    writer.write(`[${value.map((item) => JSON.stringify(item)).join(", ")}]`);
    return;
  }
  if (typeof value !== "object" || value === null) {
    writer.write(JSON.stringify(value));
    return;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) {
    writer.write("{}");
    return;
  }
  writer.write("{").newLine();
  writer.indent(() => {
    for (const [key, entry] of entries) {
      const here = [...path, key];
      writer.write(`${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: `);
      writeValue(writer, entry, here, todos);
      writer.write(",");
      const todo = todos.get(here.join("\u0000"));
      if (todo !== undefined) writer.write(` // TODO: ${todo}`);
      writer.newLine();
    }
  });
  writer.write("}");
}
