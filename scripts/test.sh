#!/usr/bin/env bash
# Set up what the tests need (.venv with requirements-dev.txt and Ponti itself; Debian's
# Chromium and HAProxy for the browser tests, PostgreSQL for the store tests) and run lint,
# types and the whole test suite, one pytest worker per core. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $PYTHON ..."
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
# Ponti itself, editable: `import ponti, loaders, scripts` then works from any folder and any
# script without sys.path tricks. Only when pyproject.toml changed since the last time, as the
# build fetches setuptools from the package index (--no-deps: the pins above are installed).
if [ pyproject.toml -nt .venv/.ponti-installed ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
  touch .venv/.ponti-installed
fi

# Browser tests drive a system Chromium (never a downloaded one); the replicas test runs
# Debian's HAProxy with deploy/haproxy.cfg. Install Debian's packages when missing.
packages=()
if ! command -v chromium >/dev/null 2>&1 && [ -z "${PONTI_CHROMIUM:-}" ]; then
  packages+=(chromium)
fi
if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then
  packages+=(haproxy)
fi
# The store tests start a throwaway PostgreSQL server (tests/conftest.py), unless
# PONTI_TEST_DATABASE_URL names one.
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null \
  && ! command -v initdb >/dev/null 2>&1 && [ -z "${PONTI_TEST_DATABASE_URL:-}" ]; then
  packages+=(postgresql)
fi
if [ ${#packages[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Installing Debian's ${packages[*]} for the tests ..."
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "Missing ${packages[*]}: install them (or set PONTI_CHROMIUM=/path/to/chromium)." >&2
  fi
fi

.venv/bin/python -m ruff check .
.venv/bin/python -m ruff format --check .
.venv/bin/python -m mypy
# One pytest worker per core (pytest-xdist); each worker starts its own Ponti server and
# Chromium for the browser tests it runs. Tests marked @pytest.mark.xdist_group(name=...) share
# a worker. Later arguments win: `-n 0` runs in one process, `-m "not slow"` skips slow checks.
exec .venv/bin/python -m pytest -n auto --dist loadgroup "$@"
