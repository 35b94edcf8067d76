"""Download buttons for a chart: CSV of the plotted rows, offline HTML, and PNG/SVG via kaleido.

kaleido drives a Chromium; its shared sync server is not thread-safe, so every render holds one
lock, and the server is started only when a Chromium exists (started without one it hangs).
"""

from __future__ import annotations

import shutil
import threading
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


def for_export(fig: go.Figure) -> go.Figure:
    """The figure with plotly's automatic margins: the app's margins are sized for its own font,
    which an exported file may not have."""
    return go.Figure(fig).update_xaxes(automargin=True).update_yaxes(automargin=True)


def render_image(fig: go.Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes, rendered by one shared kaleido server behind a lock."""
    global _STARTED
    if chromium() is None:
        raise RuntimeError("no Chromium found for static image export")
    with _LOCK:
        if not _STARTED:
            import kaleido

            kaleido.start_sync_server(silence_warnings=True)
            _STARTED = True
        height = fig.layout.height or IMAGE_SIZE["height"]
        return for_export(fig).to_image(format=fmt, width=IMAGE_SIZE["width"], height=height,
                            scale=IMAGE_SIZE["scale"])


def figure_html(fig: go.Figure) -> str:
    """A standalone HTML page with plotly.js embedded, so it works offline."""
    return for_export(fig).to_html(include_plotlyjs=True, full_html=True)


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The rows as UTF-8 CSV."""
    return df.to_csv(index=False).encode("utf-8")


def offer(fig: go.Figure, df: pd.DataFrame, stem: str, key: str) -> None:
    """One row of download buttons for a chart and exactly the rows it plots."""
    row = st.container(horizontal=True, gap="small", key=f"{key}_downloads")
    # every file is made only when its button is clicked
    row.download_button("⬇ CSV", lambda: csv_bytes(df), f"{stem}.csv", "text/csv",
                        key=f"{key}_csv", on_click="ignore", help="The rows plotted.")
    row.download_button("⬇ HTML", lambda: figure_html(fig), f"{stem}.html", "text/html",
                        key=f"{key}_html", on_click="ignore",
                        help="Interactive chart that works offline.")
    if chromium():
        row.download_button("⬇ PNG", lambda: render_image(fig, "png"), f"{stem}.png",
                            "image/png", key=f"{key}_png", on_click="ignore")
        row.download_button("⬇ SVG", lambda: render_image(fig, "svg"), f"{stem}.svg",
                            "image/svg+xml", key=f"{key}_svg", on_click="ignore")


def offer_table(df: pd.DataFrame, stem: str, key: str, label: str = "⬇ CSV") -> None:
    """A CSV download of a table."""
    st.download_button(label, lambda: csv_bytes(df), f"{stem}.csv", "text/csv",
                       key=f"{key}_csv", on_click="ignore")
