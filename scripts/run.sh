#!/usr/bin/env bash
# Set up Ponti in .venv (first time only) and open the dashboard on the configured data
# (the shipped demo data when the store is empty). Extra arguments go to `streamlit run`.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $PYTHON ..."
  "$PYTHON" -m venv .venv
fi
# pip is quick when everything is already installed; it keeps .venv in step with requirements.txt.
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
# Ponti itself, editable: `import ponti, loaders, scripts` then works from any folder and any
# script without sys.path tricks. Only when pyproject.toml changed since the last time, as the
# build fetches setuptools from the package index (--no-deps: the pins above are installed).
if [ pyproject.toml -nt .venv/.ponti-installed ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
  touch .venv/.ponti-installed
fi
# The local demo's staff password (ponti-demo) opens the Data page; PONTI_DEMO_STAFF=0 turns it
# off. Ponti refuses it in public mode and whenever a real staff credential is configured.
export PONTI_DEMO_STAFF="${PONTI_DEMO_STAFF:-1}"
echo "Ponti: http://localhost:8501 (Ctrl+C stops it)"
# Open it in the browser once it is up, where there is a desktop to open it on (the
# config keeps Streamlit headless so that it never stops to ask questions on a server).
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "$(uname)" = "Darwin" ]; then
  (sleep 4 && .venv/bin/python -m webbrowser -t "http://localhost:8501" >/dev/null 2>&1) &
fi
# Only this machine can reach the local demo (its staff password is public); a deployment
# runs streamlit itself (README, Deployment).
exec .venv/bin/python -m streamlit run serve.py --server.address localhost "$@"
