#!/usr/bin/env bash
# Runs the whole study on a fresh Debian 12 machine: set-up, kernel, every notebook in order (outputs saved in
# place), HTML and PDF exports. Runs already in the cache (runs/) are not trained again.
# Its timer covers the notebooks and exports (not the set-up); each run appends a row to exports/timing/run-study.tsv
# (date, mode, seeds, workers per kernel x notebooks at once, run-cache entries before and after, MNIST seconds, total seconds, load average at the
# start: a busy machine's figures are not comparable) and writes where each notebook's time went to
# exports/timing/profile-<date>.tsv (kernel start, each cell, saving, exports) and the run's time split to
# exports/timing/split-<date>.tsv (printed at the end: model cells, other cells, kernel start + setup, exports,
# waiting for a timing cell, idle slots, and idle cores from the CPU time used). Notebooks run several at once
# (scripts/run_notebooks.py: STUDY_JOBS, default one per core; STUDY_JOBS=1 runs them one after another).
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
bash scripts/setup.sh
source scripts/jupyter-env.sh  # the project's Jupyter (.venv) executes and exports the notebooks; MNIST_DIR default
source scripts/openblas-env.sh  # the OpenBLAS kernel for this CPU (OPENBLAS_CORETYPE), as the installed kernel has it
"$PY" scripts/install-kernel.py
mkdir -p exports/timing
stamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
export STUDY_PROFILE=${STUDY_PROFILE:-$PWD/exports/timing/profile-${stamp//:/}.tsv}
split_file=$PWD/exports/timing/split-${stamp//:/}.tsv
mode=full; [ "${STUDY_QUICK:-0}" = 1 ] && mode=quick
cache_dir=$(java -cp lib/study/target/mnist-study.jar org.mnistablation.settings.StudySettings run-cache)
entries() { # run-cache entries (0 when the cache does not exist yet)
  [ -d "$cache_dir" ] || { echo 0; return; }
  find "$cache_dir" -mindepth 1 -maxdepth 1 -type d -name '[0-9a-f]*' ! -name '*.tmp-*' | wc -l
}
before=$(entries)
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo ?)
start=$SECONDS
STUDY_SPLIT=$split_file "$PY" scripts/run_notebooks.py "$@"
mnist_seconds=$((SECONDS - start))
# The whole study also runs on Fashion-MNIST (Debian's dataset-fashion-mnist): its analyses and charts go to
# submission/fashion-mnist/ and results/fashion-mnist/, its executed notebooks to notebooks/fashion-mnist/ (committed,
# so every number of its analyses can be traced; they are records of the run: open the notebooks in notebooks/ to
# work), its exports to exports/fashion-mnist/. STUDY_FASHION=0 skips this; it is skipped too when notebooks were
# named or another dataset was chosen.
if [ $# -eq 0 ] && [ "${STUDY_FASHION:-1}" = 1 ] && [ -z "${STUDY_DATASET:-}" ] && [ "${STUDY_QUICK:-0}" != 1 ]; then
  echo "== Fashion-MNIST: the same notebooks"
  STUDY_PROFILE=${STUDY_PROFILE%.tsv}-fashion-mnist.tsv STUDY_SPLIT=${split_file%.tsv}-fashion-mnist.tsv \
    STUDY_DATASET=fashion-mnist "$PY" scripts/run_notebooks.py --out exports/fashion-mnist
  mkdir -p notebooks/fashion-mnist
  cp exports/fashion-mnist/notebooks-executed/notebook.ipynb exports/fashion-mnist/notebooks-executed/notebooks/*.ipynb \
    notebooks/fashion-mnist/
fi
total=$((SECONDS - start))
after=$(entries)
# workers column: training workers per kernel, and how many notebooks ran at once ("1 x 2 notebooks")
# (nproc obeys OMP_NUM_THREADS, which this script sets to 1 for the kernels: the cores are counted without it)
cores=$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc); jobs=${STUDY_JOBS:-$((cores < 4 ? cores : 4))}
workers_column="${STUDY_WORKERS:-$(( jobs > 1 ? (cores / jobs > 0 ? cores / jobs : 1) : cores ))} x $jobs notebooks"
timing=exports/timing/run-study.tsv
[ -s "$timing" ] || printf 'date\tmode\tseeds\tworkers\tcache_before\tcache_after\tmnist_s\ttotal_s\tload_at_start\n' > "$timing"
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$stamp" "$mode" "${STUDY_SEEDS:-default}" \
  "$workers_column" "$before" "$after" "$mnist_seconds" "$total" "$load" >> "$timing"
echo "run-study: ${STUDY_DATASET:-MNIST} notebooks in $mnist_seconds s (run cache $before -> $after entries; load average $load at the start)"
# the MNIST pass's wall time split (slot-seconds / slots = share of the wall time; idle cores from CPU time)
split_line() { # file -> one line
  awk -F'\t' '{v[$1]=$2} END {s=v["slots"]; if (s == "") exit;
    printf "training+model cells %.0f s, other cells %.0f s, kernel start+setup %.0f s, exports %.0f s, waiting for timing cells %.0f s, idle slots %.0f s (wall %.0f s, %d at a time); idle cores %.0f of %.0f core-s; load %s -> %s\n",
      v["model_slot_s"]/s, v["cells_slot_s"]/s, v["fixed_slot_s"]/s, v["export_slot_s"]/s, v["wait_slot_s"]/s,
      v["idle_slot_s"]/s, v["wall"], s, v["idle_core_s"], v["cores"]*v["wall"], v["load_start"], v["load_end"]}' "$1"
}
[ -s "$split_file" ] && echo "run-study: MNIST time split: $(split_line "$split_file")"
fashion_split=${split_file%.tsv}-fashion-mnist.tsv
[ -s "$fashion_split" ] && echo "run-study: Fashion-MNIST time split: $(split_line "$fashion_split")"
echo "run-study: where the time went: $STUDY_PROFILE (split: $split_file)"
echo "run-study: done in $total s; analyses in submission/, charts in results/, exports in exports/"
