"""The data contract: SQL that must return no rows, on every database the ETL builds here."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from etl_snippets import SEEDS, SHARED_SAMPLES

from etl.parse import strip_markup
from etl.pipeline import build

VIOLATIONS = {
    "duplicate paragraph ids": "select paragraph_id from paragraphs group by 1 having count(*) > 1",
    "duplicate instrument ids": "select instrument_id from instruments group by 1 having count(*) > 1",
    "duplicate event ids": "select event_id from events group by 1 having count(*) > 1",
    "duplicate citation ids": "select citation_id from citations group by 1 having count(*) > 1",
    "orphan paragraphs": "select paragraph_id from paragraphs where instrument_id not in (select instrument_id from instruments)",
    "orphan instruments": "select instrument_id from instruments where document_id not in (select document_id from documents)",
    "orphan subparagraphs": "select paragraph_id from subparagraphs where paragraph_id not in (select paragraph_id from paragraphs)",
    "orphan addressees": "select paragraph_id from addressees where paragraph_id not in (select paragraph_id from paragraphs)",
    "orphan funding": "select paragraph_id from funding_conditions where paragraph_id not in (select paragraph_id from paragraphs)",
    "orphan events": "select event_id from events where paragraph_id is not null and paragraph_id not in (select paragraph_id from paragraphs)",
    "orphan footnote links": """select footnote_id from paragraph_footnotes
                                where footnote_id not in (select footnote_id from footnotes)""",
    "operative numbers not 1..n": """
        select instrument_id from paragraphs where number is not null group by instrument_id
        having min(number) <> 1 or max(number) <> count(*) or count(distinct number) <> count(*)""",
    "numbered preambular paragraph": "select paragraph_id from paragraphs where kind = 'preambular' and number is not null",
    "operative paragraph without verb": "select paragraph_id from paragraphs where kind = 'operative' and verb is null",
    "operative paragraph without level": "select paragraph_id from paragraphs where kind = 'operative' and directive_level is null",
    "verb missing from the verbs table": "select verb from paragraphs where verb is not null and verb not in (select verb from verbs)",
    "paragraph outside its instrument's lines": """
        select p.paragraph_id from paragraphs p join instruments i using (instrument_id)
        where p.line_start < i.line_start or p.line_end > i.line_end""",
    "line beyond the document": """
        select p.paragraph_id from paragraphs p join instruments i using (instrument_id) join documents d using (document_id)
        where p.line_end > d.n_lines or p.line_start < 1""",
    "footnote cited nowhere": "select footnote_id from footnotes where paragraph_id is null and instrument_id is null",
    "unresolved footnote marker": "select * from parse_warnings where message like 'footnote marker%'",
    "event with neither date nor anchor": """select event_id from events
                                             where start_date is null and relative_to is null and precision <> 'session'""",
    "markup left in text": r"""select paragraph_id from paragraphs where text like '%<sup>%' or text like '%**%'
                               or regexp_matches(text, '\[[^\]]*\]\([^)]*\)')""",
    "addressee group outside the list": """select addressee_group from addressees where addressee_group not in
        ('UN Secretariat and UNODC', 'Member States', 'Commission and its expert groups', 'other UN entities', 'others')""",
}


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
