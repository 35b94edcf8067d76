"""Building blocks the pages compose: a chart with drill-down and downloads, empty states, guard."""

from __future__ import annotations

import hashlib
import logging
from contextlib import contextmanager
from functools import partial
from typing import Any, Iterator

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, downloads, filters, pageview, queries
from dashboard.queries import View
from dashboard.scope import Scope
from dashboard.text import (dimension_words, document_name, funding_words, escape_md, paragraph_ref, paragraph_url,
                            present, source_md, span, where)

log = logging.getLogger("resolution_explorer")
EMPTY = "No paragraphs match the current filters. Loosen a filter or use **Reset filters**."
MAX_BARS = 40  # rows of a bar chart; the rest are folded into queries.OTHERS
MAX_COLOURS = len(charts.SERIES_PALETTE)  # colours (instruments) of a bar chart, each its own; the rest folded likewise
FOLDED_COLOURS = ("instrument", "addressee")  # colour dimensions that can run to hundreds
MAX_VERBATIM = 20  # paragraphs shown in full under a chart; the table lists all of them


@contextmanager
def guard() -> Iterator[None]:
    """Turn an unexpected exception into a short message instead of a traceback."""
    try:
        yield
    except Exception as exc:  # Streamlit's own control flow derives from BaseException
        log.exception("page failed")
        st.error(f"This view could not be shown ({type(exc).__name__}). "
                 "The details are in the server log.")


def plot_config(stem: str) -> dict[str, Any]:
    """Modebar settings: PNG export named after the chart, no plotly logo, no box/lasso."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": stem, "scale": 2},
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    }


def selections(event: Any, dims: tuple[str, ...]) -> list[tuple[tuple[str, Any], ...]]:
    """The clicked marks as (dimension, value) pairs, read from each point's customdata."""
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return []
    found = []
    for point in points:
        custom = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(custom, list) and len(custom) >= len(dims):
            selection = tuple(zip(dims, custom[: len(dims)]))
            if selection not in found:
                found.append(selection)
    return found


def figure(build: partial, df: pd.DataFrame) -> go.Figure:
    """build(df), memoized: building a plotly figure costs more than the query behind it.

    `build` is a functools.partial of a pure charts.* function; figures are never mutated after
    they are built, so one object can serve every session.
    """
    keywords = tuple(sorted((k, tuple(sorted(v.items())) if isinstance(v, dict) else v)
                            for k, v in build.keywords.items()))
    # the rows in their order: a chart draws its categories in the order of its rows
    try:
        digest = pd.util.hash_pandas_object(df, index=False).to_numpy().tobytes()
    except TypeError:  # a column of lists
        digest = df.to_csv(index=False).encode()
    rows = hashlib.blake2b(digest).hexdigest()
    key = (build.func.__module__, build.func.__qualname__, build.args, keywords, tuple(df.columns), rows)
    return _figure(key, build, df)


@st.cache_resource(max_entries=128, show_spinner=False)
def _figure(key: tuple, _build: partial, _df: pd.DataFrame) -> go.Figure:
    return _build(_df)  # `key` says everything the figure depends on: the rest is not hashed


def chart(df: pd.DataFrame, build: partial, *, key: str, stem: str, view: View,
          dims: tuple[str, ...], scope: Scope, extra: dict[str, Any] | None = None,
          labels: dict[str, str] | None = None, fold: dict[str, int] | None = None) -> None:
    """A chart of `df` (or an empty state), its downloads, and the paragraphs behind a click
    (`fold`: as `df` was counted, queries.counts)."""
    if df.empty:
        st.info(EMPTY)
        return
    for dim, n in (fold or {}).items():
        if dim in df.columns and (df[dim] == queries.OTHERS).any():
            noun = dimension_words(dim, "").rstrip(": ")
            st.caption(f"Only the {n} {noun}s with the most "
                       f"{'paragraphs' if view.unit == 'paragraph_id' else 'entries'} are drawn; "
                       f"the rest are counted together as “{queries.OTHERS}”.")
    fig = figure(build, df)
    event = st.plotly_chart(fig, key=key, on_select="rerun", selection_mode=("points",),
                            theme=None, config=plot_config(stem))
    downloads.offer(fig, df, stem, key, downloads.export_note(filters.describe(scope)))
    chosen = selections(event, dims)
    if not chosen:
        st.caption("Click a mark to list the paragraphs behind it.")
    for selection in chosen[:5]:
        rows = queries.drilldown(view, selection, scope, extra, fold)
        what = " · ".join(f"{labels[d]}: {v}" if labels and d in labels else dimension_words(d, v)
                          for d, v in selection)
        paragraphs(rows, f"{key}_drill_{chosen.index(selection)}", title=what)


def bars(view: View, dims: tuple[str, ...], scope: Scope, *, title: str, axis: str, key: str,
         stem: str, value_title: str = "Paragraphs", grouped: bool = False,
         counted: pd.DataFrame | None = None) -> pd.DataFrame:
    """Paragraphs per `dims` of a view as horizontal bars (first dimension on the axis, the
    second as colour), with drill-down and downloads; returns the plotted rows."""
    colour = dims[1] if len(dims) > 1 else None
    # hundreds of bars or colours cannot be read: the top ones, and the rest together
    fold: dict[str, int] | None = {dims[0]: MAX_BARS} | ({colour: MAX_COLOURS} if colour in FOLDED_COLOURS else {})
    if counted is None:
        counted = queries.counts(view, dims, scope, fold=fold)
    else:  # counted by the page: drill down as it counted
        fold = None
    # an instrument keeps its colour on every page and under every filter as long as the palette
    # holds them all (charts.series_colours); the figure (and its memo key) gets those of the
    # instruments drawn, not thousands
    colours = None
    if colour == "instrument":
        colours = charts.series_colours(queries.instrument_order(), set(counted[colour]))
    build = partial(charts.horizontal_bars, category=dims[0], title=title, category_title=axis,
                    colour=colour, grouped=grouped, value_title=value_title, colour_map=colours)
    chart(counted, build, key=key, stem=stem, view=view, dims=dims, scope=scope, fold=fold)
    return counted


def with_documents(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` (with symbol, document_title and source_name columns) plus `document`, the name the
    app gives every document (text.document_name), and `undocs`, its symbol's undocs.org page."""
    labels = queries.document_labels()  # made once per database, not per row
    if "document_id" in rows.columns and rows["document_id"].isin(labels.index).all():
        return rows.assign(document=rows["document_id"].map(labels["document"]),
                           undocs=rows["document_id"].map(labels["undocs"]))
    # rows of a document the database does not name: each named from its own columns
    ids = rows["document_id"] if "document_id" in rows.columns else [None] * len(rows)
    names = [document_name(*r) for r in
             zip(rows["symbol"], rows["document_title"], rows["source_name"], ids)]
    # "" rather than None: a table shows an empty cell, not "None"
    return rows.assign(document=[n.text for n in names], undocs=[n.url or "" for n in names])


# how a table shows with_documents()' columns: the document's name, then its official text
DOCUMENT_COLUMNS = {
    "document": st.column_config.TextColumn("Document", width="medium"),
    "undocs": st.column_config.LinkColumn("Official text", display_text="undocs.org ↗",
                                          help="The document on undocs.org (opens outside)."),
}
PARAGRAPH_TABLE_COLUMNS: dict[str, Any] = {
    "reference": st.column_config.TextColumn("Paragraph"),
    "link": st.column_config.LinkColumn("Open", display_text="open ↗"),
    # wide enough for "preambular" whole
    "kind": st.column_config.TextColumn("Kind", width=96), "lead_phrase": "Lead phrase",
    "text": st.column_config.TextColumn("Verbatim text", width="large"),
    "addressees": "Addressees", "funding": "Funding wording",
    "where": st.column_config.TextColumn("Where", help="Page of a PDF, else lines of the file."),
} | DOCUMENT_COLUMNS


def paragraph_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Paragraph rows (queries.PARAGRAPH_COLUMNS) with what the tables show: reference, link
    to the paragraph, document name and link, and where in the source it stands."""
    return with_documents(rows).assign(
        reference=[paragraph_ref(r.instrument_label, r.kind, r.number, r.ordinal)
                   for r in rows.itertuples()],
        funding=[funding_words(f) for f in rows["funding"]],
        link=[paragraph_url(p) for p in rows["paragraph_id"]],
        where=[where(*r) for r in
               zip(rows["page_start"], rows["page_end"], rows["line_start"], rows["line_end"])],
    )


def blank_missing(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` with missing text as "": a table shows an empty cell instead of "None"."""
    text = [c for c in rows.columns if not pd.api.types.is_numeric_dtype(rows[c])
            and not pd.api.types.is_datetime64_any_dtype(rows[c])]
    return rows.fillna({c: "" for c in text})


def with_pages(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` with page_start and page_end made one `page` column ('page 3', 'pages 3–4') after
    the first column, or left out when no row comes from a PDF."""
    paged = rows.drop(columns=["page_start", "page_end"])
    if rows["page_start"].notna().any():
        paged.insert(1, "page", [span("page", s, e) if present(s) else "" for s, e in
                                 zip(rows["page_start"], rows["page_end"])])
    return paged


def paragraphs(rows: pd.DataFrame, key: str, title: str) -> None:
    """Paragraphs as a linked table, then the verbatim text of the first ones."""
    with st.container(border=True, key=f"{key}_box"):
        st.markdown(f"**{len(rows)} paragraph{'s' if len(rows) != 1 else ''}** — "
                    f"{escape_md(title)}")
        if rows.empty:
            return
        table = paragraph_table(rows)
        st.dataframe(
            table[["reference", "link", "text", "addressees", "funding", "document", "undocs",
                   "where"]],
            hide_index=True, key=f"{key}_table", column_config=PARAGRAPH_TABLE_COLUMNS)
        downloads.offer_table(with_documents(rows), f"{key}-paragraphs", key,
                              "⬇ CSV of these paragraphs")
        for row in table.head(MAX_VERBATIM).itertuples():
            name = document_name(row.symbol, row.document_title, row.source_name,
                                 getattr(row, "document_id", None))
            place = source_md(name, row.page_start, row.page_end, row.line_start, row.line_end,
                              short=True)
            st.markdown(f"**{escape_md(row.reference)}** · [open ↗]({row.link}) · {place}")
            st.text(row.text)
            pageview.offer(row.paragraph_id, present(row.page_start), f"{key}_source")
        if len(table) > MAX_VERBATIM:
            st.caption(f"Verbatim text shown for the first {MAX_VERBATIM}; the table lists all "
                       f"{len(table)}.")


def metric_row(values: list[tuple[str, Any, str]]) -> None:
    """Headline numbers side by side: (label, value, help)."""
    for col, (label, value, help_text) in zip(st.columns(len(values)), values):
        col.metric(label, value, help=help_text)
