// The comment a secret carries in the store, the same from every path that creates one (the CLI
// through the API, the bash and PowerShell scripts through wrangler): the manifest's description,
// with `"` written as `'`. A double quote is the one character that can split a native argument on
// Windows (PowerShell 5.1 does not escape it, and cmd.exe shims toggle quoting on it).
export function storeComment(description: string | undefined): string {
  return (description ?? "").replaceAll('"', "'");
}
