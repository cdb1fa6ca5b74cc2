#!/usr/bin/env bash
# Installs JJava 1.0 (github.com/dflib/jjava, IJava's maintained successor; built in ../shared/tools/jjava) as the
# kernelspec `jjava` with JJava's own installer and kernel.json (no JVM flags), into test-output/jupyter-data/ so the
# user's kernels stay as they are; tests find it through JUPYTER_PATH=test-output/jupyter-data. Prints that path.
# (To use JJava yourself, follow JJava's guide: unzip a release and `jupyter kernelspec install <folder> --user
# --name=java`; see the README's Kernels section.)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
tool=${JJAVA_TOOL:-$ROOT/../shared/tools/jjava}
[ -f "$tool/install.sh" ] || { echo "install-jjava: $tool/install.sh not found (set JJAVA_TOOL)" >&2; exit 1; }
JUPYTER_DATA_DIR=$ROOT/test-output/jupyter-data bash "$tool/install.sh" jjava >&2
echo "$ROOT/test-output/jupyter-data"
