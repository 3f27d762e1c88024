#!/usr/bin/env node
// Runs the TypeScript source in this repository, and the build in a published package (which ships
// no src/: Node does not strip types under node_modules). Node's compile cache keeps compiled
// modules between runs, which is about a third of a cold start.
//
// Kept to syntax every Node since 14.8 parses, so that an older Node gets a sentence, not a stack trace.
import { existsSync } from "node:fs";
import module from "node:module";

// The manifest is TypeScript: Node strips types by default from 22.18 on the 22 line and from 23.6.
// Keep in step with `engines` in package.json (a test checks that they agree).
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 18) || (major === 23 && minor < 6)) {
  process.stderr.write(
    `secrets-manifest needs Node.js 22.18 or later (23.6 or later on the 23 line) to load secrets.manifest.ts; this is Node.js ${process.versions.node}.\n` +
      "  fix: install a current Node.js LTS (24 is the tested version), e.g. with your version manager or `npm i -g node@24`\n",
  );
  process.exit(1);
}

module.enableCompileCache?.();
const source = new URL("../src/cli/main.ts", import.meta.url);
await import(existsSync(source) ? source.href : new URL("../dist/cli/main.js", import.meta.url).href);
