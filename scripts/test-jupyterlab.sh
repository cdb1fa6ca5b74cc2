#!/usr/bin/env bash
# Browser test of JupyterLab with both Java kernels (the bundled `java` and IJava 1.3.0 as `ijava`): installs
# JupyterLab into a venv under .cache/ (pip's configured index; no public PyPI needed), IJava's kernelspec under
# test-output/jupyter-data/ (../shared/tools/ijava/install.sh, conda-forge's argv) and Playwright from npm, then
# runs tests/browser/jupyterlab.test.mjs with Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
venv=$ROOT/.cache/lab-venv
if [ ! -x "$venv/bin/jupyter-lab" ]; then
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/pip" install -q --retries 0 jupyterlab
fi
bash scripts/install-ijava.sh >/dev/null
# the kernels JupyterLab starts read MNIST from here (as scripts/test.sh and run-study.sh do); without it they try
# to download into ~/.cache/mnist-study, which fails offline
if [ -z "${MNIST_DIR:-}" ] && [ -d ../shared/datasets/mnist ]; then
  export MNIST_DIR=$(cd ../shared/datasets/mnist && pwd)
fi
export JUPYTER_PATH=$ROOT/test-output/jupyter-data${JUPYTER_PATH:+:$JUPYTER_PATH}
cd tests/browser
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent
JUPYTER="$venv/bin/jupyter" node jupyterlab.test.mjs
