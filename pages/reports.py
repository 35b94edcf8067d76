"""Reports due: what the acting bodies ask to be reported, by whom, to whom and when."""

from datetime import datetime, timezone
from functools import partial

import pandas as pd
import streamlit as st

from dashboard import charts, downloads, due, filters, ics, queries, ui
from dashboard.text import REPORTS_RULE, paragraph_ref, paragraph_url, present

VIEWS = {"when": ("due", "reporter", "When due", "Reports requested per session and year"),
         "who": ("reporter", "submitted_to", "Reporter", "Reports requested per reporter and receiving body"),
         "committee": ("committee", "resources", "Committee",
                       "Reports requested per committee, and those within existing resources")}
ALL = "(every reporter)"
UNIT = ("report requested", "reports requested")

scope = filters.scope()
st.title("Reports due")
st.caption(REPORTS_RULE)

counted_by = queries.reporters()
choices = {ALL: ALL} | {name: f"{name} ({n})" for name, n in counted_by.items()}
picked = filters.pick("Reporter", choices, "reporter", "reports_reporter",
                      help="Only the reports asked of this reporter (with its number of requests).")
reporter = None if picked in (None, ALL) else picked
requests = queries.report_requests(scope, reporter)
ui.metric_row([
    ("Reports requested", len(requests), "One per reporter, report and occasion."),
    ("Of the Secretary-General", int((requests["reporter"] == "Secretary-General").sum()),
     "Requests whose reporter is the Secretary-General."),
    ("At a stated session", int(requests["session"].notna().sum()),
     "Requests that name the session they are due at."),
    ("Within existing resources", int(requests["within_existing_resources"].sum()),
     "Requests whose wording says the report is made within existing resources."),
])
if requests.empty:
    st.info(ui.EMPTY)
    st.stop()

when, who, committee, listed = filters.tabs(
    {"when": "Per session and year", "who": "Per reporter and receiving body",
     "committee": "Per committee", "list": "All requests"}, "view", "reports_view")
for tab, name in ((when, "when"), (who, "who"), (committee, "committee")):
    if tab.open:
        with tab:
            category, colour, axis, title = VIEWS[name]
            dims = (category, colour)
            fold = {category: ui.MAX_BARS, colour: ui.MAX_COLOURS}
            extra = {"reporter": reporter}
            counted = queries.counts(queries.REPORT_ROWS, dims, scope, extra, fold=fold)
            build = partial(charts.horizontal_bars, category=category, title=title, category_title=axis,
                            colour=colour, value_title="Reports requested", unit=UNIT)
            ui.chart(counted, build, key=f"reports_{name}", stem=f"reports-{name}",
                     view=queries.REPORT_ROWS, dims=dims, scope=scope, extra=extra, fold=fold)
if listed.open:
    with listed:
        table = pd.DataFrame({
            "Paragraph": [paragraph_ref(r.instrument_label, r.kind, r.number, r.ordinal)
                          + (f" ({r.letter})" if present(r.letter) else "") for r in requests.itertuples()],
            "Document": [r.symbol if present(r.symbol) else r.source_name for r in requests.itertuples()],
            "Reporter": requests["reporter"], "To": requests["submitted_to"],
            "Session": requests["session"].astype("Int64"), "Year": requests["due_year"].astype("Int64"),
            "Periodicity": requests["periodicity"], "Form": requests["form"],
            "Subject": requests["subject"], "Within existing resources": requests["within_existing_resources"],
            "As written": requests["as_written"],
            "Open": [paragraph_url(p) for p in requests["paragraph_id"]],
        })
        st.dataframe(ui.blank_missing(table), hide_index=True, width="stretch",
                     column_config={"Open": st.column_config.LinkColumn("Open", display_text="open ↗"),
                                    "As written": st.column_config.TextColumn(width="large")})
        downloads.offer_table(requests, "report-requests", "reports_list", label="⬇ All requests (CSV)")

in_calendar = int(due.dated(requests).sum())
left = len(requests) - in_calendar
st.download_button(  # the events are made only when the button is clicked
    "⬇ Reports due (.ics)", lambda: ics.calendar(due.calendar_events(requests), datetime.now(timezone.utc)),
    "reports-due.ics", "text/calendar", key="reports_ics", on_click="ignore", disabled=not in_calendar)
st.caption(f"The calendar holds {in_calendar} request{'s' if in_calendar != 1 else ''}: those due at a "
           "stated session of the General Assembly, on the session's opening day (by the Assembly's "
           f"rules, the Tuesday of the second week of September). {left} "
           f"request{'s give' if left != 1 else ' gives'} only a year, another body's session or no "
           "date, and stay out of it.")
