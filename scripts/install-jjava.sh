#!/usr/bin/env bash
# Installs JJava (github.com/dflib/jjava, IJava's maintained successor) as the kernelspec `jjava`, with JJava's own
# kernel.json (no JVM flags), as JJava's guide does with `jupyter kernelspec install`:
#   bash scripts/install-jjava.sh              # the tests' JJava 1.0 (../shared/tools/jjava, its own installer) into
#                                              # test-output/jupyter-data/; prints that JUPYTER_PATH
#   bash scripts/install-jjava.sh --user ZIP   # a JJava kernelspec zip from JJava's releases (kernel.json, jjava.jar,
#                                              # jjava-launcher.jar), for your Jupyter (user kernelspec)
# The helper's rich output needs nothing more under JJava. For the one-line "run the setup cell first" message after
# a kernel restart, start Jupyter with scripts/lab.sh (it sets JJAVA_CLASSPATH to the helper jar), or add
# "JJAVA_CLASSPATH": "<project>/lib/study/target/mnist-study.jar" to the "env" of the kernel.json.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/jupyter-env.sh
if [ "${1:-}" = "--user" ]; then
  zip=${2:?usage: bash scripts/install-jjava.sh --user path/to/jjava-kernelspec.zip}
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  "$PY" -c "import zipfile, sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" "$zip" "$tmp"
  [ -f "$tmp/kernel.json" ] || { echo "install-jjava: $zip holds no kernel.json" >&2; exit 1; }
  jupyter kernelspec install --user --replace --name jjava "$tmp" >&2
  exit 0
fi
tool=${JJAVA_TOOL:-$ROOT/../shared/tools/jjava}
[ -f "$tool/install.sh" ] || { echo "install-jjava: $tool/install.sh not found (set JJAVA_TOOL)" >&2; exit 1; }
JUPYTER_DATA_DIR=$ROOT/test-output/jupyter-data bash "$tool/install.sh" jjava >&2
echo "$ROOT/test-output/jupyter-data"
