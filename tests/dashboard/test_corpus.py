"""The corpus filters: session, issuing body, origin, agenda item, document type, adoption dates."""

from __future__ import annotations

import duckdb
import pytest
from dash_helpers import app, figures

from dashboard import filters, queries, ui
from dashboard.scope import Scope
from dashboard.text import OTHERS

CORPUS_KEYS = ("filter_session", "filter_issuer", "filter_origin", "filter_agenda", "filter_type")


def _headline(at) -> dict[str, int]:
    return {m.label: int(m.value) for m in at.metric}


def _bar_total(at) -> int:
    return sum(sum(v for v in trace["x"] if v) for trace in figures(at)[0]["data"])


def test_one_document_needs_no_corpus_filters(seed):
    at = app(None)
    keys = {m.key for m in at.sidebar.multiselect}
    assert not keys & set(CORPUS_KEYS)
    assert not at.sidebar.date_input


def test_corpus_filters_offer_counts_and_narrow_the_figures(with_pdf):
    at = app(None)
    assert at.multiselect(key="filter_session").options == ["Session 79 (1)", "not stated (1)"]
    assert at.multiselect(key="filter_type").options == ["report (1)", "resolution (1)"]
    everything = _headline(at)
    at.multiselect(key="filter_session").set_value(["79"]).run()
    assert at.query_params["session"] == "79"
    narrowed = _headline(at)
    assert (narrowed["Preambular ¶"], narrowed["Operative ¶"]) == (3, 17)
    assert narrowed["Operative ¶"] < everything["Operative ¶"]
    assert filters.describe(at.session_state["_scope"]) == "Session: Session 79 (1)"


def test_the_adoption_range_comes_from_the_url_and_is_checked(with_pdf):
    at = app(None, {"type": "resolution"})
    assert not at.exception
    assert not at.sidebar.date_input  # one adoption date: no range to choose
    at = app(None, {"adopted": ["2024-01-01"]})
    assert any("adopted='2024-01-01'" in i.value for i in at.info)


def test_samples_narrow_every_page_by_committee(monkeypatch, samples_db):
    monkeypatch.setenv("RESOLUTIONS_DB", str(samples_db))
    con = duckdb.connect(str(samples_db), read_only=True)
    operative = con.execute(
        "select count(*) from paragraphs p join instruments i using (instrument_id) "
        "join documents d using (document_id) where d.committee = 'Third Committee' "
        "and p.kind = 'operative'").fetchone()[0]
    dated = con.execute("select min(adopted_on), max(adopted_on) from documents").fetchone()
    con.close()
    third = {"origin": "Third Committee"}
    assert _headline(app(None, third))["Operative ¶"] == operative
    for page in ("verbs", "funding"):
        assert 0 < _bar_total(app(page, third)) < _bar_total(app(page))
    at = app("explorer", third | {"q": "Secretary-General"})
    assert not at.exception
    at = app(None)
    assert at.sidebar.date_input[0].value == dated
    # the agenda item choices are in agenda order, with their titles
    agendas = list(queries.filter_options()["agendas"])
    numbers = [int(a.split()[0]) for a in agendas if a[0].isdigit()]
    assert numbers == sorted(numbers)


@pytest.mark.parametrize("field, value, label", [
    ("sessions", "80", "Session 80 (12)"),
    ("sessions", "(not stated)", "not stated (12)"),
    ("agendas", "71 (b)", "71 (b) Human rights (12)"),
    ("origins", "Third Committee", "Third Committee (12)"),
])
def test_corpus_labels(field, value, label):
    assert queries.corpus_label(field, value, "Human rights", 12) == label


def test_the_documents_table_counts_requests_and_words(with_pdf):
    at = app(None)
    table = at.dataframe[0].value
    assert {"requests", "words", "operative"} <= set(table.columns)
    con = duckdb.connect(str(with_pdf), read_only=True)
    words = con.execute("select sum(len(regexp_split_to_array(trim(text), '\\s+'))) from paragraphs").fetchone()[0]
    con.close()
    assert table["words"].sum() == words
    assert table["requests"].sum() == {m.label: int(m.value) for m in at.metric}["Requests"]


def test_hundreds_of_instruments_fold_into_others_and_drill_down(monkeypatch, samples_db):
    monkeypatch.setenv("RESOLUTIONS_DB", str(samples_db))
    view, dims = queries.VERB_CLAUSES, ("verb", "instrument")
    whole = queries.counts(view, dims, Scope())
    folded = queries.counts(view, dims, Scope(), fold={"verb": 10, "instrument": 12})
    assert whole["paragraphs"].sum() == folded["paragraphs"].sum()
    assert folded["instrument"].nunique() == 13 and folded["verb"].nunique() == 11
    others = folded[(folded["verb"] == OTHERS) & (folded["instrument"] == OTHERS)]["paragraphs"].sum()
    rows = queries.drilldown(view, (("verb", OTHERS), ("instrument", OTHERS)), Scope(),
                             fold={"verb": 10, "instrument": 12})
    assert len(rows) == others > 0
    at = app("verbs")
    traces = figures(at)[0]["data"]
    legend = [t["marker"]["color"] for t in traces if t.get("showlegend")]
    assert len(legend) == ui.MAX_COLOURS + 1 == len(set(legend))  # each its own colour, and "others"
    assert any("counted together" in c.value for c in at.caption)


def test_a_long_document_list_in_the_sidebar_narrows_by_the_words_typed(with_pdf, monkeypatch):
    monkeypatch.setattr(filters, "PICK_SHOWN", 1)
    documents = queries.filter_options()["documents"]
    resolution = next(d for d, label in documents.items() if "79/321" in label)
    at = app(None)
    assert len(at.multiselect(key="filter_document").options) == 1  # one offered of two
    assert "2 to choose from; the first 1 are offered. Type more words to narrow." in \
        [c.value for c in at.sidebar.caption]
    at = at.text_input(key="filter_document_find").input("79/321").run()
    assert at.multiselect(key="filter_document").options == [documents[resolution]]
    everything = _headline(app(None))
    at = at.multiselect(key="filter_document").select(resolution).run()
    assert at.query_params["document"] == resolution
    narrowed = _headline(at)
    assert narrowed["Operative ¶"] < everything["Operative ¶"]
    # other words: the choice stays chosen, and offered, beside what they find
    other = next(label for d, label in documents.items() if d != resolution)
    at = at.text_input(key="filter_document_find").input(other).run()
    chosen = at.multiselect(key="filter_document")
    assert chosen.value == [resolution] and chosen.options[0] == documents[resolution]
    assert len(chosen.options) == 2
    assert _headline(at) == narrowed
