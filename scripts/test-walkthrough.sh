#!/usr/bin/env bash
# Browser test of a student's edit of Task 05 in JupyterLab (tests/browser/walkthrough.test.mjs) under the bundled
# kernel and JJava 1.0, with JupyterLab's own HTML and WebPDF exports: JupyterLab from the project's .venv with the
# environment scripts/lab.sh gives it (scripts/jupyter-env.sh), JJava's kernelspec under test-output/jupyter-data/,
# Playwright from npm driving Debian's Chromium. WALK_KERNELS=java or =jjava runs one kernel.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/jupyter-env.sh
[ -x "$STUDY_VENV/bin/jupyter-lab" ] || { echo "no JupyterLab in $STUDY_VENV: run bash scripts/setup.sh" >&2; exit 1; }
bash scripts/install-jjava.sh >/dev/null
export JUPYTER_PATH=$ROOT/test-output/jupyter-data${JUPYTER_PATH:+:$JUPYTER_PATH}
cd tests/browser
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent
JUPYTER="$STUDY_VENV/bin/jupyter" node walkthrough.test.mjs
