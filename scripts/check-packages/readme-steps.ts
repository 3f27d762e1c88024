// The README's quick start for an existing repository, as steps to run in order. Pure.
// The section lies between `<!-- quick-start:existing-repository -->` and `<!-- /quick-start -->`;
// a `sh` block is a list of commands (one a line, `# ...` comments dropped), and a block whose
// first line is a comment naming a file (`// workers/hello/src/index.ts`) is that file's content.

export type Step = { readonly run: string } | { readonly write: string; readonly text: string };

const BEGIN = "<!-- quick-start:existing-repository -->";
const END = "<!-- /quick-start -->";

export function parseQuickStart(readme: string): Step[] {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`README.md has no section between ${BEGIN} and ${END}`);
  const steps: Step[] = [];
  for (const [, lang, body] of readme.slice(start, end).matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    if (lang === "sh") {
      for (const line of body!.split("\n")) {
        const command = line.replace(/\s+#\s.*$/, "").replace(/^#.*$/, "").trim();
        if (command) steps.push({ run: command });
      }
      continue;
    }
    const path = /^(?:\/\/|#) ([\w./-]+\.\w+)\s*$/.exec(body!.split("\n")[0]!)?.[1];
    if (path) steps.push({ write: path, text: body! });
  }
  if (steps.length === 0) throw new Error("README.md's quick start has no commands");
  return steps;
}

/** `npm install NAME` with the packed tarball in place of each of this repository's packages. */
export function withTarballs(command: string, tarballs: ReadonlyMap<string, string>): string {
  if (!/^npm (install|i|add)\b/.test(command)) return command;
  return command
    .split(" ")
    .map((word) => (tarballs.has(word) ? `'${tarballs.get(word)}'` : word))
    .join(" ");
}
