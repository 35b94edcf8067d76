"""Trends: each figure's totals equal the figures of the pages it summarises."""

from __future__ import annotations

import re

import duckdb
import pytest
from dash_helpers import app, figures

from dashboard import queries
from dashboard.scope import Scope


def _bars(at) -> dict[str, int]:
    totals: dict[str, int] = {}
    for trace in figures(at)[0]["data"]:
        for value, custom in zip(trace.get("x") or [], trace.get("customdata") or []):
            totals[custom[0]] = totals.get(custom[0], 0) + value
    return totals


@pytest.mark.parametrize("grouping", list(queries.TREND_GROUPINGS))
def test_trend_totals_equal_the_overview(with_pdf, grouping):
    overview = {m.label: int(m.value) for m in app(None).metric}
    summary = queries.trend_summary(grouping, Scope())
    assert summary["operative"].sum() == overview["Operative ¶"]
    assert summary["requests"].sum() == overview["Requests"]
    # every operative paragraph has exactly one funding basis
    basis = queries.counts(queries.trend_view("funding", grouping), (grouping, "funding_basis"), Scope())
    assert basis["paragraphs"].sum() == summary["operative"].sum()


def test_each_bar_drills_down_to_its_paragraphs(with_pdf):
    at = app("trends")
    assert not at.exception
    summary = queries.trend_summary("committee", Scope()).set_index("group")
    assert _bars(at) == summary["operative"].to_dict()
    for group, operative in summary["operative"].items():
        rows = queries.drilldown(queries.trend_view("operative", "committee"), (("committee", group),), Scope())
        assert len(rows) == operative
        assert set(rows["kind"]) == {"operative"}


def test_within_existing_resources_is_what_its_paragraphs_say(monkeypatch, samples_db):
    monkeypatch.setenv("RESOLUTIONS_DB", str(samples_db))
    view = queries.trend_view("within_existing", "committee")
    summary = queries.trend_summary("committee", Scope())
    assert summary["within_existing"].sum() > 0
    con = duckdb.connect(str(samples_db), read_only=True)
    for group, expected in zip(summary["group"], summary["within_existing"]):
        rows = queries.drilldown(view, (("committee", group),), Scope())
        assert len(rows) == expected
        for paragraph_id, text in zip(rows["paragraph_id"], rows["text"]):
            # the wording may sit in one of the paragraph's sub-items
            items = [t for (t,) in con.execute("select text from subparagraphs where paragraph_id = ?",
                                               [paragraph_id]).fetchall()]
            words = " ".join(" ".join([text, *items]).lower().split())
            assert re.search(r"within (the )?existing (mandates? and )?resources", words), paragraph_id
    con.close()


@pytest.mark.parametrize("params", [{"by": "session"}, {"by": "agenda_item", "view": "funding"},
                                    {"view": "requests"}, {"view": "existing"}])
def test_trends_page_views(with_pdf, params):
    at = app("trends", params)
    assert not at.exception
    assert at.dataframe[0].value.shape[0] >= 1
    assert at.query_params.get("by", "committee") == params.get("by", "committee")


def test_filters_narrow_the_trends(with_pdf):
    everything = queries.trend_summary("session", Scope())["operative"].sum()
    at = app("trends", {"by": "session", "session": "79"})
    shown = at.dataframe[0].value
    assert list(shown["Session"]) == ["Session 79"]
    assert shown["operative"].sum() < everything


def test_samples_show_the_80th_session_by_committee(monkeypatch, samples_db):
    monkeypatch.setenv("RESOLUTIONS_DB", str(samples_db))
    at = app("trends", {"session": "80"})
    committees = set(at.dataframe[0].value["Committee"])
    assert {"First Committee", "Third Committee", "Fifth Committee", "plenary"} <= committees
    verbs = {m.label: int(m.value) for m in app(None, {"session": "80"}).metric}
    assert at.dataframe[0].value["operative"].sum() == verbs["Operative ¶"]
