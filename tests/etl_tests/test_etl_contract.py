"""The data contract: SQL that must return no rows, on every database the ETL builds here."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from contract_sql import VIOLATIONS
from etl_snippets import SEEDS, SHARED_SAMPLES

from etl.parse import strip_markup
from etl.pipeline import build

def _databases() -> list[tuple[str, list[Path]]]:
    sets = [("seed", [SEEDS])]
    if SHARED_SAMPLES.is_dir():
        sets.append(("samples", sorted(SHARED_SAMPLES.glob("A_RES_*.md"))))
    return sets


@pytest.fixture(scope="module", params=_databases(), ids=lambda item: item[0])
def contract_db(request, tmp_path_factory) -> tuple[duckdb.DuckDBPyConnection, list[Path]]:
    name, paths = request.param
    db = tmp_path_factory.mktemp(name) / "contract.duckdb"
    build(paths, db, workers=1)
    con = duckdb.connect(str(db), read_only=True)
    yield con, paths
    con.close()


@pytest.mark.parametrize("rule", sorted(VIOLATIONS))
def test_contract(contract_db, rule: str) -> None:
    con, _ = contract_db
    assert con.execute(VIOLATIONS[rule]).fetchall() == []


def _source_text(lines: list[str], start: int, end: int) -> str:
    """The plain text of source lines, page-break debris (rules, footnotes) left out."""
    kept = [line for line in lines[start - 1:end]
            if not re.match(r"^\s*(?:<sup>|\\\*|-{3,}\s*$)", line)]
    return re.sub(r"\s+", " ", strip_markup("\n".join(kept)))


def test_every_paragraph_text_is_found_in_its_source_lines(contract_db) -> None:
    con, _ = contract_db
    rows = con.execute("""
        select d.source_name, p.paragraph_id, p.label, p.text, p.line_start, p.line_end
        from paragraphs p join instruments i using (instrument_id) join documents d using (document_id)""").fetchall()
    sources = {path.name: path for path in _all_files()}
    for source_name, paragraph_id, label, text, start, end in rows:
        lines = sources[source_name].read_text(encoding="utf-8").splitlines()
        assert re.sub(r"\s+", " ", text) in _source_text(lines, start, end), paragraph_id


def test_every_subparagraph_text_is_found_in_its_source_lines(contract_db) -> None:
    con, _ = contract_db
    rows = con.execute("""
        select d.source_name, s.paragraph_id, s.letter, s.text, s.line_start, s.line_end
        from subparagraphs s join paragraphs p using (paragraph_id) join instruments i using (instrument_id)
        join documents d using (document_id)""").fetchall()
    sources = {path.name: path for path in _all_files()}
    for source_name, paragraph_id, letter, text, start, end in rows:
        lines = sources[source_name].read_text(encoding="utf-8").splitlines()
        assert text in _source_text(lines, start, end), (paragraph_id, letter)


def _all_files() -> list[Path]:
    files = list(SEEDS.glob("*"))
    if SHARED_SAMPLES.is_dir():
        files += list(SHARED_SAMPLES.glob("*.md"))
    return files


def test_two_builds_give_identical_tables(tmp_path: Path) -> None:
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    build([SEEDS], first, workers=1)
    build([SEEDS], second, workers=1)
    with duckdb.connect(str(first), read_only=True) as a, duckdb.connect(str(second), read_only=True) as b:
        tables = [r[0] for r in a.execute("select table_name from information_schema.tables order by 1").fetchall()]
        for table in tables:
            assert a.execute(f"select * from {table} order by all").fetchall() == \
                b.execute(f"select * from {table} order by all").fetchall(), table
