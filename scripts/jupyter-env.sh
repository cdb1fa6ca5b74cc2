# Sourced by the project's scripts (bash): the project's Jupyter environment.
#   PATH      .venv/bin first (JupyterLab, nbclient, nbconvert from scripts/setup.sh), so `jupyter` is the project's
#   PY        that environment's Python (it has nbformat, nbclient, jupyter_client, pytest)
#   PLAYWRIGHT_BROWSERS_PATH  Debian's Chromium for nbconvert's webpdf (setup.sh links it; Playwright's own browser
#             download is not needed), unless already set
#   JJAVA_CLASSPATH  + lib/study/target/mnist-study-jjava.jar (the setup hint only, not the helper): a JJava kernel
#             started from this Jupyter loads it at start-up, silently, so after a restart a model cell run before
#             the setup cell says in one line what to run first
#   MNIST_DIR ../shared/datasets/mnist when it exists and MNIST_DIR is unset
# STUDY_VENV moves the environment (default: <project>/.venv).
_study_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export STUDY_VENV=${STUDY_VENV:-$_study_root/.venv}
case ":$PATH:" in *":$STUDY_VENV/bin:"*) ;; *) export PATH="$STUDY_VENV/bin:$PATH" ;; esac
PY=$STUDY_VENV/bin/python
export PYDEVD_DISABLE_FILE_VALIDATION=1  # ipykernel's debugger warns about frozen modules on every jupyter command
if [ -z "${PLAYWRIGHT_BROWSERS_PATH:-}" ] && [ -d "$STUDY_VENV/playwright-browsers" ]; then
  export PLAYWRIGHT_BROWSERS_PATH=$STUDY_VENV/playwright-browsers
fi
_study_jar=$_study_root/lib/study/target/mnist-study-jjava.jar
case ":${JJAVA_CLASSPATH:-}:" in
  *":$_study_jar:"*) ;;
  *) export JJAVA_CLASSPATH=${JJAVA_CLASSPATH:+$JJAVA_CLASSPATH:}$_study_jar ;;
esac
if [ -z "${MNIST_DIR:-}" ] && [ -d "$_study_root/../shared/datasets/mnist" ]; then
  export MNIST_DIR=$(cd "$_study_root/../shared/datasets/mnist" && pwd)
fi
unset _study_root _study_jar
