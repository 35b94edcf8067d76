"""Documents named by symbol and title, linked to undocs.org; where a paragraph came from."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from dash_helpers import app, assert_clean, drilldown, select

from dashboard import queries
from dashboard.text import (document_facts, document_name, escape_md, instrument_name,
                            location, source_md, symbol_url, where)

SEED = "000_729240fe4f2efc64"
PDF = "A_RES_79_321"
SYMBOL = "A/RES/79/321"
UNDOCS = f"https://undocs.org/{SYMBOL}"


# ------------------------------------------------------------------------- pure helpers

@pytest.mark.parametrize("symbol, title, source, text, short, markdown", [
    (SYMBOL, "Reducing *reoffending*", "A_RES_79_321.pdf", f"{SYMBOL} — Reducing *reoffending*",
     SYMBOL, f"[{SYMBOL}]({UNDOCS}) — Reducing \\*reoffending\\*"),
    (None, "Chapter I", "report.md", "Chapter I (report.md)", "report.md", "Chapter I \\(report\\.md\\)"),
    (float("nan"), "Chapter I", "report.md", "Chapter I (report.md)", "report.md", "Chapter I \\(report\\.md\\)"),
    (None, "report.md", "report.md", "report.md", "report.md", "report\\.md"),  # nothing better than the file name
    (None, None, "report.md", "report.md", "report.md", "report\\.md"),
    # not shaped like a symbol: named, escaped, never put in a URL
    ("javascript:alert(1)", "T", "x.pdf", "javascript:alert(1) — T", "javascript:alert(1)",
     "javascript\\:alert\\(1\\) — T"),
])
def test_a_document_is_named_by_symbol_and_title_else_by_its_file(symbol, title, source, text,
                                                                  short, markdown):
    name = document_name(symbol, title, source)
    assert (name.text, name.short, name.markdown()) == (text, short, markdown)


@pytest.mark.parametrize("symbol, url", [
    ("A/RES/80/225", "https://undocs.org/A/RES/80/225"),
    ("A/C.3/80/L.19", "https://undocs.org/A/C.3/80/L.19"),
    ("E/CN.15/2024/L.3/Rev.1", "https://undocs.org/E/CN.15/2024/L.3/Rev.1"),
    ("A/RES/1514 (XV)", "https://undocs.org/A/RES/1514(XV)"),
    ("A/RES/217 A (III)", "https://undocs.org/A/RES/217(III)"),
    ("S/RES/1373 (2001)", "https://undocs.org/S/RES/1373(2001)"),
    ("A/RES/217 A (III)) [x](http://evil", None),
    ("A/RES/80/225) [x](http://evil", None),
    ("A", None), (None, None), ("", None),
])
def test_only_symbols_become_undocs_links(symbol, url):
    assert symbol_url(symbol) == url


@pytest.mark.parametrize("pages, lines, long, short", [
    ((3, 3), (41, 49), "page 3 (lines 41–49 of the extracted text)", "page 3"),
    ((3, 4), (41, 49), "pages 3–4 (lines 41–49 of the extracted text)", "pages 3–4"),
    ((None, None), (51, 60), "lines 51–60", "lines 51–60"),
    ((float("nan"), float("nan")), (51, 51), "line 51", "line 51"),
])
def test_where_a_row_came_from(pages, lines, long, short):
    assert location(*pages, *lines) == long
    assert where(*pages, *lines) == short


def test_source_and_metadata_lines():
    name = document_name("A/RES/80/225", "Title", "A_RES_80_225.pdf")
    assert source_md(name, 3, 3, 41, 49) == ("[A/RES/80/225](https://undocs.org/A/RES/80/225), "
                                             "page 3 \\(lines 41–49 of the extracted text\\)")
    assert source_md(document_name(None, "Chapter I", "report.md"), None, None, 51, 60) == \
        "report\\.md, lines 51–60"
    facts = document_facts({"doc_type": "resolution", "committee": "Third Committee",
                            "agenda": "99 (dd)", "agenda_title": "Human rights",
                            "adopted_on": date(2025, 12, 15), "meeting": "69th plenary meeting",
                            "meeting_date": date(2025, 12, 15)})
    assert facts == ("resolution · Third Committee · agenda item 99 \\(dd\\)\\: Human rights · "
                     "adopted 15 December 2025 · 69th plenary meeting")
    assert "16 December 2025" in document_facts({"meeting": "70th plenary meeting",
                                                 "meeting_date": date(2025, 12, 16)})
    assert document_facts({"doc_type": None, "committee": float("nan")}) == ""
    assert instrument_name("Resolution 80/225", "T", name) == \
        "Resolution 80/225 — T (A/RES/80/225)"
    assert instrument_name("Draft decision", "T") == "Draft decision — T"


# ------------------------------------------------------------------------- the pages

def test_the_document_filter_names_documents_by_symbol_and_title(with_pdf, synthetic_pdf):
    at = app()
    assert_clean(at)
    options = at.multiselect(key="filter_document").options
    assert f"{SYMBOL} — {synthetic_pdf.title}" in options
    # no symbol: its title, and the file name to tell it apart
    assert [o for o in options if o.endswith(f"({SEED}.txt)")] == [
        f"Chapter I: Matters calling for action by the Economic and Social Council or brought to its attention ({SEED}.txt)"]
    instruments = at.multiselect(key="filter_instrument").options
    assert f"Resolution 79/321 — {synthetic_pdf.title} ({SYMBOL})" in instruments


def test_the_overview_lists_the_documents_with_their_symbols_linked(with_pdf, synthetic_pdf):
    at = app()
    assert_clean(at)
    documents = [d.value for d in at.dataframe if "doc_type" in d.value.columns][0]
    row = documents[documents["source_name"] == f"{PDF}.pdf"].iloc[0]
    assert row["undocs"] == UNDOCS
    assert (row["document_title"], row["doc_type"]) == (synthetic_pdf.title, "resolution")
    assert (row["preambular"], row["operative"]) == (synthetic_pdf.preambular,
                                                      synthetic_pdf.operative)
    assert list(documents[documents["source_name"] == f"{SEED}.txt"]["undocs"]) == [""]
    instruments = [d.value for d in at.dataframe if "label" in d.value.columns][0]
    assert f"{SYMBOL} — {synthetic_pdf.title}" in set(instruments["document"])
    assert UNDOCS in set(instruments["undocs"])


def test_the_overview_of_one_pdf_names_it_and_links_its_symbol(with_pdf, synthetic_pdf):
    at = app(params={"document": PDF})
    assert_clean(at)
    assert any(m.value.startswith(f"**[{SYMBOL}]({UNDOCS}) — ") and "2 pages" in m.value
               for m in at.markdown)
    assert any("resolution · Third Committee · agenda item 107" in c.value for c in at.caption)


def test_a_pdf_paragraph_says_its_page_and_links_its_symbol(with_pdf, synthetic_pdf):
    at = app(params={"paragraph": f"{PDF}:i1:p5"})
    assert_clean(at)
    assert f"[{SYMBOL}]({UNDOCS}) — {synthetic_pdf.title}" in [m.value for m in at.markdown]
    source = [c.value for c in at.caption if c.value.startswith("Source:")]
    assert len(source) == 1
    assert source[0].startswith(f"Source: [{SYMBOL}]({UNDOCS}), page 1 \\(lines ")
    assert "of the extracted text\\)" in source[0]
    assert any("adopted 17 December 2024" in c.value for c in at.caption)
    footnotes = [d.value for d in at.dataframe if "marker" in d.value.columns][0]
    assert list(footnotes.columns) == ["marker", "page", "text", "line_start", "line_end"]
    assert list(footnotes["page"]) == ["page 1"]
    assert synthetic_pdf.paragraphs[4].text in [t.value for t in at.text]


def test_a_pdf_footnote_on_the_second_page_says_so(with_pdf):
    with duckdb.connect(str(with_pdf), read_only=True) as con:
        paragraph, = con.execute(
            "select pf.paragraph_id from paragraph_footnotes pf join footnotes f using "
            "(footnote_id) where f.document_id = ? and f.page_start = 2 order by 1 limit 1",
            [PDF]).fetchone()
    at = app(params={"paragraph": paragraph})
    footnotes = [d.value for d in at.dataframe if "marker" in d.value.columns][0]
    assert "page 2" in list(footnotes["page"])


def test_a_text_paragraph_still_says_its_lines(with_pdf):
    at = app(params={"paragraph": f"{SEED}:i1:p27"})
    assert_clean(at)
    source = [c.value for c in at.caption if c.value.startswith("Source:")][0]
    assert source.startswith(f"Source: {escape_md(SEED + '.txt')}, line 77 · ")  # one line
    assert "page" not in source and "undocs" not in source
    footnotes = [d.value for d in at.dataframe if "marker" in d.value.columns]
    assert all("page" not in f.columns for f in footnotes)


def test_explorer_results_name_the_document_and_link_it(with_pdf, synthetic_pdf):
    at = app("explorer", params={"document": [PDF, SEED]})
    results = [d.value for d in at.dataframe if "reference" in d.value.columns][0]
    pdf_rows = results[results["undocs"] == UNDOCS]
    assert len(pdf_rows) == len(synthetic_pdf.paragraphs)
    assert set(pdf_rows["document"]) == {f"{SYMBOL} — {synthetic_pdf.title}"}
    assert set(pdf_rows["where"]) <= {"page 1", "page 2", "pages 1–2"}
    text_rows = results[results["undocs"] == ""]
    assert [name.endswith(f"({SEED}.txt)") for name in set(text_rows["document"])] == [True]
    assert text_rows["where"].str.match(r"^lines? \d+").all()


def test_a_drilldown_names_the_document_and_its_page(with_pdf):
    at = select(app("verbs", params={"document": PDF}), "verbs_bars",
                ["request", SYMBOL])  # one instrument: named by its symbol
    assert_clean(at)
    heading, refs = drilldown(at)[0]
    assert refs == ["Resolution 79/321, para. 1", "Resolution 79/321, para. 14"]
    table = [d.value for d in at.dataframe if "reference" in d.value.columns][0]
    assert set(table["undocs"]) == {UNDOCS}
    verbatim = [m.value for m in at.markdown if "[open ↗]" in m.value]
    assert len(verbatim) == 2 and all(f"· [{SYMBOL}]({UNDOCS}), page " in v for v in verbatim)


def test_a_database_without_the_document_columns_is_explained(tmp_path, monkeypatch, tiny_db):
    old = tmp_path / "old.duckdb"
    with duckdb.connect(str(old)) as con:  # the tables as the first contract had them
        con.execute(f"attach '{tiny_db}' as tiny (read_only)")
        for table in queries.REQUIRED_TABLES:
            dropped = "exclude (symbol)" if table == "documents" else ""
            con.execute(f"create table {table} as select * {dropped} from tiny.{table}")
    monkeypatch.setenv("RESOLUTIONS_DB", str(old))
    assert "lacks the columns documents.symbol:" in queries.database_problem()
