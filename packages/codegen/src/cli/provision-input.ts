// Terminal input for apply, rotate and migrate: values (file, stdin or hidden prompt) and the
// confirmation. Without a terminal, --yes stands for the confirmation and missing values are errors.
import type { ResolvedManifest } from "../manifest/model.ts";
import { readValues } from "../provision/read-values.ts";
import { confirm, PromptCancelledError } from "../provision/prompt.ts";
import { printError } from "./provision-context.ts";

export const valuesArgs = {
  "values-from": { type: "string", description: "dotenv file of NAME=value (manifest names, no environment prefix), or - for standard input", valueHint: "FILE|-" },
  yes: { type: "boolean", description: "Do not ask: no confirmation, and a missing value is an error" },
} as const;

const streams = { input: process.stdin, output: process.stderr };

export function isInteractive(yes: boolean | undefined): boolean {
  return !yes && Boolean(process.stdin.isTTY);
}

export async function readNeededValues(options: {
  manifest: ResolvedManifest;
  environment: string;
  needed: readonly string[];
  from: string | undefined;
  yes: boolean | undefined;
  local: boolean;
}): Promise<ReadonlyMap<string, string> | undefined> {
  try {
    const result = await readValues({
      from: options.from,
      cwd: process.cwd(),
      needed: options.needed,
      declared: options.manifest.secrets.map((secret) => secret.name),
      prefixes: options.manifest.environments.map((env) => env.secretPrefix),
      interactive: isInteractive(options.yes),
      describe: (secret) => `${options.local ? "Local " : ""}${options.environment} value for ${secret}`,
      streams,
    });
    if (result.ok) return result.values;
    for (const error of result.errors) printError(error);
    return undefined;
  } catch (error) {
    if (error instanceof PromptCancelledError) return printError(error.message);
    throw error;
  }
}

/** True when the user agreed, or passed --yes. Without a terminal and without --yes, explains and refuses. */
export async function confirmChanges(question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) {
    printError("This changes the store and there is no terminal to confirm on.\n  fix: review the plan above and pass --yes");
    return false;
  }
  const agreed = await confirm(question, streams);
  if (!agreed) printError("Not confirmed: nothing was changed.");
  return agreed;
}
