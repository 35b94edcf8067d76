"""Timeline: the planned dates with the precision they have, background dates apart, calendars."""

from datetime import date
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from dashboard import filters, ics, queries, timeline_chart, ui
from dashboard.timeline_chart import PLAN_ROWS

# what the chart plots and its CSV holds, in this order
CHART_COLUMNS = ["event_key", "title", "type", "when", "where", "start_date", "end_date",
                 "precision", "phrase", "location", "relative_to", "paragraphs", "documents",
                 "event_type"]
TABLE_COLUMNS: dict[str, Any] = {
    "when": st.column_config.TextColumn("When", width="medium"),
    "title": st.column_config.TextColumn("Event", width="large"),
    "type": "Type",
    "phrase": st.column_config.TextColumn("As written", width="medium"),
    "location": "Location",
    "relative_to": st.column_config.TextColumn("Relative to", width="medium"),
    "where": st.column_config.TextColumn("Mentioned in", width="medium"),
    "paragraphs": st.column_config.NumberColumn("Paragraphs", format="%d"),
    "start_date": st.column_config.DateColumn("Starts", format="D MMM YYYY"),
}


def app_root() -> str | None:
    """The app's root URL as this browser reaches it (for links in a calendar file)."""
    try:
        url = st.context.url
    except Exception:  # no browser behind this run (tests, bare mode)
        return None
    if not url:
        return None
    parts = urlsplit(url)
    path = parts.path.rstrip("/").rsplit("/", 1)[0] if parts.path.count("/") > 1 else ""
    return f"{parts.scheme}://{parts.netloc}{path}"


# the words cost Python per event (67,000 rows at 5,000 documents): made once per database,
# selection and day for every session, and shared (read them, do not change them)
@st.cache_resource(max_entries=8, show_spinner=False)
def in_words(key: tuple, several: bool, _events: pd.DataFrame) -> pd.DataFrame:
    """The events in words (timeline_chart.prepare); `key` says everything `_events` depends on."""
    return timeline_chart.prepare(_events, several)


def table(rows: pd.DataFrame, columns: list[str], key: str) -> None:
    """Events as a table in words (no codes, no empty values shown as 'None')."""
    shown = ui.blank_missing(rows[columns])
    st.dataframe(shown, hide_index=True, key=key,
                 column_config={c: TABLE_COLUMNS[c] for c in columns})


scope = filters.scope()
today = date.today()
st.title("Timeline")
st.caption("What the operative paragraphs schedule (sessions, meetings, reports due, budgets), "
           "each date drawn as precisely as the text gives it. Dates of cited texts, of "
           "preambles and of narrative text are background, shown apart when asked for.")
history = filters.flag("Show the background dates too (cited texts, preambles, narrative text)",
                       "history", "timeline_history")

events = queries.events(scope, history, today)
several = len(scope.documents) > 1 or (not scope.documents and len(queries.document_names()) > 1)
words = in_words((queries.data_version(), scope, history, today), several, events)
is_background = words["is_historical"].astype(bool)
planned, background = words[~is_background], words[is_background]
dated = planned[planned["start_date"].notna()]

if dated.empty:
    st.info("No planned date in the selected documents: their operative paragraphs schedule "
            "nothing with a date. Loosen a filter, or show the background dates.")
else:
    shown = timeline_chart.nearest(dated, today, PLAN_ROWS)
    if len(shown) < len(dated):
        st.caption(f"The chart shows {len(shown)} of the {len(dated)} planned events: named "
                   "events still to come or under way first, then bare dates, then past ones. "
                   "The table below lists all of them; choose a document in the sidebar to "
                   "narrow the chart.")
    ui.chart(shown[CHART_COLUMNS], partial(timeline_chart.plan, today=today, total=len(dated)),
             key="timeline_chart", stem="timeline", view=queries.EVENT_ROWS, dims=("event_key",),
             scope=scope, extra={"historical": False, "today": today})

if history:
    st.subheader("Background dates")
    st.caption("Adoption dates of the texts cited, and dates in preambular paragraphs and "
               "narrative text: what the plan builds on. They have their own chart, so that the "
               "plan above keeps its scale.")
    past = background[background["start_date"].notna()]
    if past.empty:
        st.info("No background dates in the selected documents.")
    else:
        ui.chart(past[CHART_COLUMNS], partial(timeline_chart.background, today=today),
                 key="timeline_background", stem="timeline-background",
                 view=queries.EVENT_ROWS, dims=("event_key",), scope=scope,
                 extra={"historical": True, "today": today})

undated = planned[planned["start_date"].isna()]
if not undated.empty:
    st.subheader("Planned events without a calendar date")
    table(undated, ["title", "type", "phrase", "relative_to", "where", "paragraphs"],
          "timeline_undated")

if not dated.empty:
    listing = st.expander(f"All {len(dated)} planned events with a date, as a table",
                          key="timeline_table_open", on_change="rerun")
    if listing.open:  # sent only when opened: it runs to thousands of rows
        with listing:
            table(dated, ["when", "title", "type", "phrase", "location", "where", "paragraphs",
                          "start_date"], "timeline_table")

st.subheader("Calendar")
root = app_root()
raw_planned = events[~events["is_historical"].astype(bool)]
coming = ics.in_calendar(queries.upcoming_events(scope, today))
every = ics.in_calendar(raw_planned)
if coming.empty:
    st.info(f"No planned event with days in a calendar is still to come or under way after "
            f"today ({today.day} {today:%B %Y}) in the selected documents.")
else:
    st.download_button(f"⬇ Upcoming and ongoing events (.ics, {len(coming)})",
                       lambda: ics.calendar(coming, base_url=root), "upcoming-events.ics",
                       "text/calendar", key="timeline_ics", on_click="ignore")
if not every.empty:
    st.download_button(f"⬇ All planned events (.ics, {len(every)})",
                       lambda: ics.calendar(every, base_url=root), "planned-events.ics",
                       "text/calendar", key="timeline_ics_all", on_click="ignore")
missing = ics.left_out(raw_planned)
if not missing.empty:
    sessions = int(missing["start_date"].notna().sum())
    why = [f"{sessions} session{'s' if sessions != 1 else ''} whose dates the text does not state"
           if sessions else "", f"{len(missing) - sessions} without a date"
           if len(missing) > sessions else ""]
    st.caption(f"Each calendar event says how exact its date is and quotes its paragraphs, with "
               f"a link to each. Left out: {len(missing)} planned "
               f"event{'s' if len(missing) != 1 else ''} with no day to put in a calendar "
               f"({', '.join(w for w in why if w)}); the chart and the tables show them.")
else:
    st.caption("Each calendar event says how exact its date is and quotes its paragraphs, with "
               "a link to each.")
