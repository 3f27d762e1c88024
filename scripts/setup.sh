#!/bin/sh
# One-command set-up for a fresh machine that may have only Node 20 and npm:
#   - installs Node 24 from the npm registry when the running Node is older than 24.5: the CLI needs
#     22.18 or 23.6 (type stripping on by default), and the test suite needs 24.5 (the SDK tests trust
#     the local HTTPS certificate with tls.setDefaultCACertificates),
#   - installs pnpm 12.4.2,
#   - installs the workspace's dependencies from the lockfile,
#   - runs `pnpm generate` on the bundled manifest.
# Idempotent and quiet when there is nothing to do. Set SETUP_PREFIX to install Node and pnpm
# somewhere other than /usr/local (its bin folder must then be on PATH).
set -eu

NODE_VERSION=24.21.0
PNPM_VERSION=12.4.2
PREFIX=${SETUP_PREFIX:-/usr/local}

cd "$(dirname "$0")/.."

fail() {
  printf 'setup: %s\n' "$1" >&2
  [ -n "${2:-}" ] && printf '  fix: %s\n' "$2" >&2
  exit 1
}

command -v npm >/dev/null 2>&1 || fail "npm was not found on PATH." "install Node.js (20 or later) with npm, then run sh scripts/setup.sh again"

# Prefer what this script installed; a Node 24 already on PATH also counts.
ORIGINAL_PATH=$PATH
PATH="$PREFIX/bin:$PATH"
export PATH

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>24||(a===24&&b>=5)?0:1)' 2>/dev/null
}

ensure_prefix_writable() {
  mkdir -p "$PREFIX/bin" 2>/dev/null || true
  if [ ! -w "$PREFIX" ] || [ ! -w "$PREFIX/bin" ]; then
    fail "cannot write to $PREFIX to install $1." "run as a user who may write there (e.g. with sudo), or set SETUP_PREFIX=\$HOME/.local and put \$HOME/.local/bin on PATH"
  fi
}

# Runs a command, showing its output only when it fails.
quietly() {
  log=$(mktemp)
  if "$@" >"$log" 2>&1; then
    rm -f "$log"
    return 0
  fi
  cat "$log" >&2
  rm -f "$log"
  return 1
}

npm_global() {
  # npm 11 warns that install scripts are not covered by allowScripts, then runs them (node's
  # installer fetches the binary from the npm registry).
  quietly npm install --global --prefix "$PREFIX" --no-audit --no-fund "$1" ||
    fail "npm could not install $1." "check access to the npm registry (npm config get registry)"
  INSTALLED=1
}
INSTALLED=0

if ! node_ok; then
  ensure_prefix_writable "Node.js $NODE_VERSION"
  printf 'setup: installing Node.js %s into %s (found %s)\n' "$NODE_VERSION" "$PREFIX" "$(node --version 2>/dev/null || echo none)"
  npm_global "node@$NODE_VERSION"
  hash -r 2>/dev/null || true
  node_ok || fail "Node.js $NODE_VERSION was installed but $(command -v node) still reports $(node --version)." "put $PREFIX/bin before other folders on PATH"
fi

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  ensure_prefix_writable "pnpm $PNPM_VERSION"
  printf 'setup: installing pnpm %s into %s\n' "$PNPM_VERSION" "$PREFIX"
  npm_global "pnpm@$PNPM_VERSION"
  hash -r 2>/dev/null || true
  [ "$(pnpm --version 2>/dev/null || true)" = "$PNPM_VERSION" ] || fail "pnpm $PNPM_VERSION is not the pnpm on PATH ($(command -v pnpm))." "put $PREFIX/bin before other folders on PATH"
fi

if [ "$INSTALLED" = 1 ]; then
  case ":$ORIGINAL_PATH:" in
    *":$PREFIX/bin:"*) ;;
    *) printf 'setup: note: add %s/bin to PATH so that later shells find Node %s and pnpm\n' "$PREFIX" "$NODE_VERSION" ;;
  esac
fi

export WRANGLER_SEND_METRICS=false
quietly pnpm install --frozen-lockfile ||
  fail "pnpm install failed." "see the messages above; the lockfile must match package.json (run pnpm install and commit pnpm-lock.yaml)"
pnpm --silent generate --quiet
