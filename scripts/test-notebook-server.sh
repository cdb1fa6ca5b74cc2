#!/usr/bin/env bash
# Browser test of the classic notebook server with the java kernel (Playwright from npm driving Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/../tests/browser"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent
node notebook-server.test.mjs
