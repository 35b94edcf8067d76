"""Resolution Explorer: page setup, the shared sidebar filters and the page router."""

import streamlit as st

from dashboard import filters, queries, ui
from dashboard.setup import missing_database

st.set_page_config(page_title="Resolution Explorer", page_icon="📜", layout="wide",
                   initial_sidebar_state="expanded")

OVERVIEW = st.Page("pages/overview.py", title="Overview", icon="🏛️", default=True)
EXPLORER = st.Page("pages/explorer.py", title="Explorer", icon="🔎", url_path="explorer")
PAGES = [
    OVERVIEW,
    st.Page("pages/verbs.py", title="Verbs", icon="🗣️", url_path="verbs"),
    st.Page("pages/addressees.py", title="Addressees", icon="👥", url_path="addressees"),
    st.Page("pages/funding.py", title="Funding", icon="💰", url_path="funding"),
    st.Page("pages/timeline.py", title="Timeline", icon="📅", url_path="timeline"),
    EXPLORER,
]

filters.begin_run()
problem = queries.database_problem()
if problem:
    st.navigation([st.Page(missing_database, title="Set up", icon="🛠️")], position="hidden").run()
else:
    page = st.navigation(PAGES)
    with ui.guard():
        filters.sidebar()
        if page.title == OVERVIEW.title and st.query_params.get("paragraph"):
            # the app's root URL with ?paragraph=<id> opens that paragraph in the Explorer
            st.switch_page(EXPLORER, query_params={"paragraph": st.query_params["paragraph"]})
        page.run()
    filters.publish()
