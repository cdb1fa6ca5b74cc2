#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian 12 machine (root or sudo), then builds the helper jar and the
# kernel. Safe to run again: installed packages, an up-to-date Jupyter environment and up-to-date builds are skipped.
#   - Debian packages: JDK 17, Maven, fonts, Chromium, Python's venv, pandoc, MathJax and require.js (the HTML exports
#     load them from disk), poppler, Fashion-MNIST, OpenCV
#   - the project's Jupyter: JupyterLab 4, Notebook 7, nbclient, nbconvert (and Playwright, pytest) installed with pip
#     into .venv/ from scripts/requirements-jupyter.txt (PyPI, or the machine's configured pip index); the scripts use
#     it through scripts/jupyter-env.sh, and `bash scripts/lab.sh` opens JupyterLab from it
#   SETUP_BROWSER=0   skip Chromium (needed for PDF export and the browser tests)
#   STUDY_VENV=DIR    put the Jupyter environment elsewhere (default .venv)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
pkgs=(openjdk-17-jdk-headless maven fontconfig fonts-dejavu-core python3-venv
      poppler-utils dataset-fashion-mnist python3-opencv python3-numpy libjs-mathjax libjs-requirejs pandoc)
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

# The project's Jupyter, in a virtual environment (Debian 12's own packages have no JupyterLab). Rebuilt when the
# requirements change; PIP_RETRIES defaults to 0, so an index that cannot be reached fails at once.
venv=${STUDY_VENV:-$PWD/.venv}
req=scripts/requirements-jupyter.txt
if [ ! -x "$venv/bin/jupyter-lab" ] || ! cmp -s "$req" "$venv/.requirements-installed"; then
  echo "setup: installing JupyterLab, Notebook, nbclient and nbconvert into ${venv#$PWD/} (pip)"
  python=/usr/bin/python3; [ -x "$python" ] || python=python3
  "$python" -m venv "$venv"
  PIP_RETRIES=${PIP_RETRIES:-0} "$venv/bin/pip" install -q --disable-pip-version-check -r "$req"
  cp "$req" "$venv/.requirements-installed"
fi
# JupyterLab's "Export Notebook As -> WebPDF" is nbconvert's webpdf, which starts Chromium through Playwright.
# Playwright looks for its own browser build, which it would download; give it Debian's Chromium at the place
# it looks instead (scripts/jupyter-env.sh points PLAYWRIGHT_BROWSERS_PATH there).
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chromium" ]; then
  shell_dir=$("$venv/bin/python" -m playwright install --dry-run chromium-headless-shell 2>/dev/null \
    | sed -n 's/^ *Install location: *//p' | head -1)
  if [ -n "$shell_dir" ]; then
    exe="$venv/playwright-browsers/$(basename "$shell_dir")/chrome-headless-shell-linux64/chrome-headless-shell"
    mkdir -p "$(dirname "$exe")"
    cat > "$exe" <<SH
#!/bin/sh
# Debian's Chromium where Playwright looks for its headless shell (written by scripts/setup.sh)
exec "$chromium" "\$@"
SH
    chmod +x "$exe"
  fi
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
echo "setup: done ($(java -version 2>&1 | head -1), $(mvn -v 2>/dev/null | head -1), JupyterLab $("$venv/bin/jupyter-lab" --version))"
