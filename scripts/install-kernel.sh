#!/usr/bin/env bash
# Installs the bundled Java kernel as the Jupyter kernelspec "java" (user install), unless a "java" kernel
# (e.g. IJava from conda-forge) is already there. --force replaces it; an older copy of this kernel is
# always updated.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jupyter-env.sh  # the project's Jupyter (.venv) when scripts/setup.sh made it, else the one on PATH
force=0; [ "${1:-}" = "--force" ] && force=1
jar=lib/kernel/target/java-kernel.jar
[ -f "$jar" ] || (cd lib && mvn -q -B -pl kernel package -DskipTests)
existing=$(jupyter kernelspec list 2>/dev/null | awk '$1=="java"{print $2}')
if [ -n "$existing" ] && [ "$force" = 0 ] && ! grep -q "mnist-study" "$existing/kernel.json" 2>/dev/null; then
  echo "install-kernel: a 'java' kernel is already installed ($(jupyter kernelspec list | awk '$1=="java"{print $2}')); use --force to replace it"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/java"
cp "$jar" lib/kernel/kernelspec/launch.sh "$tmp/java/"
cat > "$tmp/java/kernel.json" <<JSON
{
  "argv": ["bash", "{resource_dir}/launch.sh", "{connection_file}"],
  "display_name": "Java (mnist-study kernel)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {"OMP_NUM_THREADS": "1"}
}
JSON
jupyter kernelspec install --user --replace --name java "$tmp/java" >/dev/null 2>&1
echo "install-kernel: installed kernelspec 'java' -> $(jupyter kernelspec list | awk '$1=="java"{print $2}')"
