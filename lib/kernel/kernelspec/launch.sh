#!/usr/bin/env bash
# Starts the mnist-study Java kernel. Installed next to kernel.json; reads:
#   KERNEL_XMX   heap size (default 3g)        KERNEL_JAVA   java binary (default: java on PATH)
#   KERNEL_JAVA_OPTS  extra JVM options           KERNEL_JIT_DIRECTIVES=0  every method may get C2 (see below)
#   KERNEL_THP=1  the heap in transparent huge pages (Linux; see below)
here=$(cd "$(dirname "$0")" && pwd)
java=${KERNEL_JAVA:-java}
opts=(-Xmx"${KERNEL_XMX:-3g}" -Djava.awt.headless=true -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -XX:+UseParallelGC)
# The Vector API (incubating in Java 17): the helper jar's first-layer products of small minibatches hold their sums
# in registers with it (train.SparseProduct; the same bits without it, slower)
opts+=(--add-modules jdk.incubator.vector)
exec 2> >(grep --line-buffered -v '^WARNING: Using incubator modules: jdk.incubator.vector$' >&2)
# The Java's major version, from its release file (starting a second JVM to ask costs 0.2 s per kernel start)
release=$(command -v "$java" >/dev/null 2>&1 && dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")/release
major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" 2>/dev/null)
if [ -z "$major" ]; then
  major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
fi
# Linux, KERNEL_THP=1 only: the heap in transparent huge pages. On this project's reference VM they helped while its
# memory was fresh (the setup cell's data load, which allocates about 260 MB, 1.8 s -> 0.6 s outside a kernel) and
# cost 3 s per kernel once the VM had run for hours (the same load 3.1 s with them, 0.7 s without; in a kernel 4.0 s
# against 0.84-0.89 s). Why was not measured: Linux counted no compaction stalls; a host that took back the
# guest's free 2 MB blocks, which huge pages are made of, would explain it.
if [ "$(uname -s)" = Linux ] && [ "${KERNEL_THP:-0}" = 1 ]; then
  opts+=(-XX:+UseTransparentHugePages)
fi
# The class-data archive scripts/install-kernel.py wrote beside this script: the classes a notebook's first cells
# load, mapped instead of loaded (a stale one is ignored by the JVM)
if [ -f "$here/kernel.jsa" ]; then
  opts+=(-XX:SharedArchiveFile="$here/kernel.jsa" -Xlog:cds=off,cds+dynamic=off)
fi
# The optimising compiler (C2) only for the code that trains and measures (the helper jar, DL4J, ND4J, JavaCPP, the
# cells' own classes and the parts of java.base they run on), compiler-directives.json beside this script; every other
# method stays with C1. Most of a notebook's JIT work was C2 compiling JShell's javac and the library code it runs
# (9.7 s of compile time for Task05 from a full run cache, 4.1-4.7 s with the directives); a cell is compiled once,
# so that code never repays C2. Training is not slower: TrainingBenchmark with and without them, interleaved, batch 8
# 1.10 / 1.31 vs 1.19 / 1.02 s per epoch, batch 32 0.49 / 0.55 vs 0.49 / 0.49 (within this VM's spread). The first
# entry keeps C1 for what served the cells only: method-handle construction, file walks, zip, number formatting, the
# kernel's own messaging (Task07 from a full run cache, three interleaved runs: 3.4 s of JIT time against 4.1; training
# epochs within the spread, batch 8 / 32 / 128 1.63-2.05 / 0.68-0.81 / 0.32-0.38 s against 1.66-2.09 / 0.66-0.81 /
# 0.29-0.35).
if [ -f "$here/compiler-directives.json" ] && [ "${KERNEL_JIT_DIRECTIVES:-1}" != 0 ]; then
  opts+=(-XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile="$here/compiler-directives.json")
  # the JVM announces "2 compiler directives added" on stdout at each start: kept out of Jupyter's log
  exec > >(grep --line-buffered -v '^[0-9]* compiler directives added$')
fi
if [ "${major:-17}" -ge 22 ] 2>/dev/null; then
  opts+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
fi
# shellcheck disable=SC2086
exec "$java" "${opts[@]}" ${KERNEL_JAVA_OPTS:-} -jar "$here/java-kernel.jar" "$@"
