// The comment a secret carries in the store, the same from every path that creates one (the CLI
// through the API, the bash and PowerShell scripts through wrangler): the manifest's description,
// with `"` written as `'` (the one character that can split a native argument on Windows: PowerShell
// 5.1 does not escape it, and cmd.exe shims toggle quoting on it), then an ownership mark naming the
// environment: `[secrets-manifest env=production]`. The API returns comments as stored, so the mark
// can be read back: prune deletes only secrets whose mark names the environment being pruned.

const MARK = /\[secrets-manifest env=([a-z][a-z0-9_-]*)\]$/;

export function ownershipMark(environment: string): string {
  return `[secrets-manifest env=${environment}]`;
}

export function storeComment(description: string | undefined, environment: string): string {
  const text = (description ?? "").replaceAll('"', "'");
  return text === "" ? ownershipMark(environment) : `${text} ${ownershipMark(environment)}`;
}

/** The environment a stored comment says created the secret, or undefined when it carries no mark. */
export function readOwnershipMark(comment: string): string | undefined {
  return MARK.exec(comment.trimEnd())?.[1];
}
