// The PowerShell flavour of the provisioning scripts (Windows PowerShell 5.1 and PowerShell 7).
// The file stays ASCII because 5.1 reads BOM-less files in the ANSI code page: every interpolated
// value is an ASCII expression (verbatim strings, `[char]0xNNNN` for the rest). Option values reach
// wrangler attached with `=`, and free text as one pre-quoted native argument (quoteNativeArgument).
import { quoteNativeArgument, quotePowerShell as q } from "./shell-quote.ts";
import { commentSafe } from "./header.ts";
import { GLOBAL_KEY_VARIABLES } from "../provision/global-key.ts";
import { LOCAL_STATE_DIR, type ProvisionPlan } from "./provision-plan.ts";

export function renderPowerShellScript(plan: ProvisionPlan): string {
  const body = plan.target === "remote" ? remoteBody(plan) : localBody(plan);
  return [...prelude(plan), "", ...body, ""].join("\n");
}

function prelude(plan: ProvisionPlan): string[] {
  return [
    "$ErrorActionPreference = 'Stop'",
    "Set-StrictMode -Version 3.0",
    "",
    "# Paths in this script are relative to the output root.",
    `Set-Location -LiteralPath (Join-Path $PSScriptRoot ${q(plan.rootFromScript)})`,
    "# WRANGLER may name an executable or a command line such as `npx wrangler`.",
    "if ($env:WRANGLER -and (Test-Path -LiteralPath $env:WRANGLER -PathType Leaf)) { $Wrangler = @($env:WRANGLER) }",
    "elseif ($env:WRANGLER) { $Wrangler = @($env:WRANGLER -split '\\s+' | Where-Object { $_ }) }",
    "else { $Wrangler = @('pnpm', 'exec', 'wrangler') }",
    "$env:WRANGLER_SEND_METRICS = 'false'",
    "# As the CLI does: only CLOUDFLARE_API_TOKEN may authenticate (CLOUDFLARE_API_KEY is also the name",
    "# of a secret, and wrangler would take it with CLOUDFLARE_EMAIL, or CF_API_KEY with CF_EMAIL, as a",
    "# global key ahead of the token); no debug logs.",
    `Remove-Item -Path ${GLOBAL_KEY_VARIABLES.map((name) => `Env:${name}`).join(", ")} -ErrorAction SilentlyContinue`,
    "$env:WRANGLER_LOG = 'log'",
    "# Native arguments are passed as in Windows PowerShell 5.1 by every version (7.3+ would re-quote them).",
    "$PSNativeCommandArgumentPassing = 'Legacy'",
    "# Text piped to wrangler is UTF-8 (Windows PowerShell 5.1 defaults to ASCII).",
    "$OutputEncoding = New-Object System.Text.UTF8Encoding $false",
    "",
    "function Stop-Provisioning([string] $Message) {",
    "  [Console]::Error.WriteLine($Message)",
    "  exit 1",
    "}",
    "",
    "# Runs wrangler with optional standard input; returns its exit status and combined output.",
    "function Invoke-Wrangler([string[]] $Arguments, [string] $InputText) {",
    "  # A native command's stderr must not become a terminating error: the exit code decides.",
    "  $ErrorActionPreference = 'Continue'",
    "  $command = $Wrangler[0]",
    "  $prefix = @($Wrangler | Select-Object -Skip 1)",
    "  if ($PSBoundParameters.ContainsKey('InputText')) {",
    "    $output = $InputText | & $command @prefix @Arguments 2>&1 | ForEach-Object { \"$_\" } | Out-String",
    "  } else {",
    "    $output = & $command @prefix @Arguments 2>&1 | ForEach-Object { \"$_\" } | Out-String",
    "  }",
    "  [pscustomobject]@{ Ok = ($LASTEXITCODE -eq 0); Output = $output }",
    "}",
    "",
    "# Hidden on a console; the SecureString is unwrapped only to be piped to wrangler.",
    "function Read-SecretValue([string] $Prompt, [string] $Name) {",
    "  $secure = Read-Host -Prompt $Prompt -AsSecureString",
    "  $plain = (New-Object System.Net.NetworkCredential('', $secure)).Password",
    "  if ([string]::IsNullOrEmpty($plain)) {",
    "    Stop-Provisioning ('No value given for {0}: stopping. Run the script again to continue.' -f $Name)",
    "  }",
    "  # A pasted PEM key arrives one line per prompt: never store its first line, and read the rest away",
    "  # so that the console this script returns to does not run it (or keep it in its history).",
    "  if ($plain -match '-----BEGIN [A-Z0-9 ]+-----' -and $plain -notmatch '-----END [A-Z0-9 ]+-----') {",
    "    $plain = $null",
    "    try { while ([Console]::KeyAvailable) { [void][Console]::ReadKey($true) } } catch { }",
    "    Stop-Provisioning ('The value for {0} is the first line of a multi-line value (a PEM key); a prompt reads one line: stopping. Put the key in a values file in double quotes and run: secrets-manifest apply --values-from FILE' -f $Name)",
    "  }",
    "  $plain",
    "}",
  ];
}

function remoteBody(plan: ProvisionPlan): string[] {
  const env = plan.environment;
  if (env.storeId === undefined) {
    return [`Write-Output ${q(`No worker binds a secret in ${env.name} and environments.${env.name} has no storeId in ${plan.manifestPath}: nothing to create.`)}`];
  }
  const lines = [
    `# Creates the ${commentSafe(env.name)} secrets in the Secrets Store of account ${env.accountId === undefined ? "$env:CLOUDFLARE_ACCOUNT_ID" : commentSafe(env.accountId)}.`,
    "# Secrets that already exist are skipped; change a value with `wrangler secrets-store secret update`.",
    ...(env.accountId === undefined
      ? [
          "if ([string]::IsNullOrEmpty($env:CLOUDFLARE_ACCOUNT_ID)) {",
          `  Stop-Provisioning ${q(`environments.${env.name} has no accountId in ${plan.manifestPath}: set it there, or set CLOUDFLARE_ACCOUNT_ID.`)}`,
          "}",
        ]
      : [`$env:CLOUDFLARE_ACCOUNT_ID = ${q(env.accountId)}`]),
    `$Environment = ${q(env.name)}`,
    `$StoreId = ${q(env.storeId)}`,
    `$Manifest = ${q(plan.manifestPath)}`,
    "",
    "function Stop-WithStoreIdFix([string] $Id) {",
    "  Stop-Provisioning ('Set environments.{0}.storeId to \"{1}\" in {2}, run `pnpm generate`, then run this script again.' -f $Environment, $Id, $Manifest)",
    "}",
    "",
    "# An account has at most one store: the manifest must name it.",
    "$stores = Invoke-Wrangler @('secrets-store', 'store', 'list', '--remote', '--per-page=100')",
    "if ($stores.Ok) {",
    "  if (-not $stores.Output.Contains($StoreId)) {",
    "    [Console]::Error.WriteLine($stores.Output)",
    "    [Console]::Error.WriteLine(('Store {0} is not in account {1} (its stores are listed above).' -f $StoreId, $env:CLOUDFLARE_ACCOUNT_ID))",
    "    Stop-WithStoreIdFix '<the id listed above>'",
    "  }",
    "} elseif ($stores.Output -match 'returned no stores') {",
    "  [Console]::Error.WriteLine(('Account {0} has no Secrets Store yet: creating one.' -f $env:CLOUDFLARE_ACCOUNT_ID))",
    "  $created = Invoke-Wrangler @('secrets-store', 'store', 'create', 'default_secrets_store', '--remote')",
    "  if (-not $created.Ok) { Stop-Provisioning $created.Output }",
    "  $newId = if ($created.Output -match 'ID: ([0-9a-f]{32})') { $Matches[1] } else { '' }",
    "  if ($newId -ne $StoreId) {",
    "    [Console]::Error.WriteLine((\"Created store {0}, which is not the manifest's {1}.\" -f $newId, $StoreId))",
    "    Stop-WithStoreIdFix $newId",
    "  }",
    "} else {",
    "  [Console]::Error.WriteLine($stores.Output)",
    "  Stop-Provisioning ('Could not list the stores of account {0} (see above).' -f $env:CLOUDFLARE_ACCOUNT_ID)",
    "}",
    "",
    "# Listed once; an empty store makes wrangler exit 1 with 'returned no secrets'.",
    "$listing = Invoke-Wrangler @('secrets-store', 'secret', 'list', $StoreId, '--remote', '--per-page=100')",
    "if (-not $listing.Ok -and $listing.Output -notmatch 'returned no secrets') {",
    "  [Console]::Error.WriteLine($listing.Output)",
    "  Stop-Provisioning ('Could not list the secrets of store {0} (see above).' -f $StoreId)",
    "}",
    "$Existing = if ($listing.Ok) { $listing.Output } else { '' }",
    "",
    "# True when the name is in the Name column of the table printed by `secret list`.",
    "function Test-SecretExists([string] $Name) {",
    "  foreach ($line in ($Existing -split \"`r?`n\")) {",
    "    $cells = $line.Split([char]0x2502)",
    "    if ($cells.Count -gt 2 -and $cells[1].Trim() -ceq $Name) { return $true }",
    "  }",
    "  $false",
    "}",
    "",
    "# CommentArgument is the whole `--comment=...` argument, already quoted for a native program.",
    "function New-StoreSecret([string] $Name, [string] $Scopes, [string] $CommentArgument) {",
    "  if (Test-SecretExists $Name) { Write-Host ('= {0} already exists, skipped' -f $Name); return }",
    "  $arguments = @('secrets-store', 'secret', 'create', $StoreId, \"--name=$Name\", \"--scopes=$Scopes\", '--remote')",
    "  $arguments += @($CommentArgument)",
    "  $value = Read-SecretValue ('Value for {0} (input hidden)' -f $Name) $Name",
    "  $result = Invoke-Wrangler $arguments $value",
    "  if ($result.Ok) { Write-Host ('+ {0} created' -f $Name) }",
    "  elseif ($result.Output -match 'already exists') { Write-Host ('= {0} already exists, skipped' -f $Name) }",
    "  else {",
    "    [Console]::Error.WriteLine($result.Output)",
    "    Stop-Provisioning ('Creating {0} failed (see above).' -f $Name)",
    "  }",
    "}",
    "",
  ];
  for (const secret of plan.remote) {
    lines.push(["New-StoreSecret", "-Name", q(secret.storeName), "-Scopes", q(secret.scopes), "-CommentArgument", q(quoteNativeArgument(`--comment=${secret.comment}`))].join(" "));
  }
  lines.push("Write-Host ('Done: the {0} secrets are in store {1}.' -f $Environment, $StoreId)");
  return lines;
}

function localBody(plan: ProvisionPlan): string[] {
  const env = plan.environment;
  const dev = plan.devEnvFlag === "" ? "wrangler dev" : `wrangler dev ${plan.devEnvFlag}`;
  const lines = [
    `# Seeds the local Secrets Store that \`${commentSafe(dev)} -c <app dir>/<config>\` reads from`,
    `# <app dir>/${LOCAL_STATE_DIR}, once per app that binds the secret. Overwrites earlier local values.`,
    "",
    "function Add-LocalSecret([string] $Value, [string] $StoreId, [string] $Name, [string] $AppDir) {",
    `  $persist = '{0}/{1}' -f $AppDir, ${q(LOCAL_STATE_DIR)}`,
    "  $arguments = @('secrets-store', 'secret', 'create', $StoreId, \"--name=$Name\", '--scopes=workers', \"--persist-to=$persist\")",
    "  $result = Invoke-Wrangler $arguments $Value",
    "  if ($result.Ok) { Write-Host ('+ {0} -> {1}' -f $Name, $persist) }",
    "  elseif ($result.Output -match 'already exists') { Write-Host ('= {0} already in {1}' -f $Name, $persist) }",
    "  else {",
    "    [Console]::Error.WriteLine($result.Output)",
    "    Stop-Provisioning ('Seeding {0} into {1} failed (see above).' -f $Name, $persist)",
    "  }",
    "}",
    "",
  ];
  for (const secret of plan.local) {
    lines.push(`$value = Read-SecretValue ${q(`Local ${env.name} value for ${secret.secret} (input hidden)`)} ${q(secret.secret)}`);
    for (const target of secret.targets) {
      lines.push(`Add-LocalSecret $value ${q(target.storeId)} ${q(target.storeName)} ${q(target.appDir)}`);
    }
  }
  lines.push("$value = $null");
  const done = plan.local.length === 0 ? `No app binds a secret in ${env.name}: nothing to seed.` : `Done: local ${env.name} secrets seeded.`;
  lines.push(`Write-Host ${q(done)}`);
  return lines;
}
