#!/usr/bin/env bash
# Set up everything, build the database from seeds/ and start the app on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
.venv/bin/python -m etl
exec .venv/bin/streamlit run app.py --server.port "${PORT:-8501}" --server.address 127.0.0.1 \
  --server.headless true --browser.gatherUsageStats false
