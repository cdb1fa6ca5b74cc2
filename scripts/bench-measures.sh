#!/usr/bin/env bash
# Time of the measures at stored weights for the whole MNIST study (org.mnistablation.bench.MeasureBenchmark): every
# run the task notebooks recorded in runs/mnist-full (BENCH_RUNS=<dir> for another run cache) measured with the measures
# its task needs, one run per core, kept in a fresh directory; then the same read back from that measure cache.
# Without a run cache it trains a few one-epoch runs first. Prints figures, asserts nothing.
#   bash scripts/bench-measures.sh
# Environment: MNIST_DIR (default ../shared/datasets/mnist next to the repository), BENCH_JAR (default
# lib/bench/target/mnist-study-bench.jar beside lib/study/target/mnist-study.jar, built with Maven if missing).
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${MNIST_DIR:-}" ] && [ -d ../shared/datasets/mnist ]; then
  MNIST_DIR=$(cd ../shared/datasets/mnist && pwd)
fi
export MNIST_DIR
jar=${BENCH_JAR:-lib/bench/target/mnist-study-bench.jar}:lib/study/target/mnist-study.jar
if [ ! -f "${jar%%:*}" ]; then
  echo "== building $jar"
  (cd lib && mvn -q -B -pl bench -am package -DskipTests $(bash ../scripts/javacpp-extension.sh)) || { echo "build failed: see the Maven output above" >&2; exit 1; }
fi

OMP_NUM_THREADS=1 java --add-modules jdk.incubator.vector -Xmx4g -XX:+UseParallelGC -Djava.awt.headless=true -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
  ${BENCH_RUNS:+-Dbench.runs="$BENCH_RUNS"} -cp "$jar" org.mnistablation.bench.MeasureBenchmark 2> >(grep -v WARN >&2)
