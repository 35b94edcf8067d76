"""Floor page one: a title and one horizontal bar chart."""

import plotly.graph_objects as go
import streamlit as st

VERBS = ["requests", "invites", "encourages", "urges", "decides", "calls upon", "welcomes",
         "notes", "recognizes", "reaffirms", "emphasizes", "stresses"]
st.title("First")
st.plotly_chart(go.Figure(go.Bar(x=list(range(len(VERBS), 0, -1)), y=VERBS, orientation="h"),
                          layout_title_text="First chart"), key="first_chart")
