"""Ponti's command-line scripts; a package so that tests import their functions by name.

Run them as files (`.venv/bin/python scripts/<name>.py`); they import `ponti` and `loaders`
as installed by `pip install -e .` (scripts/run.sh and scripts/test.sh do it).
"""
