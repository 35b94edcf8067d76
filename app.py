"""Resolution Explorer: page setup, the shared sidebar filters and the page router."""

import time

import streamlit as st

from dashboard import filters, navigation, process, queries, ui
from dashboard.setup import missing_database

process.freeze_imports()

st.set_page_config(page_title="Resolution Explorer", layout="wide",
                   initial_sidebar_state="auto")

PAGES = navigation.pages()
# The browser draws in one go all the messages that have arrived when it starts drawing: sent with
# the page, the seven (unchanged) filter widgets delay a changed chart by about 40 ms of a 0.19 s
# filter change. Pausing before sending them lets the browser draw the page first (interleaved
# runs on Verbs: 0.191 s without, 0.189 / 0.178 / 0.161 / 0.156 s with 5 / 15 / 30 / 50 ms); a
# sidebar click too (without it, 11-22 % slower on four pages: docs/benchmark-notes.md).
PAUSE_BEFORE_FILTERS_S = 0.05

filters.begin_run()
problem = queries.database_problem()
if problem:
    st.navigation([st.Page(missing_database, title="Set up")], position="hidden").run()
else:
    page = st.navigation(PAGES)
    with ui.guard():
        selection = filters.select()
        if page.title == navigation.OVERVIEW_TITLE and st.query_params.get("paragraph"):
            # the app's root URL with ?paragraph=<id> opens that paragraph in the Explorer
            explorer = next(p for p in PAGES if p.title == navigation.EXPLORER_TITLE)
            st.switch_page(explorer, query_params={"paragraph": st.query_params["paragraph"]})
        filter_box = st.sidebar.container()
        with ui.guard(), filters.routed():
            page.run()
        # drawn after the page, into their place at the top of the sidebar
        time.sleep(PAUSE_BEFORE_FILTERS_S)
        filters.draw(selection, filter_box)
    filters.publish()
