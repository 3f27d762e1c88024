// The CLI's edge: parses arguments, runs a command, and sets the exit code. Commands are loaded on
// demand so `generate` never pays for what `plan` or `import` need.
import { defineCommand, runMain } from "citty";

const main = defineCommand({
  meta: {
    name: "secrets-manifest",
    version: "0.1.0",
    description: "One typed manifest for Cloudflare Secrets Store: configs, Env types and provisioning.",
  },
  subCommands: {
    generate: () => import("./commands/generate.ts").then((m) => m.default),
    matrix: () => import("./commands/matrix.ts").then((m) => m.default),
  },
});

await runMain(main);
