#!/usr/bin/env bash
# Set up everything the tests need (venv, pinned requirements, Debian's chromium) and run the whole suite.
# Extra arguments go to pytest, e.g. ./scripts/test.sh tests/etl_tests -x
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh dev
exec .venv/bin/python -m pytest "$@"
