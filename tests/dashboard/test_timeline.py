"""The Timeline page as a demanding user reads it: every mark visible and explained by a legend
drawn like it, event types shown, sessions drawn as what they are, background dates apart from
the plan, labels that say what and where, plain words, a calendar that quotes its sources, and a
chart that stays readable on many documents."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone

import pandas as pd
import pytest
import streamlit as st
from dash_helpers import app, assert_clean, drilldown, figures, select, values

from dashboard import ics, timeline_chart as tc
from dashboard.text import escape_md, event_words

SEED = "000_729240fe4f2efc64"
KEY_CONGRESS = ("Fifteenth United Nations Congress on Crime Prevention and Criminal Justice | "
                "2026-04-25 | 2026-04-30 | day | congress | planned")
KEY_ABU_DHABI = ("Adoption of the Abu Dhabi declaration | 2026-04-25 | 2026-04-25 | relative | "
                 "meeting | planned")
KEY_SEGMENT = ("High-level segment of the Fifteenth Congress | 2026-04-25 | 2026-04-26 | relative | "
               "meeting | planned")
ONE_DOCUMENT_WORDING = ("2025–2026", "Congress cycle", "behind us", "cycle is over")


def data_traces(fig: dict) -> list[dict]:
    """The traces that draw marks (legend-only items carry no customdata)."""
    return [t for t in fig["data"] if values(t.get("customdata", []))]


def legend_items(fig: dict) -> list[dict]:
    return [t for t in fig["data"] if t.get("showlegend")]


def mark_keys(fig: dict) -> set[str]:
    return {c[0] for t in data_traces(fig) for c in values(t["customdata"])}


def plan_rows(fig: dict) -> list[str]:
    """The rows' labels (the chart's text trace), top to bottom, as markup."""
    return [text for t in fig["data"] if t.get("name") == tc.LABELS_TRACE for text in t["text"]]


def plain(markup: str) -> str:
    """A label's words as they read (tags and line breaks gone)."""
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


def page_texts(at) -> list[str]:
    return [e.value for e in (*at.markdown, *at.caption, *at.info, *at.subheader, *at.title)]


def visible_headers(element) -> list[str]:
    config = json.loads(element.proto.columns or "{}")
    return [config.get(c, {}).get("label") or str(c) for c in element.value.columns
            if not config.get(c, {}).get("hidden")]


def with_the_table(at):
    """The page with its table of every dated event opened (it is sent only when open)."""
    at.session_state["timeline_table_open"] = True
    return at.run()


def per_point(value, n: int) -> list:
    """A per-point attribute as a list (one value for all points repeated)."""
    if isinstance(value, list) or (isinstance(value, dict) and "bdata" in value):
        return values(value)
    return [value] * n


# ---------------------------------------------------------------------------------------------
# What users saw, item by item (seed database)

def test_relative_events_are_drawn_as_visible_marks_not_hairlines(seed):
    at = app("timeline")
    assert_clean(at)
    fig = figures(at)[0]
    markers = {c[0]: (symbol, size) for t in data_traces(fig) if t["type"] == "scatter"
               for c, symbol, size in zip(values(t["customdata"]),
                                          per_point(t["marker"]["symbol"], 99),
                                          per_point(t["marker"]["size"], 99))}
    # an open diamond on each of the two derived dates, as big as an exact day's diamond
    assert markers[KEY_ABU_DHABI] == ("diamond-open", 13)
    assert markers[KEY_SEGMENT] == ("diamond-open", 13)
    assert markers[KEY_CONGRESS] == ("diamond", 13)
    # and a bar as thick as every other row's
    widths = {t.get("width") for t in data_traces(fig) if t["type"] == "bar"}
    assert widths == {tc.BAR_PX}


def test_the_legend_shows_each_mark_as_it_is_drawn(seed):
    fig = figures(app("timeline"))[0]
    drawn_symbols = {s for t in data_traces(fig) if t["type"] == "scatter"
                     for s in per_point(t["marker"]["symbol"], len(values(t["x"])))}
    drawn_patterns = {p for t in data_traces(fig) if t["type"] == "bar"
                      for p in per_point(t["marker"]["pattern"]["shape"], len(values(t["y"])))}
    items = legend_items(fig)
    assert not [t for t in items if values(t.get("customdata", []))]  # no mark in the legend twice
    forms = [t for t in items if t.get("legendgroup") == "form"]
    by_name = {t["name"]: t for t in forms}
    assert by_name["exact day(s)"]["marker"]["symbol"] == "diamond"
    assert by_name["derived from another event"]["marker"]["symbol"] == "diamond-open"
    assert by_name["month or year only"]["marker"]["pattern"]["shape"] == "/"
    assert by_name["session: dates not stated"]["marker"]["pattern"]["shape"] == "."
    legend_symbols = {t["marker"]["symbol"] for t in forms if t["type"] == "scatter"}
    legend_patterns = {t["marker"]["pattern"]["shape"] for t in forms if t["type"] == "bar"}
    assert legend_symbols == drawn_symbols
    assert legend_patterns == drawn_patterns - {""}  # a solid bar always carries its diamond
    # one colour item per event type drawn, in the colour of its marks
    colours = {t["name"]: t["marker"]["color"] for t in items if t.get("legendgroup") == "type"}
    drawn = {t["name"]: t["marker"]["color"] for t in data_traces(fig)}
    assert colours == drawn
    assert set(colours) == {"Congress", "Meeting", "Session", "Report due", "Budget"}


def test_event_types_are_shown_in_colour_in_hover_and_in_the_table(seed):
    at = app("timeline")
    fig = figures(at)[0]
    hovers = [c[2] for t in data_traces(fig) for c in values(t["customdata"])]
    assert any("Report due · session: dates not stated" in h for h in hovers)
    assert any("Budget · month or year only" in h for h in hovers)
    assert not [d for d in at.dataframe if "when" in d.value.columns]  # closed: not sent
    at = with_the_table(at)
    table = next(d for d in at.dataframe if "type" in d.value.columns and "when" in d.value.columns)
    assert set(table.value["type"]) == {"Congress", "Meeting", "Session", "Report due", "Budget"}
    # a report due at a session and the session itself are two rows, not one 'session; report_due'
    rows = plan_rows(fig)
    assert sum("thirty-fourth session" in r for r in rows) == 2
    assert any(r.startswith("<b>Report due: Commission on Crime Prevention") for r in rows)


def test_sessions_are_pale_dotted_bands_that_say_their_dates_are_not_stated(seed):
    fig = figures(app("timeline"))[0]
    sessions = 0
    for t in data_traces(fig):
        if t["type"] != "bar":
            continue
        n = len(values(t["y"]))
        for custom, shape, opacity in zip(values(t["customdata"]),
                                          per_point(t["marker"]["pattern"]["shape"], n),
                                          per_point(t["marker"]["opacity"], n)):
            if " | session | " in custom[0]:
                sessions += 1
                assert shape == "." and opacity <= 0.4
                assert "(session; dates not stated)" in custom[2]
    assert sessions == 5
    assert sum("(session; dates not stated)" in r for r in plan_rows(fig)) == 5


def test_background_dates_get_their_own_chart_and_leave_the_plan_alone(seed):
    plan = figures(app("timeline"))[0]
    at = app("timeline", params={"history": "1"})
    assert_clean(at)
    assert at.checkbox(key="timeline_history").value is True
    assert at.query_params["history"] in ("1", ["1"])
    with_background = figures(at)
    assert len(with_background) == 2
    assert with_background[0] == plan  # same rows, same axis
    start, end = (pd.Timestamp(x) for x in plan["layout"]["xaxis"]["range"])
    assert pd.Timestamp("2023-11-01") < start and end < pd.Timestamp("2027-12-31")
    background = with_background[1]
    assert pd.Timestamp(background["layout"]["xaxis"]["range"][0]) < pd.Timestamp("1948-08-13")
    assert not mark_keys(plan) & mark_keys(background)
    assert all(k.endswith("| background") for k in mark_keys(background))
    assert len(mark_keys(background)) == 27  # the seed's 28 dated mentions, 76/181 cited twice
    at.checkbox(key="timeline_history").uncheck().run()
    assert len(figures(at)) == 1 and "history" not in at.query_params


def test_labels_are_unique_and_say_what_and_where(seed):
    at = app("timeline", params={"history": "1"})
    plan, background = figures(at)
    rows = plan_rows(plan)
    assert len(rows) == len(set(rows)) == 12
    # every row: the event in bold, then its dates in words and its paragraphs
    assert all(re.search(r"Draft (resolution|decision) [IV]+, paras?\. ", plain(r)) for r in rows)
    # a bare 'Meeting' (the narrative's Board of Trustees meeting) says where it was read
    meeting = next(c[2] for t in data_traces(background) for c in values(t["customdata"])
                   if c[0].startswith("Meeting | 2023-10-17"))
    assert f"{SEED}.txt, text outside numbered paragraphs" in meeting
    assert "17–19 October 2023" in meeting


def test_labels_name_their_document_when_there_are_several(with_pdf):
    fig = figures(app("timeline"))[0]
    rows = [plain(r) for r in plan_rows(fig)]
    seed_rows = [r for r in rows if f"{SEED}.txt, Draft" in r]
    pdf_rows = [r for r in rows if "A/RES/79/321, para. " in r]
    both = [r for r in rows if f"paragraphs in {SEED}.txt and A/RES/79/321" in r]
    assert seed_rows and pdf_rows and both
    assert len(seed_rows) + len(pdf_rows) + len(both) == len(rows), rows


@pytest.mark.parametrize("db", ["tiny", "seed"])
def test_no_page_carries_one_documents_wording(request, db):
    request.getfixturevalue(db)
    at = app("timeline")
    assert_clean(at)
    assert not [t for t in page_texts(at) if any(w in t for w in ONE_DOCUMENT_WORDING)]
    titles = [f["layout"]["title"]["text"] for f in figures(at)]
    assert titles == ["Planned dates, earliest first"]


def test_a_selection_with_nothing_to_come_says_so_in_general_words(seed):
    # Draft decision II plans only Commission sessions, which have no day for a calendar
    at = app("timeline", params={"instrument": f"{SEED}:i6"})
    assert_clean(at)
    notes = [i.value for i in at.info]
    assert any("No planned event with days in a calendar is still to come" in n for n in notes)
    assert not [t for t in page_texts(at) if any(w in t for w in ONE_DOCUMENT_WORDING)]
    assert not [b for b in at.get("download_button") if "ics" in b.proto.label]


def test_plain_words_on_the_page(seed):
    at = with_the_table(app("timeline", params={"history": "1"}))
    assert_clean(at)
    assert any("when" in d.value.columns for d in at.dataframe)  # every dated event
    for table in at.dataframe:
        assert not [h for h in visible_headers(table) if "_" in h], visible_headers(table)
        frame = table.value
        text = [c for c in frame.columns if frame[c].dtype == object]
        cells = frame[text].map(str).to_numpy().ravel()
        assert not [c for c in cells if c in ("None", "nan", "NaT") or "00:00:00" in c]
        assert not [c for c in cells if c in tc.FORM_OF or "report_due" in c]
    for fig in figures(at):
        words = json.dumps([plan_rows(fig)] + [c[2] for t in data_traces(fig)
                                               for c in values(t["customdata"])])
        for code in ("paragraph(s)", "00:00:00", "None", "report_due", "relative_to", "nan"):
            assert code not in words
    texts = page_texts(at)
    assert not [t for t in texts if "paragraph(s)" in t or "_" in t]


def test_each_mark_of_both_charts_drills_down_to_its_paragraphs(seed):
    at = app("timeline", params={"history": "1"})
    at = select(at, "timeline_chart", [KEY_CONGRESS])
    heading, refs = drilldown(at)[0]
    assert heading.startswith("**1 paragraph**")
    assert escape_md(event_words(KEY_CONGRESS)) in heading
    assert refs == ["Draft resolution I, para. 5"]
    key = next(k for k in mark_keys(figures(at)[1]) if k.startswith("Adoption of General Assembly "
                                                                     "resolution 76/181"))
    count = next(c[1] for t in data_traces(figures(at)[1]) for c in values(t["customdata"])
                 if c[0] == key)
    at = select(at, "timeline_background", [key])
    assert_clean(at)
    heading, refs = [d for d in drilldown(at) if escape_md(event_words(key)) in d[0]][-1]
    assert len(refs) == count == 2  # cited in two paragraphs


def test_the_calendar_buttons_count_what_they_hold_and_say_what_is_left_out(seed):
    at = app("timeline")
    labels = [b.proto.label for b in at.get("download_button") if ".ics" in b.proto.label]
    # 12 planned dated events; 5 are sessions with no stated dates; 1 (budget 2026) runs on
    assert labels == ["⬇ Upcoming and ongoing events (.ics, 1)", "⬇ All planned events (.ics, 7)"]
    note = next(c.value for c in at.caption if "Left out" in c.value)
    assert "5 planned events" in note and "5 sessions whose dates the text does not state" in note


# ---------------------------------------------------------------------------------------------
# Many documents (the 265 sample PDFs with the seed)

@pytest.fixture
def samples(monkeypatch, samples_db):
    monkeypatch.setenv("RESOLUTIONS_DB", str(samples_db))
    st.cache_resource.clear()
    st.cache_data.clear()
    return samples_db


def test_many_documents_keep_the_chart_readable_and_say_what_is_left_out(samples):
    at = app("timeline")
    assert_clean(at)
    fig = figures(at)[0]
    rows = plan_rows(fig)
    assert len(rows) == tc.PLAN_ROWS == len(set(rows))
    note = next(c.value for c in at.caption if c.value.startswith("The chart shows"))
    total = int(re.search(r"of the (\d+) planned events", note).group(1))
    table = next(d for d in with_the_table(at).dataframe if "when" in d.value.columns)
    assert len(table.value) == total > 700
    assert fig["layout"]["title"]["subtitle"]["text"].startswith(f"{tc.PLAN_ROWS} of {total}")
    # the General Assembly's next session, asked for by 100+ documents, is on the chart
    assert any("eighty-first session" in r and "documents" in r for r in rows)
    # the axis stays near today, whatever the paragraphs recall from 1907 or plan for 2072
    start, end = (pd.Timestamp(x) for x in fig["layout"]["xaxis"]["range"])
    assert end - start < pd.Timedelta(days=366 * 8)
    assert fig["layout"]["height"] < 2400


# ---------------------------------------------------------------------------------------------
# Pure pieces

def frame(**columns) -> pd.DataFrame:
    base = {"event_key": ["k"], "title": ["Event"], "label": ["Event"], "event_type": ["meeting"],
            "start_date": [pd.Timestamp("2026-04-25")], "end_date": [pd.Timestamp("2026-04-30")],
            "precision": ["day"], "is_historical": [False], "upcoming": [True],
            "location": [None], "phrase": ["from 25 to 30 April 2026"], "relative_to": [None],
            "event_id": ["e"], "paragraphs": [1], "documents": [1], "sources": [[]]}
    return pd.DataFrame(base | columns)


DATES_IN_WORDS = [
    ("2026-04-25", "2026-04-30", "day", "25–30 April 2026"),
    ("2026-04-24", "2026-04-24", "day", "24 April 2026"),
    ("2026-04-24", None, "day", "24 April 2026"),
    ("2026-11-30", "2026-12-04", "day", "30 November – 4 December 2026"),
    ("2026-12-30", "2027-01-04", "day", "30 December 2026 – 4 January 2027"),
    ("2026-04-25", "2026-04-26", "relative", "25–26 April 2026 (derived)"),
    ("2026-04-25", "2026-04-25", "relative", "25 April 2026 (derived)"),
    ("2099-03-01", None, "month", "March 2099 (month only)"),
    ("2099-03-01", "2099-03-31", "month", "March 2099 (month only)"),
    ("2099-03-01", "2099-05-31", "month", "March 2099 – May 2099 (month only)"),
    ("2025-01-01", "2025-12-31", "year", "2025 (year only)"),
    ("2025-01-01", "2026-12-31", "year", "2025–2026 (year only)"),
    ("2026-01-01", "2026-12-31", "session", "2026 (session; dates not stated)"),
    ("2026-09-01", "2027-08-31", "session", "September 2026 – August 2027 (session; dates not stated)"),
    (None, None, "session", ""),
    (None, None, "day", ""),
]


@pytest.mark.parametrize("start, end, precision, words", DATES_IN_WORDS)
def test_dates_in_words(start, end, precision, words):
    assert tc.when_words(pd.Timestamp(start) if start else None,
                         pd.Timestamp(end) if end else None, precision) == words


def test_dates_in_words_all_at_once_are_the_same_words():
    # the page words every distinct date once, not every event: the same words as one by one
    starts, ends, precisions, words = zip(*DATES_IN_WORDS)
    dates = pd.DataFrame({"start": pd.to_datetime(list(starts)), "end": pd.to_datetime(list(ends)),
                          "precision": list(precisions)}, index=range(10, 10 + len(starts)))
    found = tc.when_column(dates["start"], dates["end"], dates["precision"])
    assert list(found.index) == list(dates.index)
    assert list(found) == list(words)
    assert tc.when_column(dates["start"][:0], dates["end"][:0], dates["precision"][:0]).empty


def test_events_are_put_in_words_without_their_sources():
    words = tc.prepare(frame(), False)
    assert list(words["when"]) == ["25–30 April 2026"] and list(words["type"]) == ["Meeting"]
    assert "sources" not in words


def test_the_timeline_words_are_made_once_for_every_session(seed, monkeypatch):
    made = []
    prepare = tc.prepare
    monkeypatch.setattr(tc, "prepare", lambda events, several: made.append(len(events)) or
                        prepare(events, several))
    st.cache_resource.clear()
    for _ in range(2):  # two visitors, the same database, selection and day
        at = app("timeline")
        assert not at.exception
    assert len(made) == 1
    assert not app("timeline", params={"history": "1"}).exception  # another selection: its own words
    assert len(made) == 2


def test_the_chart_keeps_the_events_to_come_and_under_way_first():
    today = date(2026, 12, 2)
    rows = pd.concat([
        frame(event_key=["past"], title=["Past"], start_date=[pd.Timestamp("2020-01-01")],
              end_date=[pd.Timestamp("2020-01-02")]),
        frame(event_key=["bare"], title=["Date mentioned: in 2027"], event_type=["other"],
              start_date=[pd.Timestamp("2027-01-01")], end_date=[pd.Timestamp("2027-12-31")],
              precision=["year"]),
        frame(event_key=["session"], title=["General Assembly, eighty-first session"],
              event_type=["report_due"], start_date=[pd.Timestamp("2026-09-01")],
              end_date=[pd.Timestamp("2027-08-31")], precision=["session"], paragraphs=[173]),
        frame(event_key=["soon"], title=["Meeting"], start_date=[pd.Timestamp("2027-01-17")],
              end_date=[pd.Timestamp("2027-01-17")]),
        frame(event_key=["undated"], start_date=[None], end_date=[None]),
    ], ignore_index=True)
    assert list(tc.nearest(rows, today, 2)["event_key"]) == ["session", "soon"]  # earliest first
    assert list(tc.nearest(rows, today, 3)["event_key"]) == ["session", "bare", "soon"]
    assert list(tc.nearest(rows, today, 10)["event_key"]) == ["past", "bare", "session", "soon"]


def test_the_plan_leaves_a_narrow_screen_its_width():
    events = tc.prepare(frame(title=["Fifteenth United Nations Congress on Crime Prevention and "
                                     "Criminal Justice, a long name that must wrap"]), False)
    fig = tc.plan(events, date(2026, 12, 2))
    assert fig.layout.yaxis.showticklabels is False
    assert fig.layout.margin.l <= 30 and fig.layout.margin.r <= 20
    for label in plan_rows(fig.to_plotly_json()):
        for line in re.sub(r"<[^>]+>", "\n", label).split("\n"):
            assert tc.text_px(line) <= tc.LABEL_WIDTH_PX, line


SOURCE = {"paragraph_id": f"{SEED}:i1:p19", "document_id": SEED, "symbol": None,
          "document_title": "Report of the Commission", "source_name": f"{SEED}.txt",
          "instrument_label": "Draft resolution I", "kind": "operative", "number": "5",
          "ordinal": 23, "text": "Decides that the Fifteenth Congress shall be held in Abu Dhabi "
                                 "from 25 to 30 April 2026, with pre-Congress consultations held "
                                 "on 24 April 2026;", "page_start": None, "page_end": None,
          "line_start": 57, "line_end": 57}


def test_the_calendar_carries_each_events_source_and_precision():
    events = pd.concat([
        frame(event_key=[KEY_CONGRESS], title=["Fifteenth Congress"], event_type=["congress"],
              location=["Abu Dhabi"], sources=[[SOURCE]]),
        frame(event_key=[KEY_ABU_DHABI], title=["Adoption of the Abu Dhabi declaration"],
              start_date=[pd.Timestamp("2026-04-25")], end_date=[pd.Timestamp("2026-04-25")],
              precision=["relative"], phrase=["on the opening day of the Fifteenth Congress"],
              relative_to=["Fifteenth Congress"], sources=[[SOURCE | {"number": "10"}]]),
        frame(event_key=["report"], title=["Report due: General Assembly, eighty-first session"],
              event_type=["report_due"], start_date=[pd.Timestamp("2026-09-01")],
              end_date=[pd.Timestamp("2027-08-31")], precision=["session"],
              phrase=["at its eighty-first session"], sources=[[SOURCE]]),
        frame(event_key=["budget"], title=["Programme budget for 2026"], event_type=["budget"],
              start_date=[pd.Timestamp("2026-01-01")], end_date=[pd.Timestamp("2026-12-31")],
              precision=["year"], phrase=["for 2026"], paragraphs=[7],
              sources=[[SOURCE | {"paragraph_id": f"{SEED}:i1:p{n}", "number": str(n)}
                        for n in range(1, 6)]]),
    ], ignore_index=True)
    text = ics.calendar(events, datetime(2026, 11, 27, tzinfo=timezone.utc),
                        base_url="http://127.0.0.1:8501")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    vevents = unfolded.split("BEGIN:VEVENT")[1:]
    # a session with no stated dates is no year-long event: it is left out, and said to be
    assert len(vevents) == 3 and "eighty-first" not in unfolded
    assert list(ics.left_out(events)["event_key"]) == ["report"]
    congress, derived, budget = vevents
    assert "SUMMARY:Fifteenth Congress\r\n" in congress
    assert "DTSTART;VALUE=DATE:20260425\r\nDTEND;VALUE=DATE:20260501" in congress
    assert "As written: “from 25 to 30 April 2026”." in congress
    assert "Date precision: exact day(s)." in congress and "Type: Congress." in congress
    assert f"Source: Report of the Commission ({SEED}.txt) — Draft resolution I\\, para. 5." in congress
    assert "“Decides that the Fifteenth Congress shall be held in Abu Dhabi" in congress
    link = "http://127.0.0.1:8501/?paragraph=000_729240fe4f2efc64%3Ai1%3Ap19"
    assert f"Open the paragraph: {link}" in congress and f"URL;VALUE=URI:{link}" in congress
    assert "CATEGORIES:Congress" in congress and "LOCATION:Abu Dhabi" in congress
    assert "SUMMARY:Adoption of the Abu Dhabi declaration (date derived)" in derived
    assert "Date precision: derived from the dates of another event." in derived
    assert "Relative to: Fifteenth Congress." in derived and "para. 10." in derived
    assert "SUMMARY:Programme budget for 2026 (year only)" in budget
    assert budget.count("Open the paragraph:") == 5
    assert "… and 2 more paragraphs (the app's Timeline lists them all)." in budget


def test_the_calendar_without_sources_still_works():
    text = ics.calendar(frame(sources=[None]).drop(columns=["title"]))
    assert "SUMMARY:Event\r\n" in text and "Source:" not in text and "URL" not in text
