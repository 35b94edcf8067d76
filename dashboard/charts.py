"""Pure figure builders: small DataFrames in, plotly Figures out (no streamlit import).

Every figure is titled, has labelled axes, uses the Okabe-Ito colour-blind-safe palette and carries
the drill-down dimensions of each mark in `customdata`, in the order given by `DRILL_DIMS`.
"""

from __future__ import annotations

import math
import unicodedata

import pandas as pd
import plotly.graph_objects as go

from dashboard.text import OTHERS
from etl import lexicon

# Okabe & Ito (2008), yellow last for contrast on white, then a neutral grey
OTHERS_COLOUR = "#BBBBBB"  # everything folded into OTHERS: grey, never a palette colour
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
           "#F0E442", "#999999"]
SERIES_PALETTE = PALETTE[:-1]  # the named series of a chart: its grey is for "others" alone
SEQUENTIAL = "Cividis"
# "Source Sans" is the font Streamlit serves from localhost; exports fall back to sans-serif
FONT = dict(family='"Source Sans", "Source Sans Pro", sans-serif', size=13, color="#262730")
FUNDING_COLOURS = {
    "extrabudgetary": "#E69F00", "regular_budget": "#0072B2", "regular budget": "#0072B2",
    "donor_invitation": "#009E73", "no funding wording": "#999999",
    "other funding wording": "#CC79A7",
}
LEGEND_NAMES = lexicon.FUNDING_LABELS
FUNDING_DIMS = ("condition", "funding_basis")
GROUP_COLOURS = {  # one colour per addressee group on every chart
    "UN Secretariat and UNODC": "#E69F00", "Member States": "#0072B2",
    "Commission and its expert groups": "#009E73", "other UN entities": "#CC79A7",
    "others": "#999999"}
DIRECTIVE_NOTE = "Directive level: an analytical convention of this project, not a UN scale"
# Margins are computed here instead of by plotly's automargin: automargin measures every tick label
# in the browser, and inside a Streamlit page each measurement forces a layout of the whole page:
# about 60 ms of plotly script per filter change on Verbs (bench/profile_filter_change.py).
# character widths at FONT's 13 px, fitted to labels measured in Chromium within 3 %, then 5 % spare
NARROW_CHARS, NARROW_PX = frozenset("fijlrtI .,;:'!|()[]-/"), 3.5
WIDE_PX, OTHER_PX, SPARE = 8.5, 6.6, 1.05  # wide: capitals, m and w
FULL_WIDTH_PX = 13.0  # CJK and other full-width characters: one em
MAX_TICK_CHARS = 80  # longer category labels are cut on the axis; the hover shows them whole
AXIS_TITLE_PX = 48  # an axis title, its standoff and the gap between tick labels and the axis
TICK_ROW_PX = 22  # one row of horizontal tick labels
LEGEND_ROW_PX = 30
LEGEND_GAP_PX = TICK_ROW_PX + AXIS_TITLE_PX  # x tick labels and x-axis title above the legend
TOP_PX = 70  # the title
LABEL_ROW_PX = 20  # a category label above its bar
BAR_PX = 16  # one bar
LABELS_TRACE = "category labels"  # the name of a bar chart's text trace of its labels
TALL_PLOT_PX = 900  # a taller chart shows its scale above and below
COLORBAR_PX = 100  # a colour bar with its tick labels and side title


def short_label(label: object) -> str:
    """A category label as the axis shows it: longer than MAX_TICK_CHARS, cut in the middle
    (the end often tells two labels apart: "..., thirty-fourth session")."""
    text = str(label)
    if len(text) <= MAX_TICK_CHARS:
        return text
    tail = MAX_TICK_CHARS * 2 // 5
    return text[: MAX_TICK_CHARS - tail - 1].rstrip() + "…" + text[-tail:].lstrip()


def text_px(text: str) -> int:
    """Estimated width in pixels of `text` set in FONT."""
    width = sum(NARROW_PX if c in NARROW_CHARS else
                FULL_WIDTH_PX if unicodedata.east_asian_width(c) in "WF" else
                WIDE_PX if c.isupper() or c in "mw" else OTHER_PX for c in text)
    return round(width * SPARE)


def label_px(labels) -> int:
    """Room, in pixels, for the widest of these tick labels as the axis shows them."""
    return max((text_px(short_label(v)) for v in labels), default=0)


def _category_ticks(categories: list) -> dict:
    """Axis settings that show every category, long ones cut (the category itself is unchanged)."""
    return dict(tickmode="array", tickvals=list(categories),
                ticktext=[short_label(c) for c in categories])


def _layout(fig: go.Figure, title: str, x_title: str, y_title: str, height: int, *,
            left: int, bottom: int, right: int = 10) -> go.Figure:
    """Title, fonts, colours, legend and margins (left/bottom/right: room outside the plot area)."""
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", y=1, yref="container", yanchor="top",
                   pad=dict(t=12)),
        # a few explicit settings instead of the plotly_white template: copying a template
        # costs most of a figure's build time
        template=None, paper_bgcolor="white", plot_bgcolor="white",
        colorway=PALETTE,
        font=FONT,
        height=height,
        margin=dict(l=left, r=right, t=TOP_PX, b=bottom),
        # below the x-axis title: a legend that wraps on a narrow screen pushes the bottom
        # margin down instead of running into the title
        legend=dict(title_text="", orientation="h", yanchor="top", x=0, xanchor="left",
                    y=-LEGEND_GAP_PX / max(height - TOP_PX - bottom, 100)),
        clickmode="event+select",
        dragmode=False,
        hoverlabel=dict(namelength=-1),
    )
    axes = dict(automargin=False, title_standoff=12, gridcolor="#E6EAF0", zerolinecolor="#C9D1DB",
                linecolor="#C9D1DB")
    fig.update_xaxes(title_text=x_title, **axes)
    fig.update_yaxes(title_text=y_title, **axes)
    return fig


def counted_words(counts: pd.Series, one: str = "paragraph", many: str = "paragraphs") -> list[str]:
    """'1 paragraph', '12 paragraphs' for each count: what a mark's hover says."""
    return [f"{int(n):,} {one if int(n) == 1 else many}" for n in counts]


def _height(n_rows: int, per_row: int = 26, base: int = 170) -> int:
    return max(300, min(base + per_row * n_rows, 2400))


def _colour_map(values: pd.Series) -> dict[str, str]:
    return ordered_colours(sorted(v for v in values.dropna().unique() if v != OTHERS))


def ordered_colours(names: list[str]) -> dict[str, str]:
    """One series colour per name in the order given (repeating after len(SERIES_PALETTE))."""
    return {name: SERIES_PALETTE[i % len(SERIES_PALETTE)] for i, name in enumerate(names)}


def series_colours(every: list[str], drawn: set[str]) -> dict[str, str]:
    """A colour for each drawn name: its own on every page and under every filter while all of
    `every` fit the palette; beyond that, distinct within the chart, in the order of `every`."""
    names = every if len(every) <= len(SERIES_PALETTE) else [n for n in every if n in drawn]
    return {name: c for name, c in ordered_colours(names).items() if name in drawn}


def _order(df: pd.DataFrame, category: str, value: str = "paragraphs") -> list[str]:
    totals = df.groupby(category)[value].sum().sort_values(ascending=False, kind="stable")
    return list(totals.index)


def _labels_above_rows(fig: go.Figure, rows: list, above_centre: float, room: float = 0.0) -> None:
    """Each row's label (`rows` top to bottom, the category axis' rows) at the plot's left edge,
    standing `above_centre` rows above the row's centre, inside the plot (`room`: rows of space
    above the top row): on a narrow screen the marks keep the width instead of ceding it to a
    column of labels."""
    # one text trace, not one annotation per label (plotly draws it in about half the time), on
    # hidden twin axes: y numeric (a category's row is its position there), x from 0 to 1 (the
    # plot's left edge under any zoom); the category axis' range fixed (no vertical zoom) so that
    # its twin stays aligned with it
    span = [-0.5, len(rows) - 0.5 + room]
    hidden = dict(autorange=False, fixedrange=True, visible=False)
    fig.update_yaxes(range=span, autorange=False, fixedrange=True)
    fig.update_layout(yaxis2=dict(overlaying="y", range=span, **hidden),
                      xaxis3=dict(overlaying="x", range=[0, 1], **hidden))
    fig.add_trace(go.Scatter(
        x=[0] * len(rows), y=[len(rows) - 1 - i + above_centre for i in range(len(rows))],
        text=[short_label(c) for c in rows], mode="text", textposition="top right", xaxis="x3", yaxis="y2",
        textfont=dict(size=12, color="#31333F"), cliponaxis=False, hoverinfo="skip", showlegend=False,
        name=LABELS_TRACE))


def horizontal_bars(df: pd.DataFrame, category: str, title: str, category_title: str,
                    colour: str | None = None, dims: tuple[str, ...] | None = None,
                    grouped: bool = False, colour_map: dict[str, str] | None = None,
                    value_title: str = "Paragraphs",
                    unit: tuple[str, str] = ("paragraph", "paragraphs")) -> go.Figure:
    """Bars of `paragraphs` per category (largest on top), coloured or split by `colour`; `unit`
    names what the counts count, in the hover text."""
    dims = dims or ((category, colour) if colour else (category,))
    order = _order(df, category)
    if colour_map is None and colour:
        colour_map = (FUNDING_COLOURS if colour in FUNDING_DIMS else
                      GROUP_COLOURS if colour == "addressee_group" else _colour_map(df[colour]))
    colours = colour_map or {}
    # plain go.Bar traces (one per colour): plotly express builds the same in ~10x the time
    groups = df.groupby(colour, sort=True) if colour else [(None, df)]
    template = ("%{y}<br>%{fullData.name}<br>%{hovertext}<extra></extra>" if colour
                else "%{y}<br>%{hovertext}<extra></extra>")
    fig = go.Figure([
        go.Bar(x=part["paragraphs"].tolist(), y=part[category].tolist(), orientation="h",
               name=LEGEND_NAMES.get(name, str(name)) if colour else value_title,
               customdata=part[list(dims)].values.tolist(), hovertemplate=template,
               hovertext=counted_words(part["paragraphs"], *unit),
               marker_color=colours.get(name, OTHERS_COLOUR if name == OTHERS else SERIES_PALETTE[i % len(SERIES_PALETTE)]),
               showlegend=bool(colour))
        for i, (name, part) in enumerate(groups)])
    per_group = max(1, df[colour].nunique()) if grouped and colour else 1
    row_px = LABEL_ROW_PX + BAR_PX * per_group
    bargap = LABEL_ROW_PX / row_px
    fig.update_layout(barmode="group" if grouped else "relative", bargap=bargap)
    # type category: labels such as "2026" or agenda item "107" must not become a numeric axis
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order[::-1], showticklabels=False)
    _labels_above_rows(fig, order, (1 - bargap) / 2)  # on top of a row's bars
    bottom = TICK_ROW_PX + AXIS_TITLE_PX + (LEGEND_ROW_PX if colour else 0)
    plot_px = row_px * len(order) + BAR_PX  # the rows' height exactly: a label sits in the gap above its bar
    tall = plot_px > TALL_PLOT_PX
    top = TOP_PX + (TICK_ROW_PX if tall else 0)
    _layout(fig, title, value_title, category_title, top + bottom + plot_px, left=AXIS_TITLE_PX, bottom=bottom)
    if tall:  # the scale above the bars too: on a long chart the bottom axis is screens away
        fig.update_layout(margin=dict(t=top), xaxis2=dict(matches="x", overlaying="x", side="top",
                                                          showgrid=False, tickformat=",d"))
        fig.add_trace(go.Bar(x=[0], y=[order[0]], xaxis="x2", orientation="h", showlegend=False,
                             hoverinfo="skip", marker_color="rgba(0,0,0,0)"))
    most = df.groupby(category)["paragraphs"].sum().max() if not grouped or not colour else \
        df["paragraphs"].max()
    # whole numbers only: small counts get a tick per unit, large ones plotly's own steps
    fig.update_xaxes(rangemode="tozero", dtick=1 if most <= 12 else None, tickformat=",d")
    return fig


STATUS_COLOURS = {"added": "#009E73", "deleted": "#D55E00", "amended": "#0072B2", "moved": "#CC79A7"}


def series_growth(df: pd.DataFrame, title: str) -> go.Figure:
    """Paragraphs added, deleted, amended and moved per version of a series (in the order given)."""
    versions = list(dict.fromkeys(df["version"]))
    fig = go.Figure([
        go.Bar(x=part["paragraphs"].tolist(), y=part["version"].tolist(), orientation="h", name=status,
               marker_color=STATUS_COLOURS[status], customdata=part[["version", "status"]].values.tolist(),
               hovertext=counted_words(part["paragraphs"], f"paragraph {status}", f"paragraphs {status}"),
               hovertemplate="%{y}<br>%{hovertext}<extra></extra>")
        for status, part in df.groupby("status", sort=False)])
    fig.update_layout(barmode="group")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=versions[::-1], **_category_ticks(versions))
    _layout(fig, title, "Paragraphs, against the version before", "Version",
            _height(len(versions) * 4, per_row=14), left=label_px(versions) + AXIS_TITLE_PX,
            bottom=TICK_ROW_PX + AXIS_TITLE_PX + LEGEND_ROW_PX)
    fig.update_xaxes(rangemode="tozero", tickformat=",d")
    return fig


HEATMAP_ROW_PX = 46  # an addressee's label above its row of cells
HEATMAP_CELL_MAX_PX = 32
HEATMAP_NARROW_PLOT_PX = 320  # the plot's width on a 420 px screen: cells are sized to fit it


def verb_addressee_heatmap(df: pd.DataFrame) -> go.Figure:
    """Addressee x verb cells coloured by their paragraph count, each labelled with it.

    An addressee's name stands above its row and the verbs (with their directive level) head the
    columns, so the chart keeps its width on a narrow screen. Drawn as square markers rather than
    a plotly heatmap: heatmap cells cannot be selected.
    """
    levels = dict(zip(df["verb"], df["directive_level"]))
    verbs = sorted(levels, key=lambda v: (-levels[v], v))
    columns = {v: f"{v}<br>({levels[v]})" for v in verbs}  # two lines: the columns stay narrow
    addressees = _order(df, "addressee")
    size = max(14, min(HEATMAP_CELL_MAX_PX, HEATMAP_NARROW_PLOT_PX // max(len(verbs), 1) - 4))
    most = int(df["paragraphs"].max()) if len(df) else 1
    fig = go.Figure(go.Scatter(
        x=[columns[v] for v in df["verb"]], y=df["addressee"], mode="markers+text",
        text=df["paragraphs"].astype(str),
        # dark digits on the light end of the scale, white on the dark end
        textfont=dict(size=12 if size >= 24 else 10,
                      color=["white" if n < most / 2 else "#1F2630" for n in df["paragraphs"]]),
        customdata=df[["verb", "addressee"]].values.tolist(),
        marker=dict(symbol="square", size=size, color=df["paragraphs"], colorscale=SEQUENTIAL,
                    cmin=0, cmax=most, line=dict(width=0), showscale=False),
        hovertext=counted_words(df["paragraphs"]),
        hovertemplate="%{y} → %{x}<br>%{hovertext}<extra></extra>", showlegend=False,
    ))
    order = list(columns.values())
    fig.update_xaxes(categoryorder="array", categoryarray=order, side="top", showgrid=False,
                     tickangle=0, tickfont=dict(size=11), tickmode="array", tickvals=order, ticktext=order)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=addressees[::-1], showgrid=False,
                     showticklabels=False)
    # each label on top of its row's squares; the top row's needs room above the row
    room = max(0.0, (size / 2 + LABEL_ROW_PX) / HEATMAP_ROW_PX - 0.5)
    _labels_above_rows(fig, addressees, size / 2 / HEATMAP_ROW_PX, room)
    # the verbs head the columns: the title and the tick row above the plot
    _layout(fig, "What each addressee is asked to do", "Verb (directive level)", "Addressee",
            TOP_PX + TICK_ROW_PX * 2 + AXIS_TITLE_PX // 2 + round(HEATMAP_ROW_PX * (len(addressees) + room))
            + AXIS_TITLE_PX, left=AXIS_TITLE_PX, bottom=AXIS_TITLE_PX)
    fig.update_layout(margin=dict(t=TOP_PX + TICK_ROW_PX * 2 + AXIS_TITLE_PX // 2))
    return fig



# ---------------------------------------------------------------------------------------------
# Lineage

LINEAGE_COLOURS = {"recalls": "#0072B2", "recalled_by": "#E69F00", "centre": "#000000"}
LINEAGE_MAX_NODES = 40  # per side of the neighbourhood graph; the page lists every document
LINEAGE_X_RANGE, LINEAGE_Y_RANGE = (-1.05, 3.05), (-0.02, 1.02)
NO_SESSION_COLOUR = "#999999"


def _session_colours(sessions: pd.Series) -> dict[str, str]:
    """One colour per session label, grey for documents that state none."""
    named = sorted(s for s in sessions.dropna().unique() if s != "Session not stated")
    return {s: SERIES_PALETTE[i % len(SERIES_PALETTE)] for i, s in enumerate(named)} | \
        {"Session not stated": NO_SESSION_COLOUR}


def cited_bars(df: pd.DataFrame, title: str) -> go.Figure:
    """Citations per cited resolution (most cited on top), stacked by the session of the citing
    documents; symbols of documents in the database are bold.

    `df`: cited, session, citations, in_database (bool) and name (the hover's full name).
    """
    order = list(dict.fromkeys(df.sort_values("total", ascending=False, kind="stable")["cited"]))
    in_db = dict(zip(df["cited"], df["in_database"].astype(bool)))
    colours = _session_colours(df["session"])
    fig = go.Figure([
        go.Bar(x=part["citations"].tolist(), y=part["cited"].tolist(), orientation="h",
               name=str(session), marker_color=colours.get(session, NO_SESSION_COLOUR),
               customdata=part[["cited", "session", "name"]].values.tolist(),
               hovertemplate="%{customdata[2]}<br>cited by documents of %{fullData.name}: "
                             "%{x} time(s)<extra></extra>")
        for session, part in df.groupby("session", sort=True)])
    fig.update_layout(barmode="relative")
    ticks = [f"<b>{short_label(c)}</b>" if in_db.get(c) else short_label(c) for c in order]
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order[::-1], tickmode="array",
                     tickvals=order, ticktext=ticks)
    _layout(fig, title, "Citations", "Cited resolution", _height(len(order)),
            left=round(label_px(order) * 1.08) + AXIS_TITLE_PX,  # bold labels are wider
            bottom=TICK_ROW_PX + AXIS_TITLE_PX + LEGEND_ROW_PX)
    most = df.groupby("cited")["citations"].sum().max()
    fig.update_xaxes(rangemode="tozero", dtick=1 if most <= 12 else None, tickformat=",d")
    return fig


def _arrows(fig: go.Figure, part: pd.DataFrame, direction: str, height: int) -> None:
    """An arrow from each citing to each cited document of one side, wider for more citations:
    one line trace per width (an annotation per arrow takes the browser ~2 ms each to draw)."""
    # pixels per axis unit on a desktop-wide plot, to stop each line a few pixels short of the
    # markers at its ends whatever its slope
    scale = (800 / (LINEAGE_X_RANGE[1] - LINEAGE_X_RANGE[0]),
             (height - 70) / (LINEAGE_Y_RANGE[1] - LINEAGE_Y_RANGE[0]))
    widths = 1 + part["citations"].astype(int).clip(upper=6) * 0.5
    for width, group in part.groupby(widths, sort=True):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for row in group.itertuples():
            # the arrow points at the cited document: the centre cites the left, the right
            # cites the centre
            start, end = ((1.0, 0.5), (row.x, row.y)) if direction == "recalls" else \
                ((row.x, row.y), (1.0, 0.5))
            length = math.hypot((end[0] - start[0]) * scale[0], (end[1] - start[1]) * scale[1])
            x0, y0 = _towards(start, end, min(0.3, 12 / length))
            x1, y1 = _towards(end, start, min(0.3, 16 / length))
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines+markers", hoverinfo="skip", showlegend=False, opacity=0.6,
            line=dict(color=LINEAGE_COLOURS[direction], width=float(width)),
            # the head: an arrow marker at each line's end, turned along the line
            marker=dict(symbol="arrow", angleref="previous", color=LINEAGE_COLOURS[direction],
                        size=[0, 8 + 2 * float(width), 0] * len(group))))


def _towards(point: tuple[float, float], other: tuple[float, float], share: float) -> tuple[float, float]:
    """`point` moved `share` of the way towards `other`."""
    return (point[0] + (other[0] - point[0]) * share, point[1] + (other[1] - point[1]) * share)


def _column(n: int) -> list[float]:
    """Heights of n nodes spread evenly over 0..1, the first on top."""
    return [1 - (i + 0.5) / n for i in range(n)] if n else []


def lineage_graph(links: pd.DataFrame, centre: str, centre_label: str, centre_name: str,
                  title: str) -> go.Figure:
    """One document's neighbourhood: the document in the middle, the documents it recalls on
    the left, those recalling it on the right, an arrow from each citing to each cited document
    (wider for more citations). Each node carries its document id in `customdata`.

    `links`: direction ('recalls' or 'recalled_by'), document_id, label (a short name),
    name (the hover's full name) and citations, as queries.links gives them.
    """
    fig = go.Figure()
    sides = {}
    for x, direction in ((0.0, "recalls"), (2.0, "recalled_by")):
        part = links[links["direction"] == direction].head(LINEAGE_MAX_NODES)
        sides[direction] = part.assign(x=x, y=_column(len(part)))
    rows = max(len(sides["recalls"]), len(sides["recalled_by"]), 1)
    height = max(320, min(100 + 56 * rows, 2400))
    for direction, part in sides.items():
        _arrows(fig, part, direction, height)
        if part.empty:
            continue
        # labels on the outer side of each column, away from the arrows
        fig.add_trace(go.Scatter(
            x=part["x"].tolist(), y=part["y"].tolist(), mode="markers+text",
            text=part["label"].tolist(),
            textposition="middle left" if direction == "recalls" else "middle right",
            marker=dict(size=16, color=LINEAGE_COLOURS[direction],
                        line=dict(color="white", width=1)),
            customdata=part[["document_id", "name", "citations"]].values.tolist(),
            name="recalls" if direction == "recalls" else "recalled by", showlegend=False,
            hovertemplate="%{customdata[1]}<br>%{customdata[2]} citation(s)<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=[1.0], y=[0.5], mode="markers",
        marker=dict(size=22, color=LINEAGE_COLOURS["centre"], symbol="diamond"),
        customdata=[[centre, centre_name, ""]], showlegend=False,
        hovertemplate="%{customdata[1]}<extra></extra>"))
    # the document's own name on a white ground, above the arrows that meet under it
    fig.add_annotation(x=1.0, y=0.5, xref="x", yref="y", text=f"<b>{centre_label}</b>",
                       showarrow=False, yshift=24, bgcolor="rgba(255,255,255,0.9)",
                       font=dict(size=14, color=LINEAGE_COLOURS["centre"]))
    for x, text in ((0.0, "It recalls"), (2.0, "Recalled by")):
        fig.add_annotation(x=x, y=1.0, yref="paper", text=f"<b>{text}</b>", showarrow=False,
                           yanchor="bottom", font=dict(size=13))
    _layout(fig, title, "", "", height, left=10, bottom=10)
    hidden = dict(visible=False, fixedrange=True)
    # a column's labels need a column's width beside it (about 100 px on a phone)
    fig.update_xaxes(range=LINEAGE_X_RANGE, **hidden)
    fig.update_yaxes(range=LINEAGE_Y_RANGE, **hidden)
    return fig
