#!/usr/bin/env bash
# Installs what the browser tests need when it is missing: Debian's chromium, and
# playwright-core (pinned in package-lock.json) to drive it. Safe to run again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  npm ci --prefix "$here" --no-audit --no-fund --silent
fi
