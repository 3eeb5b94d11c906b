#!/usr/bin/env bash
# Prepares this machine for the tiers that run in a real VS Code (npm run test:integration, test:e2e):
#   1. Debian packages: chromium (the browser Playwright drives), ripgrep (code-server's search;
#      also packed below as @vscode/ripgrep's offline download), libkrb5-dev, g++, make and python3
#      (code-server's native modules build against them), fish (the unit and integration tests run
#      the quoting and the cURL commands made for fish in it), and the runtimes the unit tests run
#      the generated signing code in against the sandbox: php-cli, golang, ruby,
#      default-jdk-headless (java runs one-file sources), mono-mcs, mono-runtime and
#      libmono-system-net-http4.0-cil (C#), curl and openssl (the shell version); git (Write Token
#      to .env asks git whether the file is tracked or ignored, and a test makes a repository).
#      Installed only when missing.
#   2. code-server 4.100.3 (VS Code 1.100.3's server and web workbench, the newest line that runs on
#      Node 20) in .vscode-test/code-server-4.100.3/, with a marker file written after success.
# Idempotent: a second run only checks, in well under a second. See README "Tests in a real VS Code".
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3
RIPGREP_CACHE=vscode-ripgrep-cache-1.15.11
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
PACKAGES=(chromium ripgrep libkrb5-dev g++ make python3 fish git
  php-cli golang ruby default-jdk-headless mono-mcs mono-runtime libmono-system-net-http4.0-cil curl openssl)
# `--no-browser`: what `npm start` needs, code-server without the Chromium the tests drive.
if [[ "${1:-}" == "--no-browser" ]]; then PACKAGES=(ripgrep libkrb5-dev g++ make python3 fish); fi

ROOT="$PWD/.vscode-test"
DEST="$ROOT/code-server-$CODE_SERVER_VERSION"
MARKER="$DEST/.installed"
BIN="$DEST/node_modules/.bin/code-server"
LOG="$ROOT/code-server-$CODE_SERVER_VERSION-install.log"

started=$(date +%s%N)
elapsed() { local ms=$(( ($(date +%s%N) - started) / 1000000 )); printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100)); }
did=()

# --- 1. Debian packages -------------------------------------------------------------------------
missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  apt_cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup-test-env: missing Debian packages: ${missing[*]}" >&2
    echo "setup-test-env: install them as root, then run this script again:" >&2
    echo "  sudo sh -c '$apt_cmd'" >&2
    exit 1
  fi
  echo "setup-test-env: installing Debian packages: ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  did+=("installed ${missing[*]}")
else
  did+=("Debian packages present: ${PACKAGES[*]}")
fi

# --- 2. code-server ------------------------------------------------------------------------------
if [[ -f "$MARKER" && -x "$BIN" ]]; then
  did+=("code-server $CODE_SERVER_VERSION already in ${DEST#"$PWD"/}")
else
  echo "setup-test-env: installing code-server $CODE_SERVER_VERSION into ${DEST#"$PWD"/} (a few minutes; log: ${LOG#"$PWD"/})"
  rm -rf "$DEST"
  mkdir -p "$DEST/tmp/$RIPGREP_CACHE"
  # @vscode/ripgrep downloads rg from GitHub, which is unreachable here; it looks in this cache first.
  stage=$(mktemp -d)
  cp "$(command -v rg)" "$stage/rg"
  tar -czf "$DEST/tmp/$RIPGREP_CACHE/$RIPGREP_ARCHIVE" -C "$stage" rg
  rm -rf "$stage"
  echo '{ "private": true }' > "$DEST/package.json"
  # --unsafe-perm: as root, code-server's postinstall refuses to run without it.
  # npm_config_yes: a nested step runs `npx node-gyp`, which needs it without a terminal.
  # npm_config_dangerously_allow_all_scripts: npm 11's install-script policy would skip postinstall.
  if ! TMPDIR="$DEST/tmp" CI=true npm_config_yes=true npm_config_dangerously_allow_all_scripts=true \
    npm install --prefix "$DEST" "code-server@$CODE_SERVER_VERSION" --save-exact --unsafe-perm \
    --no-audit --no-fund </dev/null >"$LOG" 2>&1; then
    echo "setup-test-env: code-server install failed after $(elapsed); last lines of ${LOG#"$PWD"/}:" >&2
    tail -n 30 "$LOG" >&2
    exit 1
  fi
  if [[ ! -x "$BIN" || ! -x "$DEST/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]]; then
    echo "setup-test-env: npm finished but code-server is incomplete (no $BIN or no bundled rg); see ${LOG#"$PWD"/}" >&2
    exit 1
  fi
  rm -rf "$DEST/tmp"
  echo "code-server@$CODE_SERVER_VERSION installed $(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$MARKER"
  did+=("installed code-server $CODE_SERVER_VERSION into ${DEST#"$PWD"/}")
fi

printf 'setup-test-env: %s\n' "${did[@]}"
echo "setup-test-env: ready in $(elapsed)"
