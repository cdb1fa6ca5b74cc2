#!/usr/bin/env bash
# Installs IJava 1.3.0 (../shared/tools/ijava, the kernel conda-forge ships) as the kernelspec `ijava` with its own
# installer and conda-forge's argv (no JVM flags), into test-output/jupyter-data/ so the user's kernels stay as they
# are; tests find it through JUPYTER_PATH=test-output/jupyter-data. Prints that JUPYTER_PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
tool=${IJAVA_TOOL:-$ROOT/../shared/tools/ijava}
[ -f "$tool/install.sh" ] || { echo "install-ijava: $tool/install.sh not found (set IJAVA_TOOL)" >&2; exit 1; }
JUPYTER_DATA_DIR=$ROOT/test-output/jupyter-data bash "$tool/install.sh" ijava >&2
echo "$ROOT/test-output/jupyter-data"
