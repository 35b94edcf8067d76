"""Benchmark floor: a two-page Streamlit app, one plotly chart per page (bench/bench_pages.py).

The same router as app.py (st.navigation, wide layout), with nothing else: what any Streamlit
page with one chart costs on this machine.
"""

import streamlit as st

st.set_page_config(page_title="Floor", layout="wide")
st.navigation([st.Page("floor_first.py", title="First", default=True),
               st.Page("floor_second.py", title="Second", url_path="second")]).run()
