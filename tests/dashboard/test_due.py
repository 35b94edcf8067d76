"""Due dates of requested reports, and the search words (pure)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import due, ics
from etl import search


@pytest.mark.parametrize("session, opening", [
    (78, date(2023, 9, 5)), (79, date(2024, 9, 10)), (80, date(2025, 9, 9)), (81, date(2026, 9, 8)),
])
def test_assembly_sessions_open_on_the_tuesday_of_the_second_week_of_september(session, opening):
    assert due.assembly_opening(session) == opening


def _request(**fields):
    base = dict(report_request_id="d:i1:p3:r1", paragraph_id="d:i1:p3", reporter="Secretary-General",
                submitted_to="General Assembly", session=81, session_body=None, due_year=2026,
                periodicity="annual", form="written", subject="the implementation of the present resolution",
                as_written="to report to it at its eighty-first session", instrument_label="Resolution 80/1",
                kind="operative", number="3", ordinal=3, text="Requests the Secretary-General to report …",
                symbol="A/RES/80/1", document_title="Title", source_name="A_RES_80_1.pdf",
                page_start=2, page_end=2)
    return base | fields


@pytest.mark.parametrize("fields, day", [
    ({}, date(2026, 9, 8)),
    ({"session_body": "Commission on Crime Prevention and Criminal Justice", "session": 35}, None),
    ({"submitted_to": "Human Rights Council", "session": 61}, None),
    ({"session": None}, None),
])
def test_only_an_assembly_session_gives_a_day(fields, day):
    requests = pd.DataFrame([_request(**fields)])
    assert due.dated(requests).tolist() == [day is not None]
    assert due.calendar_events(requests)["start_date"].tolist() == ([day] if day else [])


def test_due_reports_make_a_calendar():
    requests = pd.DataFrame([_request(), _request(report_request_id="d:i1:p3:r2", session=None)])
    events = due.calendar_events(requests)
    assert len(events) == 1
    text = ics.calendar(events)
    assert "DTSTART;VALUE=DATE:20260908" in text and "DTEND;VALUE=DATE:20260909" in text
    assert "SUMMARY:Report due: Secretary-General to the General Assembly\\, session 81 (annual\\, written)" \
        in text.replace("\r\n ", "")
    assert "opening day" in text.replace("\r\n ", "")


@pytest.mark.parametrize("text, found", [
    ("Extra-budgetary resources", ["extrabudgetary", "resources"]),
    ("the Secretary‑General’s report", ["thesecretary"[:3], "secretarygeneral", "s", "report"]),
    ("Côte d’Ivoire", ["cote", "d", "ivoire"]),
])
def test_search_words_fold_case_accents_and_hyphens(text, found):
    assert search.words(text) == found


def test_hyphenated_words_are_indexed_whole_and_by_their_parts():
    assert search.index_terms("Secretary-General, the Secretary-General") == {
        "secretarygeneral": 2, "secretary": 2, "general": 2, "the": 1}


@pytest.mark.parametrize("query, words, phrases", [
    ('report "eighty-first session"', ("report", "eightyfirst", "session"), (("eightyfirst", "session"),)),
    ("Extra-Budgetary", ("extrabudgetary",), ()),
    ('"single"', ("single",), ()),
    ('"unclosed phrase', ("unclosed", "phrase"), (("unclosed", "phrase"),)),
    ("   ", (), ()),
])
def test_query_parts(query, words, phrases):
    assert search.query_parts(query) == (words, phrases)


def test_bars_of_year_like_labels_stay_categories():
    from dashboard import charts

    df = pd.DataFrame({"due": ["2026", "2025", "2026 · session 81"], "paragraphs": [3, 2, 1]})
    fig = charts.horizontal_bars(df, "due", "Reports", "When due")
    assert fig.layout.yaxis.type == "category"
