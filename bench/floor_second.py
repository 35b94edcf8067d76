"""Floor page two: a title and one horizontal bar chart."""

import plotly.graph_objects as go
import streamlit as st

GROUPS = ["Member States", "Secretary-General", "UNODC", "Commission", "Civil society",
          "Donors", "Regional bodies", "Other"]
st.title("Second")
st.plotly_chart(go.Figure(go.Bar(x=list(range(len(GROUPS), 0, -1)), y=GROUPS, orientation="h"),
                          layout_title_text="Second chart"), key="second_chart")
