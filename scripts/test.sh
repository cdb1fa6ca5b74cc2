#!/usr/bin/env bash
# The project's tests, from a fresh Debian 12 machine: installs what is missing, builds lib/, then runs
#  1. the Java unit tests (helper jar and kernel; the MNIST integration tests use ../shared/datasets/mnist or MNIST_DIR),
#  2. the kernel's Jupyter-protocol tests (Python, Debian's jupyter_client/nbclient),
#  3. every notebook executed headlessly in quick mode (copies under test-output/, the committed ones stay untouched),
#  4. the browser checks of the exported HTML/PDF (when Chromium is installed).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
if [ -z "${MNIST_DIR:-}" ] && [ -d "$ROOT/../shared/datasets/mnist" ]; then
  export MNIST_DIR="$ROOT/../shared/datasets/mnist"
fi

bash scripts/setup.sh || { echo "setup failed"; exit 1; }

failed=0; passed=0
step() { # name, command...
  local name=$1; shift
  local t0=$SECONDS
  echo "=== $name"
  if "$@"; then
    passed=$((passed + 1)); echo "=== $name: ok ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1)); echo "=== $name: FAILED ($((SECONDS - t0)) s)"
  fi
}

step "Java tests (lib/)" bash -c "cd lib && mvn -B -q test"
if [ -f scripts/test-kernel.sh ]; then
  step "kernel protocol tests" bash scripts/test-kernel.sh
fi
if [ -f scripts/run_notebooks.py ]; then
  step "notebooks, quick mode" env STUDY_QUICK=1 /usr/bin/python3 scripts/run_notebooks.py --quick-copy
fi
if [ -f scripts/test-browser.sh ] && command -v chromium >/dev/null; then
  step "browser checks of the exports" bash scripts/test-browser.sh
fi

echo
echo "test groups: $passed passed, $failed failed"
[ "$failed" = 0 ]
