#!/usr/bin/env bash
# Training-speed benchmark, side by side: the project's DL4J training loop (the code the notebooks run), then
# PyTorch on the same MLP as Debian installs it (reference BLAS) and with Debian's OpenBLAS (OpenMP build,
# OPENBLAS_CORETYPE unset for that run only). PyTorch parts are skipped when python3-torch is missing.
#   bash scripts/bench.sh [epochs] [batch sizes...]      (default: 4 epochs, batch 8 32 128)
set -uo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-4}; shift || true
batches=${*:-8 32 128}
if [ -z "${MNIST_DIR:-}" ] && [ -d ../shared/datasets/mnist ]; then export MNIST_DIR=$(cd ../shared/datasets/mnist && pwd); fi
[ -f lib/study/target/mnist-study.jar ] || (cd lib && mvn -q -B -pl study package -DskipTests)
out=$(mktemp -d)
echo "== project (DL4J, OMP_NUM_THREADS=1)"
OMP_NUM_THREADS=1 java -Xmx6g -XX:+UseParallelGC -Djava.awt.headless=true -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
  -cp lib/study/target/mnist-study.jar org.mnistablation.bench.TrainingBenchmark "$epochs" $batches 2>/dev/null | tee "$out/java.txt"
if /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "== PyTorch as installed"
  /usr/bin/python3 scripts/bench_pytorch.py "$epochs" $batches | tee "$out/torch.txt"
  openblas=/usr/lib/x86_64-linux-gnu/openblas-openmp
  if [ -e "$openblas/libblas.so.3" ]; then
    echo "== PyTorch with Debian's OpenBLAS (openmp)"
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE LD_LIBRARY_PATH="$openblas" \
      /usr/bin/python3 scripts/bench_pytorch.py "$epochs" $batches | tee "$out/torch-openblas.txt"
  else
    echo "== PyTorch with OpenBLAS: skipped (apt-get install libopenblas0-openmp)"
  fi
  echo "== ratio project / PyTorch (seconds per training epoch)"
  for b in $batches; do
    j=$(awk -v b="$b" '$1==b && $2=="|" {print $3}' "$out/java.txt")
    t=$(awk -v b="$b" '$1==b && $2=="|" {print $3}' "$out/torch.txt")
    o=$(awk -v b="$b" '$1==b && $2=="|" {print $3}' "$out/torch-openblas.txt" 2>/dev/null)
    printf "batch %4s: project %6s s, PyTorch %6s s (ratio %s), PyTorch+OpenBLAS %6s s (ratio %s)\n" "$b" "$j" "$t" \
      "$(awk -v a="$j" -v c="$t" 'BEGIN{if (c>0) printf "%.2f", a/c; else print "-"}')" "${o:--}" \
      "$(awk -v a="$j" -v c="$o" 'BEGIN{if (c>0) printf "%.2f", a/c; else print "-"}')"
  done
else
  echo "== PyTorch: skipped (python3-torch is not installed)"
fi
rm -rf "$out"
