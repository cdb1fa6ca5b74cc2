#!/usr/bin/env bash
# Browser test of `jupyter notebook` (Notebook 7 from the project's .venv) with the java kernel (Playwright from npm
# driving Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jupyter-env.sh
cd tests/browser
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent
JUPYTER="$STUDY_VENV/bin/jupyter" node notebook-server.test.mjs
