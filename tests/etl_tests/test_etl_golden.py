"""The seed's tables are what they were before the refactors: golden/seed_tables.json, row for row.

The dump holds `select * from t order by all` of each base table, every value as str() or None.
Only its columns are compared, so that columns added later do not break it.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

GOLDEN = json.loads((Path(__file__).parent / "golden" / "seed_tables.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("table", sorted(GOLDEN))
def test_seed_table_is_golden(seed_con: duckdb.DuckDBPyConnection, table: str) -> None:
    golden = GOLDEN[table]
    known = {name for (name,) in seed_con.execute(
        "select column_name from information_schema.columns where table_name = ?", [table]).fetchall()}
    assert set(golden["columns"]) <= known, f"{table}: columns gone"
    columns = ", ".join(f'"{name}"' for name in golden["columns"])  # identifiers from the golden file, checked above
    found = seed_con.execute(f"select {columns} from {table} order by all").fetchall()
    assert [[None if v is None else str(v) for v in row] for row in found] == golden["rows"]
