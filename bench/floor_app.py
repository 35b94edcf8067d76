"""Benchmark floor: a minimal Streamlit page with one plotly chart and one sidebar filter."""

import plotly.graph_objects as go
import streamlit as st

BODIES = ["General Assembly", "Economic and Social Council", "Commission"]
COUNTS = {"General Assembly": 12, "Economic and Social Council": 7, "Commission": 4}

chosen = st.sidebar.multiselect("Acting body", BODIES) or BODIES
st.title("Floor")
st.plotly_chart(go.Figure(go.Bar(x=[COUNTS[b] for b in chosen], y=chosen, orientation="h")),
                key="floor_chart")
