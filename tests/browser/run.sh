#!/usr/bin/env bash
# Runs one browser test of this folder (Playwright from npm driving Debian's Chromium) against the project's Jupyter
# (.venv, made by scripts/setup.sh):
#   bash tests/browser/run.sh jupyterlab        # JupyterLab with the bundled kernel, IJava 1.3.0 and JJava 1.0
#   bash tests/browser/run.sh walkthrough       # a student's edit of Task 05 (WALK_KERNELS=java or =jjava: one kernel)
#   bash tests/browser/run.sh lab-command       # `bash scripts/lab.sh --no-browser` in a scratch copy of the project
#   bash tests/browser/run.sh notebook-server   # Notebook 7 (jupyter notebook) with the bundled kernel
# IJava's and JJava's kernelspecs go to test-output/jupyter-data/ (tests/install-ijava.sh, tests/install-jjava.sh).
set -euo pipefail
name=${1:?usage: bash tests/browser/run.sh jupyterlab|walkthrough|lab-command|notebook-server}
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
source scripts/jupyter-env.sh  # PATH with .venv/bin, MNIST_DIR, JJAVA_CLASSPATH: what scripts/lab.sh gives the kernels
[ -x "$STUDY_VENV/bin/jupyter-lab" ] || { echo "no JupyterLab in $STUDY_VENV: run bash scripts/setup.sh" >&2; exit 1; }
case $name in
  jupyterlab) bash tests/install-ijava.sh >/dev/null; bash tests/install-jjava.sh >/dev/null ;;
  walkthrough) bash tests/install-jjava.sh >/dev/null ;;
esac
case $name in
  jupyterlab | walkthrough) export JUPYTER_PATH=$ROOT/test-output/jupyter-data${JUPYTER_PATH:+:$JUPYTER_PATH} ;;
esac
export STUDY_VENV JUPYTER="$STUDY_VENV/bin/jupyter"
cd tests/browser
[ -f "$name.test.mjs" ] || { echo "no browser test $name.test.mjs" >&2; exit 1; }
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent
node "$name.test.mjs"
