#!/usr/bin/env bash
# Training-speed benchmark, side by side, same MNIST split, same MLP, same epoch protocol (1 warm-up epoch, then the
# median of the measured ones; training = shuffle + minibatch steps, validation pass timed apart):
#   1. the project's training loop (org.mnistablation.train.Trainer, the code the notebooks run) with its default
#      fused engine, and again with the DL4J fit engine it replaced (BENCH_DL4J=0 skips that one);
#   2. PyTorch (Debian's python3-torch) with Debian's reference BLAS (what python3-torch alone installs;
#      BENCH_REFBLAS=0 skips it);
#   3. PyTorch with Debian's OpenBLAS (libopenblas0-openmp), OPENBLAS_CORETYPE unset for that run only.
# The PyTorch runs are skipped with a message when python3-torch (or that BLAS) is not installed.
#
# Both for the study's baseline (784-128-10) and for a two-hidden-layer model (784-256-128-10, ReLU, Adam);
# BENCH_MODELS="128" keeps only the baseline, BENCH_MODELS="128 256,128 512,256,128" adds others.
# Then the project's time per training step against that step's one-thread SGEMM bound, and the whole MNIST study's
# arithmetic: the runs of its run cache (BENCH_RUN_CACHE, default STUDY_RUNS_DIR/mnist, else runs/mnist-full), their
# FLOPs, the seconds their histories recorded and the ratio to the two-core bound (StudyCostBenchmark).
#
#   bash scripts/bench.sh [epochs] [batch sizes...]      (default: 4 epochs, batch sizes 8 32 128)
# Environment: MNIST_DIR (default ../shared/datasets/mnist next to the repository), BENCH_JAR (default
# lib/bench/target/mnist-study-bench.jar, the benchmarks' own Maven module, run beside lib/study/target/mnist-study.jar;
# built with Maven if missing). Run it on an otherwise idle machine: a second
# busy process on these 2 cores slows PyTorch's 2 OpenMP threads several-fold.
set -uo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-4}
shift || true
batches=${*:-8 32 128}
if [ -z "${MNIST_DIR:-}" ] && [ -d ../shared/datasets/mnist ]; then
  MNIST_DIR=$(cd ../shared/datasets/mnist && pwd)
fi
export MNIST_DIR
source scripts/openblas-env.sh  # ND4J's OpenBLAS kernel for this CPU, as the notebooks' kernel has it
jar=${BENCH_JAR:-lib/bench/target/mnist-study-bench.jar}:lib/study/target/mnist-study.jar
if [ ! -f "${jar%%:*}" ]; then
  echo "== building $jar"
  (cd lib && mvn -q -B -pl bench -am package -DskipTests $(bash ../scripts/javacpp-extension.sh)) || { echo "build failed: see the Maven output above" >&2; exit 1; }
fi
if busy=$(pgrep -af 'TrainingBenchmark|bench_pytorch|ipykernel|mnistablation.kernel|ijava' | grep -v "^$$ "); then
  echo "warning: other training processes are running; figures will be slower than on an idle machine:"
  echo "$busy" | cut -c1-120
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
libdir=/usr/lib/x86_64-linux-gnu

run_java() { # engine, hidden widths, output file
  OMP_NUM_THREADS=1 java --add-modules jdk.incubator.vector -Xmx4g -Xmn1g -XX:+UseParallelGC -Djava.awt.headless=true \
    -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Dbench.engine="$1" -Dbench.hidden="$2" \
    -cp "$jar" org.mnistablation.bench.TrainingBenchmark "$epochs" $batches 2>"$3.err" | tee "$3"
  if ! grep -q '^ *[0-9][0-9]* |' "$3"; then
    echo "the Java benchmark ($1, $2) printed no results; its errors:" >&2
    tail -20 "$3.err" >&2
  fi
}

# Second column of a result row (train seconds per epoch) for batch size $2 in file $1.
train_seconds() { awk -v b="$2" '$1==b && $2=="|" {print $3}' "$1" 2>/dev/null; }
# Train + validation seconds per epoch (second and third columns) for batch size $2 in file $1.
epoch_seconds() { awk -v b="$2" '$1==b && $2=="|" {printf "%.2f\n", $3 + $5}' "$1" 2>/dev/null; }
ratio() { awk -v a="$1" -v c="$2" 'BEGIN { if (a > 0 && c > 0) printf "%.2f", a / c; else printf "-" }'; }

have_torch=0
/usr/bin/python3 -c "import torch" 2>/dev/null && have_torch=1
[ "$have_torch" = 1 ] || echo "== PyTorch: skipped (python3-torch is not installed: apt-get install --no-install-recommends python3-torch)"

have_keras=0
keras_venv=${KERAS_VENV:-.cache/keras-venv}
if [ "${BENCH_KERAS:-1}" = 1 ]; then
  if [ ! -x "$keras_venv/bin/python" ] || ! KERAS_BACKEND=jax "$keras_venv/bin/python" -c "import keras, jax" 2>/dev/null; then
    echo "== Keras 3 + JAX: installing into $keras_venv (pip install --retries 0 keras jax jaxlib)"
    python3 -m venv "$keras_venv" && "$keras_venv/bin/pip" install -q --retries 0 keras jax jaxlib >"$out/pip.log" 2>&1 \
      || { echo "   pip could not install them (see below); Keras is skipped"; tail -5 "$out/pip.log"; }
  fi
  KERAS_BACKEND=jax "$keras_venv/bin/python" -c "import keras, jax" 2>/dev/null && have_keras=1
else
  echo "== Keras 3 + JAX: skipped (BENCH_KERAS=0)"
fi

# One summary row per batch size for the model $tag: the project's figure, then each peer's with the ratio; $1 is the
# reader of a figure (train_seconds or epoch_seconds).
summary_rows() {
  local read=$1 b j d t k r line
  for b in $batches; do
    j=$($read "$out/java-$tag.txt" "$b")
    line=$(printf "%5s | %8s" "$b" "${j:--}")
    if [ ${#java_runs[@]} -gt 1 ]; then
      d=$($read "$out/java-dl4j-$tag.txt" "$b")
      line+=$(printf " | %8s" "${d:--}")
    fi
    for r in "${torch_runs[@]}"; do
      t=$($read "$out/torch-$r-$tag.txt" "$b")
      line+=$(printf " | %15s | %5s" "${t:--}" "$(ratio "${j:-0}" "${t:-0}")")
    done
    for r in "${keras_runs[@]}"; do
      k=$($read "$out/$r-$tag.txt" "$b")
      line+=$(printf " | %9s | %5s" "${k:--}" "$(ratio "${j:-0}" "${k:-0}")")
    done
    echo "$line"
  done
}

summaries=()
steps=()
for hidden in ${BENCH_MODELS:-128 256,128}; do
  tag=${hidden//,/-}
  echo
  echo "######## model 784-$tag-10"
  echo "== project: Trainer, fused engine (the notebooks' default; OMP_NUM_THREADS=1)"
  run_java fused "$hidden" "$out/java-$tag.txt"
  java_runs=(java)
  if [ "${BENCH_DL4J:-1}" = 1 ] && [ "$hidden" = 128 ]; then
    echo "== project before: Trainer, DL4J fit engine (one MultiLayerNetwork.fit per minibatch; BENCH_DL4J=0 skips it)"
    run_java dl4j_fit "$hidden" "$out/java-dl4j-$tag.txt"
    java_runs+=(java-dl4j)
  fi
  torch_runs=()
  if [ "$have_torch" = 1 ]; then
    if [ "${BENCH_REFBLAS:-1}" = 1 ] && [ -e "$libdir/blas/libblas.so.3" ] && [ "$hidden" = 128 ]; then
      echo "== PyTorch, Debian's reference BLAS (libblas3)"
      BENCH_HIDDEN="$hidden" LD_LIBRARY_PATH="$libdir/blas:$libdir/lapack" /usr/bin/python3 scripts/bench_pytorch.py \
        "$epochs" $batches | tee "$out/torch-reference-$tag.txt"
      torch_runs+=(reference)
    fi
    if [ -e "$libdir/openblas-openmp/libblas.so.3" ]; then
      echo "== PyTorch, Debian's OpenBLAS (libopenblas0-openmp, OPENBLAS_CORETYPE unset)"
      env -u OPENBLAS_CORETYPE BENCH_HIDDEN="$hidden" LD_LIBRARY_PATH="$libdir/openblas-openmp" \
        /usr/bin/python3 scripts/bench_pytorch.py "$epochs" $batches | tee "$out/torch-openblas-$tag.txt"
      torch_runs+=(openblas)
    else
      echo "== PyTorch, OpenBLAS: skipped (apt-get install libopenblas0-openmp)"
    fi
  fi

  keras_runs=()
  if [ "$have_keras" = 1 ] && [ "$hidden" = 128 ]; then
    echo "== Keras $("$keras_venv/bin/python" -c 'import importlib.metadata as m; print(m.version("keras"))') on JAX (XLA on CPU), $keras_venv"
    KERAS_BACKEND=jax MNIST_DIR="$MNIST_DIR" "$keras_venv/bin/python" scripts/bench_keras.py "$epochs" $batches \
      2> >(grep -v '^WARNING\|^W0000\|^E0000\|^I0000' >&2) | tee "$out/keras-jax-$tag.txt"
    keras_runs+=(keras-jax)
  fi

  header=$(printf "%5s | %8s" batch project)
  [ ${#java_runs[@]} -gt 1 ] && header+=$(printf " | %8s" dl4j-fit)
  for r in "${torch_runs[@]}"; do header+=$(printf " | %15s | %5s" "torch-$r" ratio); done
  for r in "${keras_runs[@]}"; do header+=$(printf " | %9s | %5s" "$r" ratio); done
  summary="model 784-$tag-10"$'\n'"$header"
  with_val="model 784-$tag-10, train + validation"$'\n'"$header"
  with_val+=$'\n'"$(summary_rows epoch_seconds)"
  summary+=$'\n'"$(summary_rows train_seconds)"
  summaries+=("$summary" "$with_val")
  steps+=("model 784-$tag-10"$'\n'"$(grep -E '^ *[0-9]+ \|' "$out/java-$tag.txt" | awk -F'|' '{printf "%5d | %8.0f | %17.0f | %12.1f\n", $1, $9, $10, $11}')")
done

echo
echo "== summary: seconds per epoch (medians; training alone, then training + validation pass), ratio = project (fused) / the column before it (above 1: the project is slower)"
for s in "${summaries[@]}"; do
  echo "$s"
  echo
done
echo "== project per training step (fused engine) against the one-thread SGEMM bound of that step (its FLOPs / the 1-thread 1024^3 rate)"
for s in "${steps[@]}"; do
  echo "$s" | sed '1a\batch |  step us | 1-thread bound us | x step bound'
  echo
done

echo "== the MNIST study's arithmetic (run cache: ${BENCH_RUN_CACHE:-STUDY_RUNS_DIR/mnist, else runs/mnist-full})"
OMP_NUM_THREADS=1 java --add-modules jdk.incubator.vector -Xmx2g -Djava.awt.headless=true -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -cp "$jar" \
  org.mnistablation.bench.StudyCostBenchmark ${BENCH_RUN_CACHE:+"$BENCH_RUN_CACHE"} 2>"$out/cost.err" \
  || { echo "the study arithmetic failed:"; tail -5 "$out/cost.err"; }
echo

if [ "${BENCH_THROUGHPUT:-1}" = 1 ]; then
  echo "== study throughput: one model's seeds one after another (1 worker) vs at once (one worker per core)"
  OMP_NUM_THREADS=1 java --add-modules jdk.incubator.vector -Xmx4g -Xmn1g -XX:+UseParallelGC -Djava.awt.headless=true \
    -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -cp "$jar" org.mnistablation.bench.ThroughputBenchmark \
    "${BENCH_RUNS:-4}" "${BENCH_RUN_EPOCHS:-2}" 2>"$out/throughput.err" | grep -v '^machine\|^Java\|^OMP\|^native' \
    || tail -20 "$out/throughput.err"
fi
timing=exports/timing/run-study.tsv
echo
if [ -s "$timing" ]; then
  echo "== whole-study wall time, as scripts/run-study.sh recorded it (last 5 runs of $timing)"
  { head -1 "$timing"; tail -n +2 "$timing" | tail -5; } | column -t -s $'\t'
else
  echo "== whole-study wall time: none recorded yet (bash scripts/run-study.sh writes $timing)"
fi
