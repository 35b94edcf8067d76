"""Resolution Explorer: page setup, the shared sidebar filters and the page router."""

import streamlit as st

from dashboard import filters, navigation, process, queries, ui
from dashboard.setup import missing_database

process.freeze_imports()

st.set_page_config(page_title="Resolution Explorer", layout="wide",
                   initial_sidebar_state="auto")

PAGES = navigation.pages()
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
        # drawn after the page, into their place at the top of the sidebar: the page's content is
        # sent first (a 50 ms pause before them, which sped up navigation while a dozen filter
        # widgets were drawn on every run, no longer does: docs/benchmark-notes.md)
        filters.draw(selection, filter_box)
    filters.publish()
