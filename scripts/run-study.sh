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
echo "run-study: done in $((SECONDS - start)) s; analyses in submission/, charts in results/, exports in exports/"
