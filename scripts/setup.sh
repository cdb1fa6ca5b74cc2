#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian 12 machine (root or sudo), then builds the helper jar and the
# kernel. Safe to run again: installed packages and up-to-date builds are skipped.
#   SETUP_BROWSER=0   skip Chromium (needed for PDF export and the browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
pkgs=(openjdk-17-jdk-headless maven fontconfig fonts-dejavu-core
      jupyter-notebook jupyter-client jupyter-nbconvert python3-nbconvert python3-nbclient python3-ipykernel
      python3-pytest poppler-utils dataset-fashion-mnist python3-opencv python3-numpy libjs-mathjax python3-venv pandoc)
if [ "${SETUP_BROWSER:-1}" = 1 ]; then pkgs+=(chromium); fi
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Build the helper jar (with its dependency folder) and the kernel when sources are newer than the jars.
stale() { # jar, source dirs...
  local jar=$1; shift
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$@" -newer "$jar" -type f 2>/dev/null | head -1)" ]
}
if stale lib/study/target/mnist-study.jar lib/study/src/main lib/study/pom.xml lib/pom.xml \
   || { [ -f lib/kernel/pom.xml ] && stale lib/kernel/target/java-kernel.jar lib/kernel/src/main lib/kernel/pom.xml; }; then
  echo "setup: building lib/ (Maven)"
  (cd lib && mvn -q -B package -DskipTests $(bash ../scripts/javacpp-extension.sh))
fi
echo "setup: done ($(java -version 2>&1 | head -1), $(mvn -v 2>/dev/null | head -1))"
