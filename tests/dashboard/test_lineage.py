"""AppTest: the Lineage page links citations that resolve inside the database, lists the others,
draws a document's neighbourhood and the most-cited resolutions, and follows links and clicks."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs

import duckdb
import pytest
import streamlit as st
from dash_helpers import app, assert_clean, drilldown, figures, make_tiny_db, marks, select, values

from dashboard import build
from etl.pipeline import build as etl_build

SEED_TEXT = build.REPO_ROOT / "seeds" / "000_729240fe4f2efc64.txt"
SEED_DOC = "000_729240fe4f2efc64"
SAMPLES = build.REPO_ROOT.parent / "shared" / "samples" / "pdf"
CITING, CITED = "A_RES_80_229", "A_RES_79_187"  # a citation inside the sample corpus


def use(monkeypatch, db: Path) -> Path:
    monkeypatch.setenv("RESOLUTIONS_DB", str(db))
    st.cache_resource.clear()  # cached connections and frames survive across AppTest runs
    st.cache_data.clear()
    return db


@pytest.fixture(scope="module")
def linked_db(tmp_path_factory) -> Path:
    """The tiny database with doc2 given the symbol doc1 cites, in lower case: doc1's
    'resolution 76/181' (preambular paragraph 1) and its footnote 2 'Resolution 76/181, annex.'
    (referred to by operative paragraphs 1 and 2 of Resolution 33/1) now resolve to doc2."""
    db = make_tiny_db(tmp_path_factory.mktemp("linked") / "tiny.duckdb")
    con = duckdb.connect(str(db))
    con.execute("update documents set symbol = 'a/res/76/181', session = 76 "
                "where document_id = 'doc2'")
    con.close()
    return db


@pytest.fixture
def linked(monkeypatch, linked_db) -> Path:
    return use(monkeypatch, linked_db)


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory) -> Path:
    """A database built by the ETL from every sample PDF in ../shared."""
    if not SAMPLES.is_dir():
        pytest.skip(f"the sample PDFs ({SAMPLES}) are not there")
    db = tmp_path_factory.mktemp("samples") / "resolutions.duckdb"
    etl_build([SAMPLES], db)
    return db


def page_links(at) -> list[tuple[str, str]]:
    """(label, doc parameter) of every page link on the page."""
    return [(plain(el.proto.label), parse_qs(el.proto.query_string).get("doc", [""])[0])
            for el in at.get("page_link")]


def plain(markdown: str) -> str:
    """Escaped markdown as it reads on screen."""
    return re.sub(r"\\(.)", r"\1", markdown)


def outside_table(at):
    """The table of what is cited but not in the database."""
    (table,) = [d.value for d in at.dataframe if "as_written" in d.value.columns]
    return table


def linked_table(at, key: str):
    """The table of linked documents with `key` (one section's, for one document)."""
    (table,) = [d for d in at.dataframe if d.key == key]
    return table.value


def choose(at, key: str, row: int):
    """Choose a row of a table of linked documents, as a click on it does."""
    at.session_state[key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return at.run()


def citing_lines(at) -> list[str]:
    """The citing paragraphs written out: 'Reference · cited as … · [open ↗](…) · place'."""
    return [plain(m.value) for m in at.markdown if " · cited as " in m.value]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def texts(at) -> list[str]:
    """Everything written on the page as markdown, caption, text, info or metric."""
    return ([m.value for m in at.markdown] + [c.value for c in at.caption]
            + [t.value for t in at.text] + [i.value for i in at.info]
            + [m.label for m in at.metric] + [e.label for e in at.expander])


def lineage(doc: str | None = None, **params) -> object:
    return app("lineage", params=({"doc": doc} if doc else {}) | params)


@pytest.mark.parametrize("db", ["tiny", "seed", "linked"])
@pytest.mark.parametrize("view", [None, "cited"])
def test_both_tabs_render_in_plain_words(request, db, view):
    request.getfixturevalue(db)
    at = lineage(**({"view": view} if view else {}))
    assert_clean(at)
    assert at.title[0].value == "Lineage"
    assert any("citations of a resolution in paragraphs and footnotes of other documents in "
               "the database" in c.value for c in at.caption)
    shown = texts(at)
    assert not [t for t in shown if re.search(r"\bNone\b|\bnan\b|\b[a-z]+_[a-z_]+\b", t)
                and "paragraph=" not in t]
    for fig in figures(at):
        assert fig["layout"]["title"]["text"]


def test_the_seed_lists_what_it_cites_as_the_report_says(seed):
    at = lineage()
    assert_clean(at)
    assert at.selectbox(key="lineage_doc").value == SEED_DOC  # the only document
    # one document alone: nothing it cites is in the database, and nothing cites it
    assert metrics(at)["Recalls"] == "0" and metrics(at)["Recalled by"] == "0"
    assert page_links(at) == []
    assert any("No citation links this document" in i.value for i in at.info)
    outside = outside_table(at).set_index("symbol")
    assert metrics(at)["Cited, not in the database"] == str(len(outside))
    # read from the report: each line citing the resolution, in a paragraph or in a footnote
    # ('Resolution 76/181, annex.'): lines 27, 57, 129 and 191
    report = SEED_TEXT.read_text(encoding="utf-8").splitlines()
    for symbol, number in [("A/RES/76/181", "76/181"), ("A/RES/70/1", "70/1"),
                           ("A/RES/217 A (III)", "217 A (III)")]:
        lines = [line for line in report if re.search(rf"\b{re.escape(number)}(?![\d/])", line)]
        assert outside.loc[symbol, "citations"] == len(lines), symbol
    assert outside.loc["A/RES/76/181", "citations"] == 4
    assert outside.loc["A/RES/76/181", "undocs"] == "https://undocs.org/A/RES/76/181"
    assert outside.loc["A/RES/76/181", "kind"] == "General Assembly resolution"
    # numbered by session: linked under its official symbol, without spaces or part letter
    assert outside.loc["A/RES/217 A (III)", "undocs"] == "https://undocs.org/A/RES/217(III)"


def test_a_citation_resolving_to_a_document_becomes_a_link(linked):
    at = lineage("doc1")
    assert_clean(at)
    assert metrics(at) == {"Recalls": "1", "Recalled by": "0", "Cited, not in the database": "1"}
    # the symbol is compared in any case: 'A/RES/76/181' finds doc2's 'a/res/76/181'
    assert page_links(at) == [("a/res/76/181", "doc2")]
    assert any(c.value.startswith("2 citations · session 76") for c in at.caption)
    assert "**The citing paragraphs (3)**" in [m.value for m in at.markdown]
    assert not [d for d in at.dataframe if "paragraphs" in d.value.columns]  # one: no table
    lines = citing_lines(at)
    assert [line.split(" · ")[0] for line in lines] == [
        "**Draft resolution I, preambular paragraph 1**", "**Resolution 33/1, para. 1**",
        "**Resolution 33/1, para. 2**"]
    assert [line.split(" · ")[1] for line in lines] == [
        "cited as “resolution 76/181”"] + ["cited as footnote 2: “Resolution 76/181”"] * 2
    assert "Recalling its resolution 76/181 of 16 December 2021," in [t.value for t in at.text]
    assert list(outside_table(at)["symbol"]) == ["E/CN.15/2024/12"]
    # and the other way round
    at = lineage("doc2")
    assert metrics(at)["Recalled by"] == "1" and metrics(at)["Recalls"] == "0"
    assert page_links(at) == [("doc1.txt", "doc1")]  # no symbol: its file name
    assert "Report of the Commission (tiny)" in [plain(m.value) for m in at.markdown]
    assert any(c.value.startswith("2 citations") for c in at.caption)
    assert any("It cites no other text." in c.value for c in at.caption)


def test_the_neighbourhood_graph_points_at_the_cited_document_and_opens_it(linked):
    at = lineage("doc1")
    (fig,) = figures(at)
    nodes = {values(t["customdata"])[0][0]: t for t in fig["data"] if "customdata" in t}
    assert set(nodes) == {"doc1", "doc2"}
    assert values(nodes["doc2"]["x"]) == [0.0]  # recalled: on the left, the document centred
    assert values(nodes["doc1"]["x"]) == [1.0]
    [arrow] = [t for t in fig["data"] if t.get("mode") == "lines+markers"]
    (start, head, gap), sizes = values(arrow["x"]), values(arrow["marker"]["size"])
    # from doc1 to doc2, stopping short of both markers, the arrow's head at doc2's end
    assert 0.9 < start < 1.0 and 0.0 < head < 0.1 and gap is None
    assert sizes[0] == 0 and sizes[1] > 0 and arrow["hoverinfo"] == "skip"
    # a click on the cited document opens it on this page, and the URL says so
    at = select(at, "lineage_graph_doc1", ["doc2", "", 2])
    assert_clean(at)
    assert at.selectbox(key="lineage_doc").value == "doc2"
    assert at.query_params["doc"] in ("doc2", ["doc2"])
    assert metrics(at)["Recalled by"] == "1"


def test_a_link_to_another_document_opens_it_on_this_page(linked):
    at = lineage("doc1")
    at.query_params["doc"] = "doc2"  # what a page link's click sends
    at.run()
    assert_clean(at)
    assert at.selectbox(key="lineage_doc").value == "doc2"
    # the other tab forgets nothing, and a link from it opens the document's tab
    at.session_state["lineage_view"] = "Most-cited resolutions"
    at.run()
    assert "doc" not in at.query_params
    at.session_state["lineage_view"] = "One document"
    at.run()
    assert at.selectbox(key="lineage_doc").value == "doc2"
    at.session_state["lineage_view"] = "Most-cited resolutions"
    at.run()
    at.query_params.clear()  # a page link replaces the whole query string
    at.query_params["doc"] = "doc1"
    at.run()
    assert at.selectbox(key="lineage_doc").value == "doc1"
    assert "view" not in at.query_params


def test_the_url_and_the_document_filter_choose_the_documents(linked):
    at = lineage("no-such-document")
    assert any("doc='no-such-document'" in i.value for i in at.info)
    assert_clean(at)
    at = app("lineage", params={"document": "doc2"})
    assert list(at.selectbox(key="lineage_doc").options) == [
        at.selectbox(key="lineage_doc").format_func("doc2")]
    assert at.selectbox(key="lineage_doc").value == "doc2"
    # without a choice, the page opens on the document with the most links
    assert lineage().selectbox(key="lineage_doc").value in ("doc1", "doc2")


def test_most_cited_bars_count_citations_and_drill_down_to_their_paragraphs(seed):
    at = lineage(view="cited")
    assert_clean(at)
    (fig,) = figures(at)
    found = {tuple(custom[:2]): value for custom, value in marks(fig)}
    # the seed's document states no session; 76/181 is cited on 4 lines of the report
    assert found[("A/RES/76/181", "Session not stated")] == 4
    assert found[("A/RES/70/1", "Session not stated")] == 3
    assert not any(cited.startswith(("E/CN", "A/CONF", "CCPCJ/DEC")) for cited, _ in found)
    assert {t["name"] for t in fig["data"]} == {"Session not stated"}
    at = select(at, "lineage_cited", ["A/RES/76/181", "Session not stated"])
    assert_clean(at)
    heading, refs = drilldown(at)[0]
    assert heading.startswith("**4 paragraphs**")
    # lines 27 and 191 cite it in the text; footnotes 2 (line 57) and 4 (line 129) are referred
    # to on lines 47 (Draft resolution I, para. 1) and 113 (Draft resolution II, preambular 1)
    assert refs == ["Draft resolution I, preambular paragraph 6", "Draft resolution I, para. 1",
                    "Draft resolution II, preambular paragraph 1",
                    "Draft resolution III, preambular paragraph 6"]


def test_most_cited_follow_the_sidebar_filters(linked):
    at = lineage(view="cited")
    assert {tuple(c[:2]): v for c, v in marks(figures(at)[0])} == {
        ("A/RES/76/181", "Session not stated"): 2}
    ticks = figures(at)[0]["layout"]["yaxis"]["ticktext"]
    assert ticks == ["<b>A/RES/76/181</b>"]  # in the database: bold
    # the footnote citation is carried by two operative paragraphs, the other by a preambular
    at.multiselect(key="filter_kind").set_value(["operative"]).run()
    assert {tuple(c[:2]): v for c, v in marks(figures(at)[0])} == {
        ("A/RES/76/181", "Session not stated"): 1}
    at = select(at, "lineage_cited", ["A/RES/76/181", "Session not stated"])
    heading, refs = drilldown(at)[0]
    assert refs == ["Resolution 33/1, para. 1", "Resolution 33/1, para. 2"]
    assert ("Open A/RES/76/181 on the One document tab", "doc2") in page_links(at)
    at.multiselect(key="filter_document").set_value(["doc2"]).run()
    assert figures(at) == []
    assert any("No paragraphs match" in i.value for i in at.info)


def test_in_the_sample_pdfs_a_resolution_links_to_the_one_it_recalls(monkeypatch, samples_db):
    pymupdf = pytest.importorskip("pymupdf")
    con = duckdb.connect(str(samples_db), read_only=True)
    # found with SQL first: A/RES/80/229 cites A/RES/79/187 in operative paragraph 38
    found = con.execute("""
        select p.label, c.as_written from citations c
        join paragraphs p using (paragraph_id) join instruments i using (instrument_id)
        where i.document_id = ? and upper(c.symbol) = 'A/RES/79/187'""", [CITING]).fetchall()
    con.close()
    assert found == [("38", "79/187")]
    # and in the PDF: paragraph 38 names resolution 79/187 among those it reaffirms
    pdf = pymupdf.open(SAMPLES / f"{CITING}.pdf")
    text = re.sub(r"\s+", " ", " ".join(page.get_text() for page in pdf))
    para = text[text.index("38. Welcomes"):text.index("39. ")]
    assert "78/224 of 19 December 2023 and 79/187 of 17 December 2024" in para

    use(monkeypatch, samples_db)
    at = lineage(CITING)
    assert_clean(at)
    # the six documents it recalls, one row each, the most cited first; the first is open
    key = f"lineage_recalls_{CITING}"
    table = linked_table(at, key)
    assert list(table["document"]) == ["A/RES/80/226", "A/RES/79/186", "A/RES/79/187",
                                       "A/RES/79/188", "A/RES/79/189", "A/RES/80/9"]
    assert page_links(at) == [("A/RES/80/226", "A_RES_80_226")]
    row = table.set_index("document").loc["A/RES/79/187"]
    assert (row["citations"], row["paragraphs"], row["session"]) == (1, 1, 79)
    assert str(row["adopted_on"])[:10] == "2024-12-17"
    assert row["undocs"] == "https://undocs.org/A/RES/79/187"
    assert row["title"].startswith("Reducing reoffending through rehabilitation")
    # choosing its row opens it: a link to its lineage, its facts, the paragraph that cites it
    at = choose(at, key, list(table["document"]).index("A/RES/79/187"))
    assert_clean(at)
    assert page_links(at) == [("A/RES/79/187", CITED)]
    assert any(c.value.startswith("1 citation · session 79 · adopted 17 December 2024")
               for c in at.caption)
    assert [line.split(" · ")[0] for line in citing_lines(at)] == [
        "**Resolution 80/229, para. 38**"]
    assert citing_lines(at)[0].startswith("**Resolution 80/229, para. 38** · cited as “79/187”")
    assert any(t.value.startswith("Welcomes the adoption of its resolution 80/226")
               and "79/187 of 17 December 2024" in t.value for t in at.text)
    at.query_params["doc"] = CITED  # follow the link
    at.run()
    assert at.selectbox(key="lineage_doc").value == CITED
    assert ("A/RES/80/229", CITING) in page_links(at)
    assert metrics(at)["Recalled by"] == "1"
    at.session_state["lineage_view"] = "Most-cited resolutions"
    at.run()
    assert_clean(at)
    sessions = {t["name"] for t in figures(at)[0]["data"]}
    assert {"Session 79", "Session 80"} <= sessions


def test_a_run_sends_one_table_and_one_document_per_section_however_many_are_linked(
        monkeypatch, samples_db):
    # A/RES/80/229 recalls six documents: one table row each, and only the chosen one written
    # out (its link, facts and citing paragraphs), not six boxes of elements
    use(monkeypatch, samples_db)
    at = lineage(CITING)
    assert metrics(at)["Recalls"] == "6"
    assert len(linked_table(at, f"lineage_recalls_{CITING}")) == 6
    assert len(at.get("page_link")) == 1
    assert at.main.expander == []
    assert len(citing_lines(at)) == 2  # A/RES/80/226, cited in paragraphs 3 and 38
    assert len(at.text) == 2


def test_the_chosen_document_writes_out_its_first_paragraphs_and_tables_the_rest(
        monkeypatch, samples_db):
    # A/RES/79/116 is recalled by A/RES/80/160 alone, in six paragraphs
    use(monkeypatch, samples_db)
    at = lineage("A_RES_79_116")
    assert_clean(at)
    assert metrics(at)["Recalled by"] == "1"
    assert page_links(at) == [("A/RES/80/160", "A_RES_80_160")]
    assert "**The citing paragraphs (6)**" in [m.value for m in at.markdown]
    lines = citing_lines(at)
    assert len(lines) == 5 and len(at.text) == 5
    assert all(line.startswith("**Resolution 80/160, ") for line in lines)
    assert any(c.value == "The other 1:" for c in at.caption)
    (more,) = [d.value for d in at.dataframe if "cited_as" in d.value.columns]
    assert len(more) == 1
    assert more["reference"].iloc[0].startswith("Resolution 80/160, ")
    assert "79/116" in more["text"].iloc[0] and "79/116" in more["cited_as"].iloc[0]
    assert more["link"].iloc[0] == "./?paragraph=A_RES_80_160%3Ai1%3Ap53"
