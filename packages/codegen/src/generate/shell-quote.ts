// Everything a generated script interpolates goes through these, even names that validation has
// already limited to safe characters: descriptions are free text and end up in `--comment=`.

/** A bash word that expands to exactly `value`: single quotes, with `'` written as `'\''`. */
export function quoteBash(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * A PowerShell expression, in ASCII only, that evaluates to exactly `value` in Windows PowerShell 5.1
 * and PowerShell 7 alike. 5.1 reads a BOM-less file in the ANSI code page, where a byte of a UTF-8
 * sequence can turn into a quote character; so printable ASCII goes into verbatim strings (`'`
 * doubled), and every other UTF-16 unit is written as `[char]0xNNNN`, concatenated to a string:
 * `('Kulcs f' + [char]0x0151)`.
 */
export function quotePowerShell(value: string): string {
  const parts: string[] = [];
  let literal = "";
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0x20 && unit <= 0x7e) {
      literal += unit === 0x27 ? "''" : value[i];
      continue;
    }
    // The expression starts with a string, so `+` concatenates instead of adding char codes.
    if (literal !== "" || parts.length === 0) parts.push(`'${literal}'`);
    literal = "";
    parts.push(`[char]0x${unit.toString(16).padStart(4, "0")}`);
  }
  if (parts.length === 0) return `'${literal}'`;
  if (literal !== "") parts.push(`'${literal}'`);
  return `(${parts.join(" + ")})`;
}

/**
 * One argument for a native program on Windows, written so that it reaches the program whole. The
 * scripts set `$PSNativeCommandArgumentPassing = 'Legacy'`, so PowerShell 5.1 and 7 both pass a
 * string unchanged when it starts and ends with `"` and has no unescaped `"` inside; the program's C
 * runtime (Node.js included) then reads it back by the Windows rules: `\"` is a quote, and
 * backslashes are literal except before a quote.
 */
export function quoteNativeArgument(value: string): string {
  let out = '"';
  let backslashes = 0;
  for (const char of value) {
    if (char === "\\") {
      backslashes += 1;
      continue;
    }
    if (char === '"') out += `${"\\".repeat(backslashes * 2)}\\"`;
    else out += `${"\\".repeat(backslashes)}${char}`;
    backslashes = 0;
  }
  return `${out}${"\\".repeat(backslashes * 2)}"`;
}
