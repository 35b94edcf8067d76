"""PDFs through the whole ETL: metadata, provenance, sponsors and annexes in the tables, and the contract."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from contract_sql import VIOLATIONS
from etl_snippets import SHARED_SAMPLES, resolution
from pdf_fixtures import un_resolution

from etl.__main__ import main


@pytest.fixture(scope="module")
def pdf_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of one synthetic resolution PDF (two pages) and one markdown text."""
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "A_RES_79_321.pdf").write_bytes(un_resolution(preambular=4, operative=24).pdf)
    (folder / "snippet.md").write_text(resolution("*Recalling* its resolution 1/1,\n\n1. *Decides* to act."),
                                       encoding="utf-8")
    db = folder / "db.duckdb"
    assert main([str(folder), "--db", str(db)]) == 0
    return db


@pytest.fixture(scope="module")
def con(pdf_db: Path):
    with duckdb.connect(str(pdf_db), read_only=True) as connection:
        yield connection


def test_document_metadata_columns(con) -> None:
    row = con.execute("""select symbol, doc_type, issuing_body, session, distribution_date::varchar,
                                adopted_on::varchar, committee, origin_report, meeting, meeting_date::varchar, agenda,
                                agenda_title, file_format, pages > 1, title
                         from documents where file_format = 'pdf'""").fetchone()
    assert row[:13] == ("A/RES/79/321", "resolution", "General Assembly", 79, "2024-12-18", "2024-12-17",
                        "Third Committee", "A/79/459", "53rd plenary meeting", "2024-12-17", "107",
                        "Crime prevention and criminal justice", "pdf")
    assert row[13] is True and row[14] != "Seventy-ninth session"  # the resolution's own title names it
    assert con.execute("select file_format, symbol, pages from documents where source_name = 'snippet.md'"
                       ).fetchone() == ("markdown", None, None)


def test_agenda_item_of_a_resolution(con) -> None:
    assert con.execute("select session, number, sub_item, title from agenda_items where document_id = 'A_RES_79_321'"
                       ).fetchall() == [("Seventy-ninth session", 107, None, "Crime prevention and criminal justice")]


def test_every_pdf_paragraph_has_pages_and_boxes(con) -> None:
    rows = con.execute("""select page_start, page_end, boxes from paragraphs
                          where paragraph_id like 'A_RES_79_321:%' order by ordinal""").fetchall()
    assert len(rows) == 28 and rows[0][0] == 1 and rows[-1][1] >= 2
    for start, end, boxes in rows:
        pages = [box[0] for box in json.loads(boxes)]
        assert pages == list(range(start, end + 1))
        assert all(0 <= x0 < x1 <= 612 and 0 <= y0 < y1 <= 792 for _, x0, y0, x1, y1 in json.loads(boxes))


@pytest.mark.parametrize("name", sorted(VIOLATIONS))
def test_contract_holds_on_pdf_and_text(con, name: str) -> None:
    assert con.execute(VIOLATIONS[name]).fetchall() == []


@pytest.mark.skipif(not (SHARED_SAMPLES / "pdf").is_dir(), reason="../shared/samples/pdf is not here")
def test_sponsors_and_annexes_of_real_documents(tmp_path: Path) -> None:
    pdfs = SHARED_SAMPLES / "pdf"
    db = tmp_path / "db.duckdb"
    assert main([str(pdfs / "A_C.3_80_L.28.pdf"), str(pdfs / "A_RES_80_9.pdf"), "--db", str(db)]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        sponsors = [s for (s,) in con.execute("select sponsor from sponsors order by ordinal").fetchall()]
        assert sponsors[:4] == ["Albania", "Austria", "Belgium", "Bosnia and Herzegovina"]
        annex = con.execute("""select kind, count(*) filter (where label is not null), min(page_start)
                               from attached_texts where document_id = 'A_RES_80_9' group by kind""").fetchall()
        assert annex and annex[0][0] == "annex" and annex[0][1] > 10
        # the declaration's numbered paragraphs are the annex's, not the resolution's
        assert con.execute("select count(*) from paragraphs where paragraph_id like 'A_RES_80_9:%'").fetchone() == (1,)
        assert con.execute("select count(*) from footnotes where document_id = 'A_RES_80_9' and attachment is null"
                           ).fetchone() == (0,)
