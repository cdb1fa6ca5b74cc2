#!/usr/bin/env bash
# Browser test of JupyterLab with the three Java kernels (the bundled `java`, IJava 1.3.0 as `ijava`, JJava 1.0 as
# `jjava`): JupyterLab from the project's .venv (scripts/setup.sh), IJava's and JJava's kernelspecs under
# test-output/jupyter-data/ (their own installers), Playwright from npm; runs tests/browser/jupyterlab.test.mjs with
# Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/jupyter-env.sh  # PATH with .venv/bin, MNIST_DIR (the kernels JupyterLab starts read MNIST from there)
[ -x "$STUDY_VENV/bin/jupyter-lab" ] || { echo "no JupyterLab in $STUDY_VENV: run bash scripts/setup.sh" >&2; exit 1; }
bash scripts/install-ijava.sh >/dev/null
bash scripts/install-jjava.sh >/dev/null
export JUPYTER_PATH=$ROOT/test-output/jupyter-data${JUPYTER_PATH:+:$JUPYTER_PATH}
cd tests/browser
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent
JUPYTER="$STUDY_VENV/bin/jupyter" node jupyterlab.test.mjs
