#!/usr/bin/env bash
# The kernel's Jupyter-protocol tests (Debian's Python, which has jupyter_client and nbclient).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f lib/kernel/target/java-kernel.jar ] || (cd lib && mvn -q -B -pl kernel package -DskipTests)
export PYDEVD_DISABLE_FILE_VALIDATION=1
/usr/bin/python3 -m pytest -q -p no:cacheprovider lib/kernel/src/test/python "$@"
