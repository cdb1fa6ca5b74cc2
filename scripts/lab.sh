#!/usr/bin/env bash
# Opens the study in JupyterLab: notebook.ipynb, with the project's Java kernel, from the project's Jupyter
# (.venv, made by scripts/setup.sh), and prints the URL to open.
#   bash scripts/lab.sh                      # on your desktop: also opens it in your browser
#   bash scripts/lab.sh --no-browser         # on a remote machine: open the printed URL through a tunnel,
#                                            #   e.g. ssh -L 8888:localhost:8888 that-machine
#   bash scripts/lab.sh --port 8890 [any other `jupyter lab` option]
# Works as root (adds --allow-root; WebPDF export then runs Chromium without its sandbox) and as a user. The kernel is
# the one named `java` (the bundled kernel, installed if missing; an IJava or JJava you installed as `java` instead is
# left alone). JJava kernels started from here load the setup hint (scripts/jupyter-env.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jupyter-env.sh
source scripts/openblas-env.sh  # IJava and JJava kernels started from here get the same OpenBLAS kernel as the bundled one
if [ ! -x "$STUDY_VENV/bin/jupyter-lab" ] || [ ! -f lib/study/target/mnist-study.jar ]; then
  echo "lab: JupyterLab or the helper jar is missing; running scripts/setup.sh first" >&2
  bash scripts/setup.sh
fi
if ! jupyter kernelspec list 2>/dev/null | awk '{print $1}' | grep -qx java; then
  "$PY" scripts/install-kernel.py
fi
port=8888
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --port=*) port=${1#--port=}; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
# the first free port from the one asked for, so the URL printed below is the one the server listens on
port=$("$PY" - "$port" <<'PY'
import socket, sys
p = int(sys.argv[1])
for q in range(p, p + 50):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", q)); print(q); break
        except OSError:
            pass
else:
    sys.exit(f"no free port in {p}..{p + 49}")
PY
)
token=$("$PY" -c "import secrets; print(secrets.token_hex(24))")
extra=()
if [ "$(id -u)" = 0 ]; then extra+=(--allow-root --WebPDFExporter.disable_sandbox=True); fi
echo "lab: JupyterLab $(jupyter-lab --version) on notebook.ipynb with the kernel 'java'"
echo "lab: open http://localhost:$port/lab/tree/notebook.ipynb?token=$token"
echo "lab: stop it with Ctrl+C (or File > Shut Down in JupyterLab)"
exec jupyter lab --ServerApp.root_dir="$PWD" --port="$port" --ServerApp.port_retries=0 \
  --IdentityProvider.token="$token" --MappingKernelManager.default_kernel_name=java "${extra[@]}" "${args[@]}" notebook.ipynb
