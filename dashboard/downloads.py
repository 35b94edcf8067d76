"""Download buttons for a chart: CSV of the plotted rows, offline HTML, and PNG/SVG via kaleido.

kaleido drives a Chromium; its shared sync server is not thread-safe, so every render holds one
lock, and the server is started only when a Chromium exists (started without one it hangs).
"""

from __future__ import annotations

import html
import shutil
import threading
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

_LOCK = threading.Lock()
_STARTED = False
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
IMAGE_SIZE = dict(width=1200, height=700, scale=1)


@lru_cache(maxsize=1)
def chromium() -> str | None:
    """Path of a Chromium that kaleido can drive, or None."""
    for name in CHROMIUM_CANDIDATES:
        found = name if Path(name).is_file() else shutil.which(name)
        if found:
            return found
    return None


NOTE_PX = 40  # room under an exported chart for its source note


def for_export(fig: go.Figure, note: str = "") -> go.Figure:
    """The figure with plotly's automatic margins (the app's are sized for its own font, which an
    exported file may not have) and, under it, the note saying where it comes from and what it shows."""
    out = go.Figure(fig).update_xaxes(automargin=True).update_yaxes(automargin=True)
    if note:
        margin = out.layout.margin
        out.update_layout(margin=dict(b=(margin.b or 0) + NOTE_PX), height=(out.layout.height or 500) + NOTE_PX)
        out.add_annotation(text=html.escape(note), xref="paper", yref="paper", x=0, y=0, xanchor="left",
                           yanchor="top", yshift=-(margin.b or 0) - 8, showarrow=False,
                           font=dict(size=10, color="#555"), align="left")
    return out


def export_note(filters_text: str, today: date | None = None) -> str:
    """'Resolution Explorer · filters: Verb: request · 2 December 2026': what an exported file says of itself."""
    today = today or date.today()
    return f"Resolution Explorer · filters: {filters_text} · exported {today.day} {today:%B %Y}"


def render_image(fig: go.Figure, fmt: str, note: str = "") -> bytes:
    """The figure as PNG or SVG bytes, rendered by one shared kaleido server behind a lock."""
    global _STARTED
    if chromium() is None:
        raise RuntimeError("no Chromium found for static image export")
    with _LOCK:
        if not _STARTED:
            import kaleido

            kaleido.start_sync_server(silence_warnings=True)
            _STARTED = True
        out = for_export(fig, note)
        return out.to_image(format=fmt, width=IMAGE_SIZE["width"], height=out.layout.height or IMAGE_SIZE["height"],
                            scale=IMAGE_SIZE["scale"])


def figure_html(fig: go.Figure, note: str = "") -> str:
    """A standalone HTML page with plotly.js embedded (it works offline), titled like the chart."""
    page = for_export(fig, note).to_html(include_plotlyjs=True, full_html=True)
    title = html.escape(fig.layout.title.text or "Resolution Explorer chart")
    return page.replace("<head>", f"<head><title>{title}</title>", 1)


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The rows as UTF-8 CSV."""
    return df.to_csv(index=False).encode("utf-8")


def offer(fig: go.Figure, df: pd.DataFrame, stem: str, key: str, note: str = "") -> None:
    """One row of download buttons for a chart and exactly the rows it plots; `note` goes under the
    exported chart (export_note)."""
    row = st.container(horizontal=True, gap="small", key=f"{key}_downloads")
    # every file is made only when its button is clicked
    row.download_button("⬇ CSV", lambda: csv_bytes(df), f"{stem}.csv", "text/csv",
                        key=f"{key}_csv", on_click="ignore", help="The rows plotted.")
    row.download_button("⬇ HTML", lambda: figure_html(fig, note), f"{stem}.html", "text/html",
                        key=f"{key}_html", on_click="ignore",
                        help="Interactive chart that works offline.")
    if chromium():
        row.download_button("⬇ PNG", lambda: render_image(fig, "png", note), f"{stem}.png",
                            "image/png", key=f"{key}_png", on_click="ignore")
        row.download_button("⬇ SVG", lambda: render_image(fig, "svg", note), f"{stem}.svg",
                            "image/svg+xml", key=f"{key}_svg", on_click="ignore")


def offer_table(df: pd.DataFrame, stem: str, key: str, label: str = "⬇ CSV") -> None:
    """A CSV download of a table."""
    st.download_button(label, lambda: csv_bytes(df), f"{stem}.csv", "text/csv",
                       key=f"{key}_csv", on_click="ignore")
