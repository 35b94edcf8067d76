"""Reports due: the page's figures are the report_requests rows in scope."""

from __future__ import annotations

import duckdb
import pytest
from dash_helpers import app, figures, mark_traces

from dashboard import queries
from dashboard.scope import Scope


def _rows(db) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select count(*) from report_requests").fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("view", ["when", "who", "committee"])
def test_each_chart_counts_every_request_once(seed, view):
    at = app("reports", {"view": view})
    assert not at.exception
    metrics = {m.label: int(m.value) for m in at.metric}
    assert metrics["Reports requested"] == _rows(seed) > 0
    total = sum(sum(trace["x"]) for trace in figures(at)[0]["data"] if trace.get("x"))
    assert total == metrics["Reports requested"]


def test_a_bar_drills_down_to_the_paragraphs_that_ask(seed):
    every = {"reporter": None}
    counted = queries.counts(queries.REPORT_ROWS, ("reporter",), Scope(), every)
    for reporter in counted["reporter"]:
        rows = queries.drilldown(queries.REPORT_ROWS, (("reporter", reporter),), Scope(), every)
        assert len(rows) >= 1
        assert all(kind == "operative" for kind in rows["kind"])


def test_the_list_links_each_request_to_its_paragraph(seed):
    at = app("reports", {"view": "list"})
    table = at.dataframe[0].value
    assert len(table) == _rows(seed)
    assert all(link.startswith("./?paragraph=") for link in table["Open"])
    assert at.get("download_button")  # CSV and .ics


def test_the_filters_narrow_the_requests(seed):
    everything = len(queries.report_requests(Scope()))
    first = queries.report_requests(Scope())["instrument_id"].iloc[0]
    narrowed = queries.report_requests(Scope(instruments=(first,)))
    assert 0 < len(narrowed) < everything


def test_one_reporter_narrows_every_figure(seed):
    every = app("reports", {"view": "committee"})
    total = {m.label: int(m.value) for m in every.metric}["Reports requested"]
    at = app("reports", {"view": "committee", "reporter": "Secretary-General"})
    assert not at.exception
    metrics = {m.label: int(m.value) for m in at.metric}
    assert metrics["Reports requested"] == metrics["Of the Secretary-General"] < total
    drawn = sum(sum(trace["x"]) for trace in figures(at)[0]["data"] if trace.get("x"))
    assert drawn == metrics["Reports requested"]
    names = {trace["name"] for trace in mark_traces(figures(at)[0])}
    assert names <= {"within existing resources", "no such wording"}
