"""Loading within DuckDB's memory limit (etl/load.py MEMORY_LIMIT): the same database whatever the
limit, nothing left beside it, and paragraph_facts' lists grouped per table as per paragraph."""

from __future__ import annotations

from pathlib import Path

import duckdb
from etl_snippets import SEEDS

from etl import load
from etl.pipeline import build


def _contents(db: Path) -> dict[str, tuple[int, str]]:
    """Per table: its rows and an order-free checksum of their values."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where database_name = current_database() order by 1").fetchall()]
        out = {}
        for table in tables:  # names from the catalog, not input
            n, checksum = con.execute(
                f"select count(*), coalesce(sum(hash(t))::hugeint, 0)::varchar from {table} t").fetchone()
            out[table] = (n, checksum)
        return out


def test_a_tiny_memory_limit_builds_the_same_database(tmp_path: Path, monkeypatch) -> None:
    usual = tmp_path / "usual" / "r.duckdb"
    build([SEEDS], usual)
    monkeypatch.setattr(load, "MEMORY_LIMIT", "64MB")  # (32 MB: too little for the seed, whose
    # empty key indexes already hold 27 MB of blocks before the first checkpoint)
    tight = tmp_path / "tight" / "r.duckdb"
    build([SEEDS], tight)
    assert _contents(tight) == _contents(usual)
    assert _contents(usual)["paragraph_facts"][0] > 0
    assert [p.name for p in tight.parent.iterdir()] == ["r.duckdb"]  # no spill folder, no temporary file


def test_paragraph_facts_lists_are_each_paragraphs_own(seed_con: duckdb.DuckDBPyConnection) -> None:
    wrong = seed_con.execute("""
        select p.paragraph_id from paragraph_facts p
        where p.funding <> coalesce((select list(distinct f.condition order by f.condition)
                                     from funding_conditions f where f.paragraph_id = p.paragraph_id), [])
           or p.addressee_groups <> coalesce((select list(distinct a.addressee_group order by a.addressee_group)
                                              from addressees a where a.paragraph_id = p.paragraph_id), [])
           or p.addressee_names <> coalesce((select list(a.addressee order by a.addressee)
                                             from addressees a where a.paragraph_id = p.paragraph_id), [])
    """).fetchall()
    assert wrong == []
    with_lists = seed_con.execute(
        "select count(*) filter (len(funding) > 0), count(*) filter (len(addressee_names) > 1) from paragraph_facts"
    ).fetchone()
    assert with_lists[0] > 0 and with_lists[1] > 0  # the seed has both, so the comparison means something
