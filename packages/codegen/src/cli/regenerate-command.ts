import { quoteBash } from "../generate/shell-quote.ts";

/**
 * The command that regenerates, as the person who ran this one would type it: through the package
 * manager that started the CLI (npm, pnpm, yarn and bun name themselves in `npm_config_user_agent`),
 * with the same `--manifest` and `--root`. A repository that installed the packages from npm has no
 * `pnpm generate` script unless it wrote one, but the binary is always there.
 */
export function regenerateCommand(options: { readonly manifest?: string | undefined; readonly root?: string | undefined }, env: NodeJS.ProcessEnv = process.env): string {
  const agent = env["npm_config_user_agent"] ?? "";
  const runner = agent.startsWith("pnpm/") ? "pnpm exec" : agent.startsWith("yarn/") ? "yarn" : agent.startsWith("bun/") ? "bunx" : "npx";
  const flags = [
    ...(options.manifest === undefined ? [] : ["--manifest", shellWord(options.manifest)]),
    ...(options.root === undefined ? [] : ["--root", shellWord(options.root)]),
  ];
  return [runner, "secrets-manifest", "generate", ...flags].join(" ");
}

/** A path as typed: bare when it has no character a shell would read, single-quoted otherwise. */
function shellWord(value: string): string {
  return /^[\w./:@+-]+$/.test(value) ? value : quoteBash(value);
}
