"""The app's pages, in the order the sidebar lists them (one list for the router and the pages)."""

import streamlit as st
from streamlit.navigation.page import StreamlitPage

OVERVIEW_TITLE = "Overview"
EXPLORER_TITLE = "Explorer"


def pages() -> list[StreamlitPage]:
    """The pages of the app (made per script run: st.Page resolves its file from the run)."""
    return [
        st.Page("pages/overview.py", title=OVERVIEW_TITLE, default=True),
        st.Page("pages/verbs.py", title="Verbs", url_path="verbs"),
        st.Page("pages/addressees.py", title="Addressees", url_path="addressees"),
        st.Page("pages/funding.py", title="Funding", url_path="funding"),
        st.Page("pages/timeline.py", title="Timeline", url_path="timeline"),
        st.Page("pages/trends.py", title="Trends", url_path="trends"),
        st.Page("pages/reports.py", title="Reports due", url_path="reports"),
        st.Page("pages/compare.py", title="Compare", url_path="compare"),
        st.Page("pages/lineage.py", title="Lineage", url_path="lineage"),
        st.Page("pages/explorer.py", title=EXPLORER_TITLE, url_path="explorer"),
        st.Page("pages/upload.py", title="Add documents", url_path="upload"),
    ]
