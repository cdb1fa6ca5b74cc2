#!/usr/bin/env bash
# The project's tests, from a fresh Debian 12 machine: installs what is missing (scripts/setup.sh: Debian packages,
# the project's Jupyter in .venv, lib/ built), then runs
#  1. the Java unit tests (helper jar and kernel; the MNIST integration tests use ../shared/datasets/mnist or MNIST_DIR),
#  2. the kernel's Jupyter-protocol tests (pytest with jupyter_client/nbclient from .venv),
#  3. the notebook scheduler's rules (tests/test_notebook_scheduler.py), then every notebook executed headlessly in
#     quick mode, several at once as run_notebooks.py schedules them (STUDY_JOBS=1: one at a time), (copies under
#     test-output/, the committed ones stay untouched)
#     under the bundled `java` kernel, then under IJava 1.3.0 (../shared/tools/ijava, installed as `ijava` with
#     conda-forge's argv) and under JJava 1.0 (../shared/tools/jjava, installed as `jjava` with its own kernel.json),
#     both with DISPLAY=:99 unreachable and a fresh run cache so every run trains with live progress; the outputs of all three checked (tests/check_notebook_outputs.py: no errors, no
#     DisplayData@ or object names, rich tables/analyses and complete PNG charts, progress updated in place), and
#     IJava's through nbconvert's HTML and LaTeX routes,
#  4. the exports of the bundled kernel's and IJava's runs opened in headless Chromium (images loaded, analyses
#     rendered, no errors, nothing loaded from the network, charts in the PDFs), JupyterLab driven by Playwright
#     with the three kernels (two notebooks run from the Run menu), a student's edit of Task 05 in JupyterLab under
#     the bundled kernel and JJava (edit and re-run one cell, its analysis, an interrupt, a restart, the Summary) with
#     JupyterLab's own HTML and WebPDF exports, `bash scripts/lab.sh` opening the study, and Notebook 7.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}

setup_start=$SECONDS
bash scripts/setup.sh || { echo "setup failed"; exit 1; }
echo "=== set-up: $((SECONDS - setup_start)) s"
source scripts/jupyter-env.sh  # the project's Jupyter (.venv): PATH, PY; MNIST_DIR default
source scripts/openblas-env.sh  # the OpenBLAS kernel for this CPU (OPENBLAS_CORETYPE), as the installed kernel has it
"$PY" scripts/install-kernel.py || { echo "installing the java kernel failed"; exit 1; }

failed=0; passed=0; last_ok=0
step() { # name, command...
  local name=$1; shift
  local t0=$SECONDS
  echo "=== $name"
  if "$@"; then
    passed=$((passed + 1)); last_ok=1; echo "=== $name: ok ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1)); last_ok=0; echo "=== $name: FAILED ($((SECONDS - t0)) s)"
  fi
}
# the notebook run and the export check count as one test each in the closing line
extra_passed=0; extra_failed=0
count() { if [ "$last_ok" = 1 ]; then extra_passed=$((extra_passed + 1)); else extra_failed=$((extra_failed + 1)); fi; }

rm -rf lib/study/target/surefire-reports lib/kernel/target/surefire-reports test-output/kernel.junit.xml
# the same ND4J/OpenBLAS natives scripts/setup.sh built the jar with (their rounding differs between builds)
step "Java tests (lib/: helper jar and kernel)" bash -c "cd lib && mvn -B test $(bash ../scripts/javacpp-extension.sh)"
step "packaging per platform (deps/ for Linux, macOS arm64/x86-64, Windows)" "$PY" tests/check_packaging.py
step "kernel protocol tests" bash tests/kernel-protocol.sh --junitxml=test-output/kernel.junit.xml
step "notebook scheduling rules (Summary last, timing cells alone; stand-in jobs)" "$PY" tests/test_notebook_scheduler.py
count
step "HTML exports load MathJax only for notebooks with mathematics" "$PY" tests/test_notebook_exports.py
count
step "the kernel's class-data archive is kept only for the same jars, Java and options" "$PY" tests/test_install_kernel.py
count
step "the OpenBLAS kernel chosen from the CPU's flags (scripts/openblas-env.sh, stand-in flags)" \
  /usr/bin/python3 tests/test_openblas_env.py
count
rm -rf test-output/quick
step "every notebook in quick mode (STUDY_QUICK=1)" env STUDY_QUICK=1 "$PY" scripts/run_notebooks.py --quick-copy
count
step "outputs of the notebooks (bundled kernel)" "$PY" tests/check_notebook_outputs.py \
  test-output/quick/notebooks-executed --label java --counts test-output/quick/output-counts.json
count
numbers() { "$PY" tests/test_check_submission_numbers.py && "$PY" tests/check_submission_numbers.py test-output/quick; }
step "every number of submission/*.md appears in its executed notebook" numbers
count
step "every number of the committed analyses (MNIST and Fashion-MNIST) appears in its committed notebook" \
  /usr/bin/python3 tests/check_submission_numbers.py --committed .
count
step "word budgets of the analyses (committed and quick)" /usr/bin/python3 tests/check_word_budget.py \
  submission submission/fashion-mnist test-output/quick/submission
count
rm -rf test-output/quick-ijava test-output/runs-ijava
IJAVA_PATH=$(bash tests/install-ijava.sh) || IJAVA_PATH=""
step "every notebook in quick mode under IJava 1.3.0 (DISPLAY=:99)" env STUDY_QUICK=1 DISPLAY=:99 \
  STUDY_RUNS_DIR="$ROOT/test-output/runs-ijava" JUPYTER_PATH="$IJAVA_PATH" \
  "$PY" scripts/run_notebooks.py --kernel ijava --out test-output/quick-ijava
count
step "outputs of the notebooks (IJava 1.3.0), nbconvert --to html / --to latex" "$PY" \
  tests/check_notebook_outputs.py test-output/quick-ijava/notebooks-executed --label ijava \
  --counts test-output/quick-ijava/output-counts.json --nbconvert-routes test-output/quick-ijava/nbconvert
count
rm -rf test-output/quick-jjava test-output/runs-jjava
JJAVA_PATH=$(bash tests/install-jjava.sh) || JJAVA_PATH=""
# as a user's JJava runs them: the helper jar comes only from the setup cell's %classpath (no JJAVA_CLASSPATH); an
# empty run cache, so every run trains with live progress. JJava's charts through nbconvert are the browser
# walk-through's part (test-walkthrough.sh: JupyterLab's HTML and WebPDF exports).
step "every notebook in quick mode under JJava 1.0 (DISPLAY=:99)" env -u JJAVA_CLASSPATH STUDY_QUICK=1 DISPLAY=:99 \
  STUDY_RUNS_DIR="$ROOT/test-output/runs-jjava" JUPYTER_PATH="$JJAVA_PATH" \
  "$PY" scripts/run_notebooks.py --kernel jjava --out test-output/quick-jjava --no-export
count
step "outputs of the notebooks (JJava 1.0)" "$PY" tests/check_notebook_outputs.py \
  test-output/quick-jjava/notebooks-executed --label jjava --counts test-output/quick-jjava/output-counts.json
count
if command -v chromium >/dev/null; then
  step "exports seen in headless Chromium" "$PY" tests/check_exports.py \
    --exports test-output/quick/exports --notebooks test-output/quick/notebooks-executed --shots test-output/screenshots
  count
  step "exports of the IJava run seen in headless Chromium" "$PY" tests/check_exports.py \
    --exports test-output/quick-ijava/exports --notebooks test-output/quick-ijava/notebooks-executed \
    --shots test-output/screenshots/ijava
  count
  if command -v npm >/dev/null; then
    step "JupyterLab in Chromium with the three kernels (Playwright)" bash tests/browser/run.sh jupyterlab
    count
    step "a student's edit of Task 05 in JupyterLab, bundled kernel and JJava, and the Export menu (Playwright)" \
      bash tests/browser/run.sh walkthrough
    count
    step "bash scripts/lab.sh opens notebook.ipynb with the project's kernel (Playwright)" bash tests/browser/run.sh lab-command
    count
    step "Notebook 7 (jupyter notebook) in Chromium (Playwright)" bash tests/browser/run.sh notebook-server
    count
  fi
fi

echo
echo "test groups: $passed ok, $failed failed"
# the Java and Python tests counted one by one from their reports
"$PY" tests/summarize_tests.py "$extra_passed" "$extra_failed" \
  lib/study/target/surefire-reports lib/kernel/target/surefire-reports test-output/kernel.junit.xml
[ "$failed" = 0 ]
