#!/usr/bin/env bash
# Browser test of the README's open command, `bash scripts/lab.sh --no-browser` (tests/browser/lab-command.test.mjs):
# run in a scratch copy of the project with the project's .venv, its printed URL opened in Debian's Chromium shows
# notebook.ipynb in JupyterLab with the project's kernel.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jupyter-env.sh
[ -x "$STUDY_VENV/bin/jupyter-lab" ] || { echo "no JupyterLab in $STUDY_VENV: run bash scripts/setup.sh" >&2; exit 1; }
export STUDY_VENV
cd tests/browser
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent
node lab-command.test.mjs
