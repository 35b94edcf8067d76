"""Timeline: the Congress cycle's events with the precision their dates have, and a calendar."""

from datetime import date

import streamlit as st

from dashboard import charts, filters, ics, queries, ui

scope = filters.scope()
today = date.today()
st.title("Timeline")
history = filters.flag("Include the historical dates of cited resolutions", "history",
                       "timeline_history")
events = queries.events(scope, history)
dated = events[events["start_date"].notna()]
st.caption("Bars span what the date pins down: an exact day is a narrow solid bar; a month or a "
           "year only is a wide, pale, hatched bar. The dashed line marks today.")
ui.chart(dated, lambda df: charts.timeline(df, today), key="timeline_chart",
         stem="timeline", view=queries.EVENT_ROWS, dims=("event_id",), scope=scope,
         extra={"historical": history})

undated = events[events["start_date"].isna()]
if not undated.empty:
    st.subheader("Events without a calendar date")
    st.dataframe(undated[["label", "phrase", "precision", "relative_to", "instrument_label",
                          "paragraph_number"]], hide_index=True, key="timeline_undated")

st.subheader("Calendar")
coming = ics.upcoming(events, today)
if coming.empty:
    planned = dated[~dated["is_historical"].astype(bool)]
    st.info(f"No planned event ends on or after today ({today.isoformat()}): the 2025–2026 "
            "cycle is over. The calendar below holds all its planned events.")
    st.download_button(f"⬇ Planned events (.ics, {len(planned)})", ics.calendar(planned),
                       "planned-events.ics", "text/calendar", key="timeline_ics_all",
                       on_click="ignore")
else:
    st.download_button(f"⬇ Upcoming events (.ics, {len(coming)})", ics.calendar(coming),
                       "upcoming-events.ics", "text/calendar", key="timeline_ics",
                       on_click="ignore")
