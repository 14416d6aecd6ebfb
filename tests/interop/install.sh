#!/usr/bin/env bash
# Installs the Node.js interop client's pinned packages (package-lock.json) for InteropTests. Idempotent: npm ci
# replaces node_modules with exactly the locked versions. Called by .ci/run before the .NET tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "tests/interop/install.sh: npm not found; installing Debian's nodejs and npm" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "tests/interop/install.sh: npm not found; install Node.js >= 18 with npm" >&2
    exit 1
  fi
fi
npm ci --no-audit --no-fund
