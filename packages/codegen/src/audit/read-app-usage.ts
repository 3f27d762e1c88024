// Reads each app's code with ts-morph and records which bindings it reads (see env-reads.ts for what
// counts). An app's code is what its bundle would hold, as far as it is source: the files under
// `<dir>/src` and the worker's `main`, and every file they import that is not a dependency's (so a
// helper in a workspace package counts, node_modules do not). Tests are not the Worker's code.
import { existsSync } from "node:fs";
import { extname, join, relative } from "node:path";
import type { Project, SourceFile } from "ts-morph";
import type { ResolvedWorker } from "../manifest/model.ts";
import { findEnvReads } from "./env-reads.ts";

type TsMorph = typeof import("ts-morph");

export interface BindingAccess {
  readonly name: string;
  /** `apps/openai/src/index.ts:12:5`, relative to the root. */
  readonly at: string;
  /**
   * True when read through the generated Env, whose keys are exactly what is bound. False when read
   * through the code's own Env-like values, which may also hold bindings the manifest does not manage.
   */
  readonly checked: boolean;
}

export interface AppUsage {
  readonly worker: string;
  /** False when the app has no source to read. */
  readonly found: boolean;
  readonly accesses: readonly BindingAccess[];
}

const SOURCE_EXTENSIONS = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"];
const NOT_APP_CODE = ["!**/node_modules/**", "!**/*.d.ts", "!**/*.{test,spec}.*", "!**/__tests__/**"];

export async function readAppUsage(options: { root: string; workers: readonly ResolvedWorker[] }): Promise<AppUsage[]> {
  const morph = await import("ts-morph");
  const project = createProject(morph, options);
  const entries = new Map<string, SourceFile[]>();
  for (const worker of options.workers) {
    const dir = join(options.root, worker.dir);
    // Global declarations (e.g. `wrangler types` output) give the code's own Env its members.
    project.addSourceFilesAtPaths([join(dir, "*.d.ts"), join(dir, "src/**/*.d.ts"), "!**/node_modules/**"]);
    const files = project.addSourceFilesAtPaths([join(dir, `src/**/*.{${SOURCE_EXTENSIONS.join(",")}}`), ...NOT_APP_CODE]);
    const main = join(dir, worker.main);
    if (SOURCE_EXTENSIONS.includes(extname(main).slice(1))) {
      const file = project.addSourceFileAtPathIfExists(main);
      if (file && !files.includes(file)) files.push(file);
    }
    entries.set(worker.id, files);
  }
  project.resolveSourceFileDependencies();
  // Files shared by several apps are read once.
  const readsByFile = new Map<SourceFile, BindingAccess[]>();
  return options.workers.map((worker) => {
    const generated = project.getSourceFile(join(options.root, worker.dir, worker.envTypesFile));
    const sources = reachable(entries.get(worker.id) ?? []).filter((file) => file !== generated);
    const accesses = sources.flatMap((file) => {
      let reads = readsByFile.get(file);
      if (!reads) {
        reads = findEnvReads(morph, file, generated).map((read) => {
          const { line, column } = file.getLineAndColumnAtPos(read.node.getStart());
          return { name: read.name, at: `${relative(options.root, file.getFilePath())}:${line}:${column}`, checked: read.checked };
        });
        readsByFile.set(file, reads);
      }
      return reads;
    });
    return { worker: worker.id, found: sources.length > 0, accesses };
  });
}

/** One program for every app: they share compiler options, and the checker loads lib types once. */
function createProject(morph: TsMorph, options: { root: string; workers: readonly ResolvedWorker[] }): Project {
  const tsconfig = options.workers.map((worker) => join(options.root, worker.dir, "tsconfig.json")).find((file) => existsSync(file));
  const always = { allowJs: true, noEmit: true };
  if (tsconfig) return new morph.Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true, compilerOptions: always });
  return new morph.Project({
    compilerOptions: {
      ...always,
      strict: true,
      allowImportingTsExtensions: true,
      target: morph.ts.ScriptTarget.ES2022,
      module: morph.ts.ModuleKind.ESNext,
      moduleResolution: morph.ts.ModuleResolutionKind.Bundler,
    },
  });
}

/** The entry files and what they import, leaving out dependencies' files and declarations. */
function reachable(entries: readonly SourceFile[]): SourceFile[] {
  const seen = new Set<SourceFile>(entries);
  const queue = [...entries];
  for (let file = queue.pop(); file; file = queue.pop()) {
    for (const next of file.getReferencedSourceFiles()) {
      if (seen.has(next) || next.isDeclarationFile() || next.getFilePath().includes("/node_modules/")) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return [...seen];
}
