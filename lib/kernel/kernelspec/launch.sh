#!/usr/bin/env bash
# Starts the mnist-study Java kernel. Installed next to kernel.json; reads:
#   KERNEL_XMX   heap size (default 3g)        KERNEL_JAVA   java binary (default: java on PATH)
#   KERNEL_JAVA_OPTS  extra JVM options
here=$(cd "$(dirname "$0")" && pwd)
java=${KERNEL_JAVA:-java}
opts=(-Xmx"${KERNEL_XMX:-3g}" -Djava.awt.headless=true -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -XX:+UseParallelGC)
# The Java's major version, from its release file (starting a second JVM to ask costs 0.2 s per kernel start)
release=$(command -v "$java" >/dev/null 2>&1 && dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")/release
major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" 2>/dev/null)
if [ -z "$major" ]; then
  major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
fi
# Linux: the heap in transparent huge pages where the system offers them (madvise). A setup cell's data load
# allocates about 260 MB (the parsed bytes and the floats made of them); with 4 KB pages it took 1.8 s here, with
# 2 MB pages 0.6 s (measured outside a kernel).
if [ "$(uname -s)" = Linux ]; then
  opts+=(-XX:+UseTransparentHugePages)
fi
# The class-data archive scripts/install-kernel.py wrote beside this script: the classes a notebook's first cells
# load, mapped instead of loaded (a stale one is ignored by the JVM)
if [ -f "$here/kernel.jsa" ]; then
  opts+=(-XX:SharedArchiveFile="$here/kernel.jsa" -Xlog:cds=off,cds+dynamic=off)
fi
if [ "${major:-17}" -ge 22 ] 2>/dev/null; then
  opts+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
fi
# shellcheck disable=SC2086
exec "$java" "${opts[@]}" ${KERNEL_JAVA_OPTS:-} -jar "$here/java-kernel.jar" "$@"
