#!/usr/bin/env node
// Node's compile cache keeps the type-stripped, compiled modules between runs (about a third of a
// cold start); without it every run would strip and compile the CLI's TypeScript again.
import module from "node:module";

module.enableCompileCache?.();
await import("../src/cli/main.ts");
