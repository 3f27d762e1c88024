// The bash flavour of the provisioning scripts. Fixed helper functions come first; the data lines
// at the end are the only interpolated text, and every interpolated value is single-quoted. Option
// values reach wrangler attached with `=` (`--comment=<text>`), so no text can be read as an option.
import { quoteBash as q } from "./shell-quote.ts";
import { commentSafe } from "./header.ts";
import { GLOBAL_KEY_VARIABLES } from "../provision/global-key.ts";
import { LOCAL_STATE_DIR, type ProvisionPlan } from "./provision-plan.ts";

export function renderBashScript(plan: ProvisionPlan): string {
  const body = plan.target === "remote" ? remoteBody(plan) : localBody(plan);
  return [...prelude(plan), "", ...body, ""].join("\n");
}

function prelude(plan: ProvisionPlan): string[] {
  return [
    "set -euo pipefail",
    "",
    "# Paths in this script are relative to the output root.",
    `cd -- "$(dirname -- "\${BASH_SOURCE[0]}")"/${q(plan.rootFromScript)}`,
    "# WRANGLER may name an executable or a command line such as `npx wrangler`.",
    'if [[ -n "${WRANGLER:-}" && -x "${WRANGLER}" ]]; then',
    '  wrangler=("$WRANGLER")',
    "else",
    '  read -r -a wrangler <<<"${WRANGLER:-pnpm exec wrangler}"',
    "fi",
    "export WRANGLER_SEND_METRICS=false",
    "# As the CLI does: only CLOUDFLARE_API_TOKEN may authenticate (CLOUDFLARE_API_KEY is also the name",
    "# of a secret, and wrangler would take it with CLOUDFLARE_EMAIL, or CF_API_KEY with CF_EMAIL, as a",
    "# global key ahead of the token); no debug logs.",
    `unset ${GLOBAL_KEY_VARIABLES.join(" ")}`,
    "export WRANGLER_LOG=log",
    "",
    "value=''",
    "# Hidden on a terminal; otherwise one line of standard input per secret.",
    "ask_value() {",
    "  value=''",
    '  IFS= read -r -s -p "$1 (input hidden): " value || true',
    "  if [[ -t 0 ]]; then echo >&2; fi",
    '  if [[ -z "$value" ]]; then',
    '    echo "No value given for $2: stopping. Run the script again to continue." >&2',
    "    exit 1",
    "  fi",
    "  # A pasted PEM key arrives one line per prompt: never store its first line, and read the rest",
    "  # away so that the shell this script returns to does not run it (or keep it in its history).",
    "  if [[ \"$value\" == *'-----BEGIN '*'-----'* && \"$value\" != *'-----END '* ]]; then",
    "    value=''",
    "    if [[ -t 0 ]]; then while IFS= read -r -s -t 0.5 _; do :; done; fi",
    '    echo "The value for $2 is the first line of a multi-line value (a PEM key); a prompt reads one line: stopping." >&2',
    '    echo "Put the key in a values file in double quotes (NAME=\\"-----BEGIN ...\\") and run: secrets-manifest apply --values-from FILE" >&2',
    "    exit 1",
    "  fi",
    "}",
  ];
}

function remoteBody(plan: ProvisionPlan): string[] {
  const env = plan.environment;
  if (env.storeId === undefined) {
    return [`echo ${q(`No worker binds a secret in ${env.name} and environments.${env.name} has no storeId in ${plan.manifestPath}: nothing to create.`)}`];
  }
  const lines = [
    `# Creates the ${commentSafe(env.name)} secrets in the Secrets Store of account ${env.accountId === undefined ? "$CLOUDFLARE_ACCOUNT_ID" : commentSafe(env.accountId)}.`,
    "# Secrets that already exist are skipped; change a value with `wrangler secrets-store secret update`.",
    ...(env.accountId === undefined
      ? [
          'if [[ -z "${CLOUDFLARE_ACCOUNT_ID:-}" ]]; then',
          `  echo ${q(`environments.${env.name} has no accountId in ${plan.manifestPath}: set it there, or export CLOUDFLARE_ACCOUNT_ID.`)} >&2`,
          "  exit 1",
          "fi",
        ]
      : [`export CLOUDFLARE_ACCOUNT_ID=${q(env.accountId)}`]),
    `environment=${q(env.name)}`,
    `store_id=${q(env.storeId)}`,
    `manifest=${q(plan.manifestPath)}`,
    "",
    "fix_store_id() {",
    '  echo "Set environments.$environment.storeId to \\"$1\\" in $manifest, run \\`pnpm generate\\`, then run this script again." >&2',
    "  exit 1",
    "}",
    "",
    "# An account has at most one store: the manifest must name it.",
    'if stores=$("${wrangler[@]}" secrets-store store list --remote --per-page=100 </dev/null 2>&1); then',
    '  if ! grep -qF -- "$store_id" <<<"$stores"; then',
    "    printf '%s\\n' \"$stores\" >&2",
    '    echo "Store $store_id is not in account $CLOUDFLARE_ACCOUNT_ID (its stores are listed above)." >&2',
    '    fix_store_id "<the id listed above>"',
    "  fi",
    "elif grep -q 'returned no stores' <<<\"$stores\"; then",
    '  echo "Account $CLOUDFLARE_ACCOUNT_ID has no Secrets Store yet: creating one." >&2',
    '  created=$("${wrangler[@]}" secrets-store store create default_secrets_store --remote </dev/null 2>&1) ||',
    "    { printf '%s\\n' \"$created\" >&2; exit 1; }",
    "  new_id=$(sed -n 's/.*ID: \\([0-9a-f]\\{32\\}\\).*/\\1/p' <<<\"$created\" | head -n 1)",
    '  if [[ "$new_id" != "$store_id" ]]; then',
    '    echo "Created store ${new_id:-(id not found in the output of wrangler)}, which is not the manifest\'s $store_id." >&2',
    '    fix_store_id "$new_id"',
    "  fi",
    "else",
    "  printf '%s\\n' \"$stores\" >&2",
    '  echo "Could not list the stores of account $CLOUDFLARE_ACCOUNT_ID (see above)." >&2',
    "  exit 1",
    "fi",
    "",
    "# Listed once; an empty store makes wrangler exit 1 with 'returned no secrets'.",
    'if ! existing=$("${wrangler[@]}" secrets-store secret list "$store_id" --remote --per-page=100 </dev/null 2>&1); then',
    "  if ! grep -q 'returned no secrets' <<<\"$existing\"; then",
    "    printf '%s\\n' \"$existing\" >&2",
    '    echo "Could not list the secrets of store $store_id (see above)." >&2',
    "    exit 1",
    "  fi",
    "  existing=''",
    "fi",
    "",
    "# True when $1 is in the Name column of the table printed by `secret list`.",
    "secret_exists() {",
    "  awk -F $'\\xe2\\x94\\x82' -v name=\"$1\" '{ cell = $2; gsub(/^[ \\t]+|[ \\t]+$/, \"\", cell); if (cell == name) found = 1 }",
    "    END { exit found ? 0 : 1 }' <<<\"$existing\"",
    "}",
    "",
    "# create_secret NAME SCOPES COMMENT",
    "create_secret() {",
    '  local name=$1 output',
    '  local args=(secrets-store secret create "$store_id" "--name=$name" "--scopes=$2" --remote "--comment=$3")',
    '  if secret_exists "$name"; then',
    '    echo "= $name already exists, skipped"',
    "    return 0",
    "  fi",
    '  ask_value "Value for $name" "$name"',
    "  # printf is a builtin: the value travels through a pipe, never through a process's arguments.",
    "  if output=$(printf '%s' \"$value\" | \"${wrangler[@]}\" \"${args[@]}\" 2>&1); then",
    '    echo "+ $name created"',
    "  elif grep -qi 'already exists' <<<\"$output\"; then",
    '    echo "= $name already exists, skipped"',
    "  else",
    "    printf '%s\\n' \"$output\" >&2",
    '    echo "Creating $name failed (see above)." >&2',
    "    exit 1",
    "  fi",
    "  value=''",
    "}",
    "",
  ];
  for (const secret of plan.remote) {
    lines.push(["create_secret", q(secret.storeName), q(secret.scopes), q(secret.comment)].join(" "));
  }
  lines.push(`echo "Done: the $environment secrets are in store $store_id."`);
  return lines;
}

function localBody(plan: ProvisionPlan): string[] {
  const env = plan.environment;
  const dev = plan.devEnvFlag === "" ? "wrangler dev" : `wrangler dev ${plan.devEnvFlag}`;
  const lines = [
    `# Seeds the local Secrets Store that \`${commentSafe(dev)} -c <app dir>/<config>\` reads from`,
    `# <app dir>/${LOCAL_STATE_DIR}, once per app that binds the secret. Overwrites earlier local values.`,
    "",
    "# seed STORE_ID STORE_NAME APP_DIR",
    "seed() {",
    `  local persist="$3"/${q(LOCAL_STATE_DIR)} output`,
    "  # printf is a builtin: the value travels through a pipe, never through a process's arguments.",
    "  if output=$(printf '%s' \"$value\" | \"${wrangler[@]}\" secrets-store secret create \"$1\" \"--name=$2\" --scopes=workers \"--persist-to=$persist\" 2>&1); then",
    '    echo "+ $2 -> $persist"',
    "  elif grep -qi 'already exists' <<<\"$output\"; then",
    '    echo "= $2 already in $persist"',
    "  else",
    "    printf '%s\\n' \"$output\" >&2",
    '    echo "Seeding $2 into $persist failed (see above)." >&2',
    "    exit 1",
    "  fi",
    "}",
    "",
  ];
  for (const secret of plan.local) {
    lines.push(`ask_value ${q(`Local ${env.name} value for ${secret.secret}`)} ${q(secret.secret)}`);
    for (const target of secret.targets) {
      lines.push(`seed ${q(target.storeId)} ${q(target.storeName)} ${q(target.appDir)}`);
    }
  }
  lines.push("value=''");
  lines.push(plan.local.length === 0 ? `echo ${q(`No app binds a secret in ${env.name}: nothing to seed.`)}` : `echo ${q(`Done: local ${env.name} secrets seeded.`)}`);
  return lines;
}
