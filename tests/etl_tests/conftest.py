"""Fixtures for the ETL tests: a read-only connection to the seed database and a snippet builder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from etl_snippets import GOOD

from etl.__main__ import main


@pytest.fixture(scope="session")
def seed_con(seed_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(seed_db), read_only=True)
    yield con
    con.close()


@pytest.fixture
def existing_db(tmp_path: Path) -> Path:
    """A database already built from a good markdown file, for tests that a bad input leaves it intact."""
    db = tmp_path / "db" / "resolutions.duckdb"
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    assert main([str(tmp_path / "good.md"), "--db", str(db)]) == 0
    return db
