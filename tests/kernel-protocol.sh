#!/usr/bin/env bash
# The kernel's Jupyter-protocol tests (pytest with jupyter_client and nbclient from the project's .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jupyter-env.sh
[ -f lib/kernel/target/java-kernel.jar ] || (cd lib && mvn -q -B -pl kernel package -DskipTests)
"$PY" -m pytest -q -p no:cacheprovider lib/kernel/src/test/python "$@"
