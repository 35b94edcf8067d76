"""Timeline figures (pure: DataFrames of queries.events rows in, plotly Figures out).

The plan: one row per planned event, its name and dates in words above its mark, coloured by
event type, the mark's form saying what the date pins down. Background dates (cited texts,
preambles, narrative text) get a chart of their own, so that they never stretch the plan's axis.
Every mark carries [event_key, paragraphs, hover text] in `customdata` (the drill-down reads the
first item).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import cast

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import AXIS_TITLE_PX, LABELS_TRACE, TICK_ROW_PX, TOP_PX, _layout, counted_words, text_px
from dashboard.text import document_name, paragraph_ref, present

TYPE_WORDS = {"congress": "Congress", "meeting": "Meeting", "session": "Session",
              "report_due": "Report due", "budget": "Budget", "adoption": "Adoption",
              "other": "Other date"}
# Okabe & Ito; the two kinds of meeting in blues, the vermillion kept for the today line
TYPE_COLOURS = {"congress": "#0072B2", "meeting": "#56B4E9", "session": "#CC79A7",
                "report_due": "#E69F00", "budget": "#009E73", "adoption": "#000000",
                "other": "#999999"}
TODAY_COLOUR = "#D55E00"
FORM_OF = {"day": "day", "relative": "derived", "month": "approx", "year": "approx",
           "session": "session"}
FORM_WORDS = {  # what each form of mark says about its date (the legend's words)
    "day": "exact day(s)",
    "derived": "derived from another event",
    "approx": "month or year only",
    "session": "session: dates not stated",
}
# bar: opacity and pattern; marker: the symbol drawn at the start (None: the bar alone)
FORM_STYLE = {"day": (0.9, "", "diamond"), "derived": (0.55, "", "diamond-open"),
              "approx": (0.55, "/", None), "session": (0.35, ".", None)}
LEGEND_GREY = "#555555"
TYPE_TITLE, FORM_TITLE = "Colour: event type", "Mark: how exact the date is"
PLAN_ROWS = 20  # planned events drawn at most; the page's table lists the others

# geometry of the plan, in pixels (the y axis is measured in pixels: 1 unit = 1 px)
LINE_PX = 17  # one line of an event's label (13 px text)
BAR_PX = 12
ROW_GAP_PX = 12
LABEL_WIDTH_PX = 330  # labels wrap to fit a 420 px screen's plot area
SMALL = 11 / 13  # the second line is set in 11 px, FONT's 13 px scaled
LEGEND_ITEM_PX = 20  # one line of the legend
LEGEND_ENTRY_PX = 40  # a legend item's symbol and gaps, beside its text
NARROW_PLOT_PX = 360  # the legend is laid out for this width: the narrowest screen kept readable
TODAY_ROW_PX = 24
PARKED_Y = 1_000_000  # where legend-only bars stand: far below any plot (the y axis counts down)
TITLE_PX, SUBTITLE_PX = 40, 26
STRIP_ROW_PX = 46  # one event type's row in the background chart


# ---------------------------------------------------------------------------------------------
# Words

def _day(value: pd.Timestamp) -> str:
    return f"{value.day} {value:%B %Y}"


def when_words(start: object, end: object, precision: str) -> str:
    """A date as the text pins it down: '25–30 April 2026', 'March 2099 (month only)',
    '2026 (session; dates not stated)'; '' without a date."""
    if not present(start):
        return ""
    first = pd.Timestamp(start)
    last = pd.Timestamp(end) if present(end) else first
    if precision == "session":
        if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and \
                first.year == last.year:
            return f"{first.year} (session; dates not stated)"
        return f"{first:%B %Y} – {last:%B %Y} (session; dates not stated)"
    if precision == "year":
        years = str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
        return f"{years} (year only)"
    if precision == "month":
        if (first.year, first.month) == (last.year, last.month) or not present(end):
            return f"{first:%B %Y} (month only)"
        return f"{first:%B %Y} – {last:%B %Y} (month only)"
    if first == last:
        days = _day(first)
    elif (first.year, first.month) == (last.year, last.month):
        days = f"{first.day}–{last.day} {first:%B %Y}"
    elif first.year == last.year:
        days = f"{first.day} {first:%B} – {_day(last)}"
    else:
        days = f"{_day(first)} – {_day(last)}"
    return f"{days} (derived)" if precision == "relative" else days


def when_column(start: pd.Series, end: pd.Series, precision: pd.Series) -> pd.Series:
    """`when_words` of every row, made once per distinct (start, end, precision): events share
    their dates, so the words cost Python per date, not per row."""
    dates = pd.DataFrame({"start": pd.to_datetime(pd.Series(start, copy=False)),
                          "end": pd.to_datetime(pd.Series(end, copy=False)),
                          "precision": pd.Series(precision, copy=False).astype(object)})
    distinct = dates.drop_duplicates()
    distinct = distinct.assign(when=[when_words(s, e, p) for s, e, p in distinct.itertuples(index=False)])
    # a merge matches missing dates with missing dates, and keeps the rows' order
    words = dates.merge(distinct, on=["start", "end", "precision"], how="left")["when"]
    return pd.Series(words.to_numpy(), index=dates.index, dtype="str")


@lru_cache(maxsize=16384)
def _short_name(symbol: object, title: object, source_name: object) -> str:
    return document_name(symbol, title, source_name).short


def _source_name(source: dict) -> str:
    return _short_name(source.get("symbol"), source.get("document_title"),
                       source.get("source_name"))


def source_ref(source: dict, with_document: bool) -> str:
    """Where one mention stands: 'Draft resolution I, para. 9', 'A/RES/80/12, para. 5', or the
    document's 'text outside numbered paragraphs'."""
    if not present(source.get("paragraph_id")):
        return f"{_source_name(source)}, text outside numbered paragraphs"
    ref = paragraph_ref(str(source.get("instrument_label")), str(source.get("kind")),
                        source.get("number"), source.get("ordinal"))
    if not with_document:
        return ref
    if _names_its_document(source):
        ref = ref.split(", ", 1)[1] if ", " in ref else ref
    return f"{_source_name(source)}, {ref}"


def _names_its_document(source: dict) -> bool:
    """Whether the instrument is the document itself ('Resolution 80/241' in A/RES/80/241): then
    'A/RES/80/241, para. 4' says it all."""
    number = str(source.get("instrument_label") or "").rsplit(" ", 1)[-1]
    return "/" in number and _source_name(source).endswith(number)


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def where_words(sources: object, paragraphs: int, documents: int, with_document: bool) -> str:
    """Where an event is mentioned, in a few words: its paragraphs by reference when they are
    few ('Draft resolution I, paras. 23 and 25'), else how many paragraphs (and documents)."""
    if documents > 3:  # only up to three documents are named: no names needed
        return f"{counted_words([paragraphs])[0]} in {documents} documents"
    sources = _listed(sources)
    if documents > 1:
        names = list(dict.fromkeys(_source_name(s) for s in sources))
        if len(names) == documents <= 3:  # the few documents by name
            return f"{counted_words([paragraphs])[0]} in {_listing(names)}"
        return f"{counted_words([paragraphs])[0]} in {documents} documents"
    if paragraphs <= 1 and sources:
        return source_ref(sources[0], with_document)
    numbered = [s for s in sources if present(s.get("paragraph_id")) and present(s.get("number"))]
    if sources and len(numbered) == paragraphs == len(sources):
        # the paragraphs of each instrument together, in their order
        parts: dict[str, list[str]] = {}
        for s in numbered:
            label = "" if with_document and _names_its_document(s) else str(s.get("instrument_label"))
            parts.setdefault(label, []).append(str(s.get("number")))
        text = "; ".join(f"{label + ', ' if label else ''}para{'s' if len(nums) > 1 else ''}. "
                         f"{_listing(nums)}" for label, nums in parts.items())
        return f"{_source_name(sources[0])}, {text}" if with_document else text
    where = counted_words([max(paragraphs, 1)])[0]
    return f"{where} of {_source_name(sources[0])}" if with_document and sources else where


def _listed(sources: object) -> list[dict]:
    """A `sources` cell as a list (a missing one as [])."""
    if sources is None or isinstance(sources, (float, str)):
        return []
    return list(cast(Iterable[dict], sources))


def several_documents(events: pd.DataFrame) -> bool:
    """Whether the events come from more than one document (then every place names its
    document)."""
    if events.empty:
        return False
    if (events["documents"] > 1).any():
        return True
    ids = {s.get("document_id") for sources in events["sources"] for s in _listed(sources)}
    return len(ids) > 1


def prepare(events: pd.DataFrame, with_document: bool) -> pd.DataFrame:
    """queries.events rows in words, without the nested `sources` (a chart's rows must be flat):
    adds `type` ('Report due'), `when` ('25–30 April 2026') and `where` ('Draft resolution I,
    para. 9', '3 paragraphs in 2 documents')."""
    out = events.drop(columns=["sources"], errors="ignore").copy()
    out["type"] = events["event_type"].map(TYPE_WORDS).fillna(events["event_type"])
    out["when"] = when_column(events["start_date"], events["end_date"], events["precision"])
    sources = events["sources"] if "sources" in events else [None] * len(events)
    out["where"] = [where_words(s, int(p), int(d), with_document) for s, p, d in
                    zip(sources, events["paragraphs"], events["documents"])]
    return out


PRECISE = ("day", "relative", "month")


def nearest(events: pd.DataFrame, today: date, limit: int = PLAN_ROWS) -> pd.DataFrame:
    """At most `limit` dated events, earliest first, chosen as someone planning ahead would:
    named events still to come or under way, those with a day or month first (the soonest
    first), then those with a year or session only (the most mentioned first); then bare dates
    ('Date mentioned: …', the soonest first); then past events (the latest first)."""
    dated = events[events["start_date"].notna()]
    if len(dated) <= limit:
        return dated
    now = pd.Timestamp(today)
    start = pd.to_datetime(dated["start_date"])
    end = pd.to_datetime(dated["end_date"]).fillna(start)
    past, bare = end < now, dated["event_type"].eq("other")
    vague = ~dated["precision"].isin(PRECISE)
    tier = (past * 3).where(past, (bare * 2).where(bare, vague.astype(int)))
    epoch = pd.Timestamp("1900-01-01")
    within = ((start - epoch).dt.days.where(tier.isin([0, 2]), 0)  # soonest first
              - dated["paragraphs"].where(tier == 1, 0) * 1_000_000  # most mentioned first
              - (end - epoch).dt.days.where(tier == 3, 0))  # latest first
    rank = pd.DataFrame({"tier": tier, "vague": vague, "within": within, "start": start})
    chosen = rank.sort_values(["tier", "vague", "within", "start"], kind="stable").index[:limit]
    order = sorted(chosen, key=lambda i: (start[i], str(dated.at[i, "title"])))
    return dated.loc[order]


# ---------------------------------------------------------------------------------------------
# Shared pieces

def _wrap(text: str, width_px: float, scale: float = 1.0) -> list[str]:
    """`text` in lines no wider than `width_px` (estimated in FONT, scaled for a smaller size)."""
    lines, line = [], ""
    for word in str(text).split():
        candidate = f"{line} {word}".strip()
        if line and text_px(candidate) * scale > width_px:
            lines.append(line)
            line = word
        else:
            line = candidate
    return lines + [line] if line else lines or [""]


def _span(start: object, end: object, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Start and end (exclusive: the last day is covered) of what the date pins down."""
    first = pd.Timestamp(start)
    last = pd.Timestamp(end) if present(end) else None
    if last is None:
        last = (first + pd.offsets.YearEnd(0) if precision in ("year", "session") else
                first + pd.offsets.MonthEnd(0) if precision == "month" else first)
    return first, last + timedelta(days=1)


def _hover(row) -> str:
    parts = [f"<b>{_html(row.title)}</b>", _html(row.when) or "no calendar date",
             f"{_html(row.type)} · {FORM_WORDS[FORM_OF.get(row.precision, 'approx')]}",
             f"As written: “{_html(row.phrase)}”"]
    if present(row.relative_to):
        parts.append(f"Relative to: {_html(row.relative_to)}")
    if present(row.location):
        parts.append(f"Location: {_html(row.location)}")
    parts.append(f"Mentioned in: {_html(row.where)}")
    parts.append("Click to list the paragraphs")
    return "<br>".join(parts)


def _html(text: object) -> str:
    """Report text made inert inside plotly's HTML-like labels."""
    if not present(text):
        return ""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _legend_entry(name: str, group: str, title: str | None, symbol: str | None = None,
                  colour: str = LEGEND_GREY, pattern: str = "", opacity: float = 1.0,
                  park: object = None) -> go.BaseTraceType:
    """A legend item only (no data): drawn exactly like the marks it explains."""
    common = dict(name=name, legendgroup=group, showlegend=True, hoverinfo="skip",
                  legendgrouptitle=dict(text=title) if title else None)
    if symbol:
        line = dict(color=colour, width=2) if symbol.endswith("-open") else dict(color="white", width=1)
        return go.Scatter(x=[None], y=[None], mode="markers", **common,
                          marker=dict(symbol=symbol, size=12, color=colour, line=line))
    # a bar with no data would still draw an empty shape at the plot's top-left corner, where a
    # click finds nothing: this one has no length and stands far below the plot, out of sight
    return go.Bar(x=[0], y=[PARKED_Y], base=[park], orientation="h", width=1, **common,
                  marker=dict(color=colour, opacity=opacity, line=dict(color=colour, width=1),
                              pattern=dict(shape=pattern, solidity=0.35)))


def _legend_px(groups: list[list[str]], width_px: int = NARROW_PLOT_PX) -> int:
    """Height of a grouped horizontal legend (each group a column: its title, then its items)
    at `width_px`, the narrowest screen: the groups stand side by side while they fit."""
    rows, line, used = 0, 0, 0
    for names in groups:
        width = LEGEND_ENTRY_PX + max(text_px(n) for n in names)
        if used and used + width > width_px:
            rows, line, used = rows + line, 0, 0
        line, used = max(line, len(names)), used + width
    return LEGEND_ITEM_PX * (rows + line) + 16


def _date_range(starts: pd.Series, finishes: pd.Series, today: date) -> tuple[pd.Timestamp, pd.Timestamp, bool]:
    """The axis range (the marks' dates, with today when it is near them) and whether today is
    on it."""
    lo, hi = starts.min(), finishes.max()
    now = pd.Timestamp(today)
    year = pd.Timedelta(days=366)
    show_today = lo - year <= now <= hi + year
    if show_today:
        lo, hi = min(lo, now), max(hi, now + pd.Timedelta(days=1))
    pad = max((hi - lo) * 0.03, pd.Timedelta(days=10))
    return lo - pad, hi + pad, show_today


def _today(fig: go.Figure, today: date, lo: pd.Timestamp, hi: pd.Timestamp,
           at_bottom: bool = False) -> None:
    """A dashed line at today, named at its top (in the margin) or at its bottom (inside the
    plot), and a legend item drawn like it."""
    # below the marks and their words, which stay legible where the line crosses them
    fig.add_shape(type="line", x0=today, x1=today, y0=0, y1=1, yref="paper", layer="below",
                  line=dict(color=TODAY_COLOUR, width=2, dash="dash"))
    right = (pd.Timestamp(today) - lo) / (hi - lo) > 0.6  # the words stay inside the plot
    fig.add_annotation(x=today, y=0 if at_bottom else 1, yref="paper", yanchor="bottom",
                       showarrow=False, text=f"today, {_day(pd.Timestamp(today))}",
                       xanchor="right" if right else "left", xshift=-4 if right else 4,
                       font=dict(color=TODAY_COLOUR, size=12), bgcolor="rgba(255,255,255,0.85)")


# ---------------------------------------------------------------------------------------------
# The plan

def plan(events: pd.DataFrame, today: date, total: int | None = None) -> go.Figure:
    """Planned events (rows of `prepare`), earliest first, one row each: the event's name, dates
    and place above its mark; colour = event type; form = what the date pins down. `total`: how
    many planned events there are in all, said in a subtitle when the rows are fewer."""
    rows = events[events["start_date"].notna()].reset_index(drop=True)
    spans = [_span(s, e, p) for s, e, p in zip(rows["start_date"], rows["end_date"], rows["precision"])]
    starts = pd.Series([s for s, _ in spans])
    finishes = pd.Series([f for _, f in spans])
    lo, hi, show_today = _date_range(starts, finishes, today)

    labels, centres, y = [], [], 0.0
    for row in rows.itertuples():
        head = _wrap(row.title, LABEL_WIDTH_PX / 1.08)  # bold runs about 8 % wider
        place = " · ".join(p for p in (row.when, row.location if present(row.location) else "",
                                       row.where) if p)
        tail = _wrap(place, LABEL_WIDTH_PX, SMALL)
        text = "<br>".join([f"<b>{_html(line)}</b>" for line in head] +
                           [f"<span style='font-size:11px;color:#555'>{_html(line)}</span>"
                            for line in tail])
        labels.append(dict(text=text, y=y + ROW_GAP_PX / 2))
        height = LINE_PX * (len(head) + len(tail))
        centres.append(y + ROW_GAP_PX / 2 + height + 2 + BAR_PX / 2)
        y += ROW_GAP_PX + height + 2 + BAR_PX + ROW_GAP_PX / 2
    plot_px = int(y) + TODAY_ROW_PX  # the last row's gap holds the today line's name

    rows = rows.assign(start=starts, finish=finishes, y=centres,
                       form=[FORM_OF.get(p, "approx") for p in rows["precision"]])
    rows["hover"] = [_hover(r) for r in rows.itertuples()]
    custom = ["event_key", "paragraphs", "hover"]
    fig = go.Figure()
    for kind, part in rows.groupby("event_type", sort=False):
        colour = TYPE_COLOURS.get(kind, LEGEND_GREY)
        styles = [FORM_STYLE[f] for f in part["form"]]
        fig.add_trace(go.Bar(
            base=part["start"].tolist(), x=[(f - s) / pd.Timedelta(milliseconds=1) for s, f in
                                            zip(part["start"], part["finish"])],
            y=part["y"].tolist(), width=BAR_PX, orientation="h", name=TYPE_WORDS.get(kind, kind),
            showlegend=False, customdata=part[custom].values.tolist(),
            hovertemplate="%{customdata[2]}<extra></extra>",
            marker=dict(color=colour, opacity=[s[0] for s in styles],
                        line=dict(color=colour, width=[0 if s[1] == "" else 1 for s in styles]),
                        pattern=dict(shape=[s[1] for s in styles], solidity=0.35))))
        marked = part[[FORM_STYLE[f][2] is not None for f in part["form"]]]
        if not marked.empty:
            symbols = [str(FORM_STYLE[f][2]) for f in marked["form"]]
            fig.add_trace(go.Scatter(
                x=(marked["start"] + pd.Timedelta(hours=12)).tolist(), y=marked["y"].tolist(),
                mode="markers", name=TYPE_WORDS.get(kind, kind), showlegend=False,
                customdata=marked[custom].values.tolist(),
                hovertemplate="%{customdata[2]}<extra></extra>",
                marker=dict(symbol=symbols, size=13, color=colour,
                            line=dict(color=[colour if s.endswith("-open") else "white" for s in symbols],
                                      width=[2.5 if s.endswith("-open") else 1 for s in symbols]))))

    # the legend: one item per colour and per form drawn, each drawn as its marks are
    kinds = [k for k in TYPE_WORDS if k in set(rows["event_type"])]
    forms = [f for f in FORM_WORDS if f in set(rows["form"])]
    for i, kind in enumerate(kinds):
        fig.add_trace(_legend_entry(TYPE_WORDS[kind], "type", TYPE_TITLE if i == 0 else None,
                                    symbol="square", colour=TYPE_COLOURS[kind]))
    for i, form in enumerate(forms):
        opacity, pattern, symbol = FORM_STYLE[form]
        fig.add_trace(_legend_entry(FORM_WORDS[form], "form", FORM_TITLE
                                    if i == 0 else None, symbol=symbol, pattern=pattern,
                                    opacity=opacity, park=lo))
    legend_px = _legend_px([[TYPE_TITLE] + [TYPE_WORDS[k] for k in kinds],
                            [FORM_TITLE] + [FORM_WORDS[f] for f in forms]])

    # a dotted leader from the labels' edge to each mark, and a rule between rows
    shapes = [dict(type="line", xref="x", yref="y", x0=lo, x1=s, y0=c, y1=c, layer="below",
                   line=dict(color="#C9D1DB", width=1, dash="dot"))
              for s, c in zip(rows["start"], rows["y"]) if s > lo]
    # the rows' labels as one text trace at the plot's left edge (a hidden x axis from 0 to 1),
    # not one annotation each: plotly draws it in about half the time
    fig.add_trace(go.Scatter(x=[0] * len(labels), y=[a["y"] for a in labels], xaxis="x2",
                             text=[a["text"] for a in labels], mode="text", textposition="bottom right",
                             textfont=dict(size=13, color="#31333F"), cliponaxis=False,
                             hoverinfo="skip", showlegend=False, name=LABELS_TRACE))
    # the dates above the rows, where a long chart is read from: every row says its dates in
    # words too, so no second axis is needed at the bottom
    top = TITLE_PX + (SUBTITLE_PX if total is not None and total > len(rows) else 0) + \
        AXIS_TITLE_PX // 2 + TICK_ROW_PX
    bottom = legend_px + 8
    title = "Planned dates, earliest first"
    _layout(fig, title, "Date", "Events", top + plot_px + bottom, left=AXIS_TITLE_PX // 2,
            bottom=bottom, right=16)
    if total is not None and total > len(rows):
        fig.update_layout(title_subtitle_text=f"{len(rows)} of {total}: those still to come "
                                              "or under way first")
    fig.update_layout(margin=dict(t=top), shapes=shapes, barmode="overlay",
                      showlegend=True, hovermode="closest",
                      legend=dict(y=-8 / plot_px, itemclick=False, itemdoubleclick=False,
                                  traceorder="grouped", tracegroupgap=6))
    fig.update_yaxes(range=[plot_px, 0], showticklabels=False, showgrid=False, zeroline=False,
                     fixedrange=True, title_standoff=4)
    fig.update_xaxes(type="date", range=[lo, hi], fixedrange=True, showgrid=True, side="top",
                     title_standoff=6)
    fig.update_layout(xaxis2=dict(overlaying="x", range=[0, 1], autorange=False, fixedrange=True,
                                  visible=False))
    if show_today:
        _today(fig, today, lo, hi, at_bottom=True)
    return fig


# ---------------------------------------------------------------------------------------------
# Background dates

def background(events: pd.DataFrame, today: date) -> go.Figure:
    """Background dates (rows of `prepare`) as a strip per event type: one mark per event at its
    start, a diamond for an exact day, an open square for a month, year or session."""
    rows = events[events["start_date"].notna()].reset_index(drop=True)
    kinds = [k for k in TYPE_WORDS if k in set(rows["event_type"])]
    index = {k: i for i, k in enumerate(kinds)}
    # a small fixed spread inside a row, so that dates close together stay apart
    spread = [((i * 7) % 5 - 2) * 0.12 for i in range(len(rows))]
    rows = rows.assign(y=[index[k] + s for k, s in zip(rows["event_type"], spread)],
                       exact=[p in ("day", "relative") for p in rows["precision"]],
                       x=[_span(s, e, p)[0] + pd.Timedelta(hours=12) for s, e, p in
                          zip(rows["start_date"], rows["end_date"], rows["precision"])])
    rows["hover"] = [_hover(r) for r in rows.itertuples()]
    fig = go.Figure()
    for kind in kinds:
        part = rows[rows["event_type"] == kind]
        colour = TYPE_COLOURS[kind]
        symbols = ["diamond" if e else "square-open" for e in part["exact"]]
        fig.add_trace(go.Scatter(
            x=part["x"].tolist(), y=part["y"].tolist(), mode="markers", showlegend=False,
            name=TYPE_WORDS[kind], customdata=part[["event_key", "paragraphs", "hover"]].values.tolist(),
            hovertemplate="%{customdata[2]}<extra></extra>",
            marker=dict(symbol=symbols, size=10, color=colour, opacity=0.85,
                        line=dict(color=[("white" if e else colour) for e in part["exact"]],
                                  width=[1 if e else 2 for e in part["exact"]]))))
    if rows["exact"].any():
        fig.add_trace(_legend_entry("exact day(s)", "form", None, symbol="diamond"))
    if (~rows["exact"]).any():
        fig.add_trace(_legend_entry("month, year or session only", "form", None,
                                    symbol="square-open"))
    plot_px = STRIP_ROW_PX * max(len(kinds), 1) + TODAY_ROW_PX  # the last gap names today
    bottom = TICK_ROW_PX + AXIS_TITLE_PX + 22 + 16
    _layout(fig, "Background dates", "Date", "Event type", TOP_PX + plot_px + bottom, left=AXIS_TITLE_PX + max(
                (text_px(TYPE_WORDS[k]) for k in kinds), default=0), bottom=bottom, right=16)
    fig.update_layout(showlegend=True, hovermode="closest",
                      title_subtitle_text="Cited texts, preambles and narrative text",
                      legend=dict(y=-(TICK_ROW_PX + AXIS_TITLE_PX) / plot_px, itemclick=False,
                                  itemdoubleclick=False))
    fig.update_yaxes(tickmode="array", tickvals=list(range(len(kinds))),
                     ticktext=[TYPE_WORDS[k] for k in kinds],
                     range=[len(kinds) - 0.5 + TODAY_ROW_PX / STRIP_ROW_PX, -0.5],
                     showgrid=False, zeroline=False, fixedrange=True)
    lo, hi, show_today = _date_range(rows["x"], rows["x"], today)
    fig.update_xaxes(type="date", range=[lo, hi], fixedrange=True)
    if show_today:
        _today(fig, today, lo, hi, at_bottom=True)
    return fig
