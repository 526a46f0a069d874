#!/usr/bin/env bash
# Set up what the tests need (.venv with requirements-dev.txt; Debian's Chromium for the
# browser tests) and run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $PYTHON ..."
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

# Browser tests drive a system Chromium (never a downloaded one). Install Debian's if missing.
if ! command -v chromium >/dev/null 2>&1 && [ -z "${PONTI_CHROMIUM:-}" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Installing Debian's chromium for the browser tests ..."
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
  else
    echo "No chromium found: install Chromium and/or set PONTI_CHROMIUM=/path/to/chromium." >&2
  fi
fi

.venv/bin/python -m ruff check .
.venv/bin/python -m ruff format --check .
.venv/bin/python -m mypy
exec .venv/bin/python -m pytest "$@"
