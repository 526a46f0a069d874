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
exec .venv/bin/python -m streamlit run dashboard.py "$@"
