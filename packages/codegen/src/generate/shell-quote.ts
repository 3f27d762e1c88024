// Everything a generated script interpolates goes through these, even names that validation has
// already limited to safe characters: descriptions are free text and end up in `--comment`.

/** A bash word that expands to exactly `value`: single quotes, with `'` written as `'\''`. */
export function quoteBash(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** A PowerShell verbatim string: single quotes, with `'` doubled. */
export function quotePowerShell(value: string): string {
  // PowerShell also treats the typographic single quotes as quote characters.
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}
