"""Pure pieces: figure builders, Markdown escaping, links and the .ics export."""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
import pytest

from dashboard import charts, downloads, ics
from dashboard.scope import Scope
from dashboard.text import OTHERS, escape_md, highlighted, paragraph_ref, paragraph_url

VERBS = pd.DataFrame({"verb": ["request", "request", "invite"],
                      "instrument": ["A", "B", "A"], "paragraphs": [3, 2, 1]})


def test_bars_are_titled_labelled_ordered_and_carry_their_dimensions():
    fig = charts.horizontal_bars(VERBS, "verb", "Operative paragraphs by lead verb", "Lead verb",
                                 colour="instrument")
    assert fig.layout.title.text == "Operative paragraphs by lead verb"
    assert fig.layout.xaxis.title.text == "Paragraphs"
    assert fig.layout.yaxis.title.text == "Lead verb"
    assert fig.layout.yaxis.categoryarray == ("invite", "request")  # bottom up: largest on top
    bars = [t for t in fig.data if t.type == "bar"]
    assert [list(c) for t in bars for c in t.customdata] == [
        ["request", "A"], ["invite", "A"], ["request", "B"]]
    assert fig.layout.barmode == "relative"
    assert charts.horizontal_bars(VERBS, "verb", "t", "Lead verb", colour="instrument",
                                  grouped=True).layout.barmode == "group"
    assert {t.marker.color for t in bars} <= set(charts.PALETTE)


@pytest.mark.parametrize("every, drawn, expected", [
    # all fit the palette: a name keeps its colour whatever else is drawn
    (["a", "b", "c"], {"c"}, {"c": charts.SERIES_PALETTE[2]}),
    (["a", "b", "c"], {"a", "c"}, {"a": charts.SERIES_PALETTE[0], "c": charts.SERIES_PALETTE[2]}),
    # more than fit: the drawn ones take distinct colours, in the order of every name
    ([f"n{i}" for i in range(20)], {"n19", "n3", "n11"},
     {"n3": charts.SERIES_PALETTE[0], "n11": charts.SERIES_PALETTE[1], "n19": charts.SERIES_PALETTE[2]}),
])
def test_series_colours(every, drawn, expected):
    assert charts.series_colours(every, drawn) == expected


def test_others_is_grey_and_no_series_is():
    df = pd.DataFrame({"reporter": ["Secretary-General", OTHERS], "body": [OTHERS, "Council"],
                       "paragraphs": [3, 1]})
    fig = charts.horizontal_bars(df, "reporter", "t", "Reporter", colour="body")
    colour = {t.name: t.marker.color for t in fig.data if t.type == "bar"}
    assert colour[OTHERS] == charts.OTHERS_COLOUR and colour["Council"] in charts.SERIES_PALETTE
    assert charts.OTHERS_COLOUR not in charts.SERIES_PALETTE and "#999999" not in charts.SERIES_PALETTE


def test_heatmap_colours_cells_by_their_count_and_heads_columns_by_level():
    df = pd.DataFrame({"verb": ["request", "invite"], "directive_level": [6, 2],
                       "addressee": ["Secretary-General", "Member States"], "paragraphs": [4, 1]})
    fig = charts.verb_addressee_heatmap(df)
    marker = fig.data[0].marker
    assert list(marker.color) == [4, 1] and (marker.cmin, marker.cmax) == (0, 4)  # the count, not the level
    assert list(fig.data[0].text) == ["4", "1"]
    assert [list(c) for c in fig.data[0].customdata] == [["request", "Secretary-General"],
                                                         ["invite", "Member States"]]
    assert list(fig.layout.xaxis.categoryarray) == ["request<br>(6)", "invite<br>(2)"]  # highest level first
    assert fig.layout.yaxis.categoryarray[-1] == "Secretary-General"  # most paragraphs on top
    assert all(t.showlegend is False for t in fig.data)  # colour is the count: no legend, no "trace 0"


LONG = "Commission on Crime Prevention and Criminal Justice, thirty-fourth session, Vienna"


@pytest.mark.parametrize("label", ["Member States", LONG[:charts.MAX_TICK_CHARS]])
def test_axis_labels_up_to_the_limit_are_shown_whole(label):
    assert charts.short_label(label) == label


def test_longer_axis_labels_are_cut_in_the_middle():
    label = LONG + ", International Centre, fourth floor"
    shown = charts.short_label(label)
    head, tail = shown.split("…")
    # the end often tells labels apart ("thirty-fourth" / "thirty-fifth session")
    assert label.startswith(head) and label.endswith(tail) and len(tail) >= 20
    assert len(shown) <= charts.MAX_TICK_CHARS


@pytest.mark.parametrize("text, measured_px", [
    # widths of tick labels measured in Chromium with the app's font at 13 px
    ("States parties", 74.0), ("Member States", 81.2), ("emphasize", 58.6),
    ("Programme budget for 2026", 151.5), ("invite (level 2)", 75.4),
])
def test_label_width_estimate_covers_the_measured_width(text, measured_px):
    assert measured_px <= charts.text_px(text) <= measured_px * 1.15


def test_full_width_characters_count_as_wide():
    assert charts.text_px("会员国") > charts.text_px("abc") * 1.9


@pytest.mark.parametrize("build", [
    lambda: charts.horizontal_bars(VERBS.assign(verb=["request", "request", LONG]), "verb", "t",
                                   "Lead verb", colour="instrument"),
    lambda: charts.verb_addressee_heatmap(pd.DataFrame({
        "verb": ["request"], "directive_level": [6], "addressee": [LONG], "paragraphs": [1]})),
])
def test_category_labels_stand_above_their_marks_and_leave_the_width_to_them(build):
    """A narrow screen keeps its width for the bars: each label stands above its row, inside the plot."""
    fig = build()
    assert fig.layout.yaxis.showticklabels is False
    labels = [a.text for a in fig.layout.annotations if a.yref == "y"]
    assert all(a.xanchor == "left" and a.x == 0 and a.yanchor == "bottom" for a in fig.layout.annotations
               if a.yref == "y")
    for trace in fig.data:  # or a text trace at the plot's left edge, above each row's bars
        if trace.name == charts.LABELS_TRACE:
            labels += list(trace.text)
            assert trace.mode == "text" and trace.textposition == "top right" and set(trace.x) == {0}
            assert fig.layout[f"xaxis{trace.xaxis[1:]}"].range == (0, 1)
    assert charts.short_label(LONG) in labels  # the long category, shown whole or cut
    assert fig.layout.margin.l == charts.AXIS_TITLE_PX  # room for the axis title only


def test_a_bar_label_stands_in_the_gap_above_its_bars():
    """The labels' numeric axis spans the category axis' rows: a label's position is its row's
    centre plus half its bars, i.e. the top of its bars."""
    for grouped in (False, True):
        fig = charts.horizontal_bars(VERBS, "verb", "t", "Lead verb", colour="instrument", grouped=grouped)
        [labels] = [t for t in fig.data if t.name == charts.LABELS_TRACE]
        assert fig.layout.yaxis.range == fig.layout.yaxis2.range == (-0.5, 1.5)
        assert fig.layout.yaxis.fixedrange and fig.layout.yaxis2.overlaying == "y"
        bars = 1 - fig.layout.bargap  # the share of a row its bars take
        assert list(labels.text) == ["request", "invite"]  # largest first, at the top (row 1)
        assert list(labels.y) == pytest.approx([1 + bars / 2, 0 + bars / 2])


def test_exported_figures_size_their_own_margins():
    fig = charts.horizontal_bars(VERBS, "verb", "t", "Lead verb")
    exported = downloads.for_export(fig)
    assert exported.layout.xaxis.automargin and exported.layout.yaxis.automargin
    assert fig.layout.yaxis.automargin is False  # the shared figure is not changed
    assert "automargin\":true" in downloads.figure_html(fig).replace(" ", "")


@pytest.mark.parametrize("raw, rendered", [
    ("*to report*", "\\*to report\\*"),
    ("<b>bold</b>", "\\<b\\>bold\\<\\/b\\>"),
    ("[link](http://x.org)", "\\[link\\]\\(http\u200b\\:\\/\\/x\\.org\\)"),
    ("www.un.org or a@b.org", "www\u200b\\.un\\.org or a\\@\u200bb\\.org"),
    ("$x$ :red[alert] #1", "\\$x\\$ \\:red\\[alert\\] \\#1"),
    ("plain words", "plain words"),
])
def test_escape_md_disarms_every_markup(raw, rendered):
    assert escape_md(raw) == rendered


def test_lead_phrase_highlight_and_references():
    assert highlighted("Requests", "Requests the Secretary-General;") == \
        "**Requests** the Secretary\\-General\\;"
    assert highlighted(None, "Recalling *x*") == "Recalling \\*x\\*"
    assert paragraph_ref("Draft resolution I", "operative", "13", 27) == \
        "Draft resolution I, para. 13"
    assert paragraph_ref("Draft resolution I", "preambular", None, 4) == \
        "Draft resolution I, preambular paragraph 4"
    assert paragraph_url("doc:i1:p2") == "./?paragraph=doc%3Ai1%3Ap2"


def test_ics_has_all_day_events_with_escaped_text_and_folded_lines():
    events = pd.DataFrame({
        "event_key": ["k1", "k2"],
        "label": ["Fifteenth Congress; Abu Dhabi, main" + " long" * 20, "Budget"],
        "start_date": pd.to_datetime(["2026-04-25", "2026-01-01"]),
        "end_date": pd.to_datetime(["2026-04-30", "2026-12-31"]),
        "precision": ["day", "year"], "location": ["Abu Dhabi", None],
        "phrase": ["from 25 to 30 April 2026", "for 2026"]})
    text = ics.calendar(events, datetime(2026, 11, 27, tzinfo=timezone.utc))
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20260425\r\nDTEND;VALUE=DATE:20260501" in text
    assert "SUMMARY:Fifteenth Congress\\; Abu Dhabi\\, main" in text
    assert "Budget (year only)" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "LOCATION:Abu Dhabi" in text and text.endswith("END:VCALENDAR\r\n")


def test_scope_parameters():
    assert Scope().params()["verbs"] is None
    assert Scope(verbs=("request",)).params()["verbs"] == ["request"]
    assert Scope(verbs=("invite",)).narrowed("verbs", ("request",)).verbs == ("\x00nothing",)
    assert Scope().narrowed("verbs", ("request",)).verbs == ("request",)
