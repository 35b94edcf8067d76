"""Timeline: the Congress cycle's events with the precision their dates have, and a calendar."""

from datetime import date
from functools import partial

import streamlit as st

from dashboard import charts, filters, ics, queries, ui

scope = filters.scope()
today = date.today()
st.title("Timeline")
history = filters.flag("Include the historical dates of cited resolutions", "history",
                       "timeline_history")
events = queries.events(scope, history, today)
dated = events[events["start_date"].notna()]
st.caption("Bars span what the date pins down: an exact day is a narrow solid bar; a month or a "
           "year only is a wide, pale, hatched bar. The dashed line marks today.")
ui.chart(dated, partial(charts.timeline, today=today), key="timeline_chart",
         stem="timeline", view=queries.EVENT_ROWS, dims=("event_key",), scope=scope,
         extra={"historical": history, "today": today})

undated = events[events["start_date"].isna()]
if not undated.empty:
    st.subheader("Events without a calendar date")
    st.dataframe(undated[["label", "phrase", "precision", "relative_to", "paragraphs"]],
                 hide_index=True, key="timeline_undated")

st.subheader("Calendar")
coming = queries.upcoming_events(scope, today)
planned = dated[~dated["is_historical"].astype(bool)]
if coming.empty:
    st.info(f"No planned event is still to come after today ({today:%d %B %Y}): the 2025–2026 "
            "cycle is over. The calendar of all its planned events is offered instead.")
else:
    st.download_button(f"⬇ Upcoming and ongoing events (.ics, {len(coming)})",
                       ics.calendar(coming), "upcoming-events.ics", "text/calendar",
                       key="timeline_ics", on_click="ignore")
st.download_button(f"⬇ All planned events of the cycle (.ics, {len(planned)})",
                   ics.calendar(planned), "planned-events.ics", "text/calendar",
                   key="timeline_ics_all", on_click="ignore")
