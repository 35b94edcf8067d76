#!/usr/bin/env bash
# Set up the project on a fresh machine: a virtual environment with the pinned requirements.
#   ./scripts/setup.sh        app requirements
#   ./scripts/setup.sh dev    app + test requirements, and Debian's chromium for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    # Debian's python3 needs its venv package
    rm -rf .venv
    as_root apt-get update -qq
    as_root apt-get install -y -qq python3-venv >/dev/null
    "$PYTHON" -m venv .venv
  fi
fi

requirements=requirements.txt
[ "${1:-}" = dev ] && requirements=requirements-dev.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"

if [ "${1:-}" = dev ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/pdftotext ]; }; then
  # the browser tests and static chart images drive Debian's chromium (Playwright cannot download one here);
  # the tests make text copies of PDFs with poppler's pdftotext, as a user copying out of a viewer would
  as_root apt-get update -qq
  as_root apt-get install -y -qq chromium poppler-utils >/dev/null
fi
