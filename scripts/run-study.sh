#!/usr/bin/env bash
# Runs the whole study on a fresh Debian 12 machine: set-up, kernel, every notebook in order (outputs saved in
# place), HTML and PDF exports. Runs already in the cache (runs/) are not trained again.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
if [ -z "${MNIST_DIR:-}" ] && [ -d ../shared/datasets/mnist ]; then
  export MNIST_DIR=$(cd ../shared/datasets/mnist && pwd)
fi
bash scripts/setup.sh
bash scripts/install-kernel.sh
start=$SECONDS
/usr/bin/python3 scripts/run_notebooks.py "$@"
# The whole study also runs on Fashion-MNIST (Debian's dataset-fashion-mnist): its analyses and charts go to
# submission/fashion-mnist/ and results/fashion-mnist/, its executed notebooks and exports to exports/fashion-mnist/
# (the committed notebooks stay MNIST's). Then MNIST's Summary runs again so its cross-dataset table sees those runs.
# STUDY_FASHION=0 skips this; it is skipped too when notebooks were named or another dataset was chosen.
if [ $# -eq 0 ] && [ "${STUDY_FASHION:-1}" = 1 ] && [ -z "${STUDY_DATASET:-}" ] && [ "${STUDY_QUICK:-0}" != 1 ]; then
  echo "== Fashion-MNIST: the same notebooks"
  STUDY_DATASET=fashion-mnist /usr/bin/python3 scripts/run_notebooks.py --out exports/fashion-mnist
  echo "== MNIST Summary again, with the Fashion-MNIST runs in its cross-dataset table"
  /usr/bin/python3 scripts/run_notebooks.py --only Summary
fi
echo "run-study: done in $((SECONDS - start)) s; analyses in submission/, charts in results/, exports in exports/"
