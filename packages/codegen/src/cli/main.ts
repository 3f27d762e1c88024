// The CLI's edge: parses arguments, runs a command, and sets the exit code. Commands are loaded on
// demand so `generate` never pays for what `plan` or `import` need.
import { defineCommand, runMain } from "citty";
import packageJson from "../../package.json" with { type: "json" };

const main = defineCommand({
  meta: {
    name: "secrets-manifest",
    version: packageJson.version,
    description: "One typed manifest for Cloudflare Secrets Store: configs, Env types and provisioning.",
  },
  subCommands: {
    generate: () => import("./commands/generate.ts").then((m) => m.default),
    plan: () => import("./commands/plan.ts").then((m) => m.default),
    apply: () => import("./commands/apply.ts").then((m) => m.default),
    rotate: () => import("./commands/rotate.ts").then((m) => m.default),
    migrate: () => import("./commands/migrate.ts").then((m) => m.default),
    import: () => import("./commands/import.ts").then((m) => m.default),
    matrix: () => import("./commands/matrix.ts").then((m) => m.default),
    audit: () => import("./commands/audit.ts").then((m) => m.default),
  },
});

// A closed pipe (`secrets-manifest matrix | head`) is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

await runMain(main);
