#!/usr/bin/env bash
# Set up everything the tests need (venv, pinned requirements, Debian's chromium) and run the whole suite.
# Extra arguments go to pytest, e.g. ./scripts/test.sh tests/etl_tests -x
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh dev
if [ "$#" -eq 0 ]; then  # the whole suite: the code is lint- and type-clean first
  .venv/bin/ruff check .
  .venv/bin/mypy
fi
exec .venv/bin/python -m pytest "$@"
