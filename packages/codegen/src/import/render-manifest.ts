// The imported manifest as TypeScript source, built with ts-morph: an import, a comment saying where
// it came from and what to do next, and `export default defineManifest({...})`. Values the configs
// did not give carry a TODO comment.
import type { CodeBlockWriter } from "ts-morph";
import type { ImportPlan } from "./plan-import.ts";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const INLINE_WIDTH = 100;

export async function renderImportedManifest(plan: ImportPlan, options: { sources: readonly string[]; nextCommand: string }): Promise<string> {
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
      "// Imported by `secrets-manifest import` from:",
      ...options.sources.map((source) => `//   ${source}`),
      `// Review it${plan.todos.length > 0 ? " (search for TODO)" : ""}, then run \`${options.nextCommand}\`: it replaces those configs with`,
      "// generated ones that Wrangler reads the same way, and from then on this file is where they change.",
      "",
    ].join("\n"),
    expression: writer.toString(),
  });
  file.formatText({ indentSize: 2, convertTabsToSpaces: true });
  return file.getFullText();
}

const isPrimitive = (value: unknown) => value === null || typeof value !== "object";

function writeValue(writer: CodeBlockWriter, value: unknown, path: string[], todos: Map<string, string>): void {
  if (Array.isArray(value)) {
    const inline = `[${value.map((item) => JSON.stringify(item)).join(", ")}]`;
    if (value.every(isPrimitive) && inline.length <= INLINE_WIDTH) {
      writer.write(inline);
      return;
    }
    writer.write("[").newLine();
    writer.indent(() => {
      value.forEach((item, index) => {
        writeValue(writer, item, [...path, String(index)], todos);
        writer.write(",").newLine();
      });
    });
    writer.write("]");
    return;
  }
  if (isPrimitive(value)) {
    writer.write(JSON.stringify(value));
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) {
    writer.write("{}");
    return;
  }
  writer.write("{").newLine();
  writer.indent(() => {
    for (const [key, entry] of entries) {
      const here = [...path, key];
      // A literal `__proto__:` key would set the prototype instead of holding a value.
      writer.write(`${key === "__proto__" ? '["__proto__"]' : IDENTIFIER.test(key) ? key : JSON.stringify(key)}: `);
      writeValue(writer, entry, here, todos);
      writer.write(",");
      const todo = todos.get(here.join("\u0000"));
      if (todo !== undefined) writer.write(` // TODO: ${todo}`);
      writer.newLine();
    }
  });
  writer.write("}");
}
