"""Fixtures for the ETL tests: a read-only connection to the seed database and a snippet builder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest



@pytest.fixture(scope="session")
def seed_con(seed_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(seed_db), read_only=True)
    yield con
    con.close()
