"""Addressees: who is asked, by which verbs, and in which instruments."""

from functools import partial

import streamlit as st

from dashboard import charts, filters, queries, ui

scope = filters.scope()
view = queries.ADDRESSEE_ACTS
st.title("Addressees")
mode = filters.choice("Count", {"requests": "Requests", "all": "Every directive verb"},
                      "count", "addressees_count", "requests")
asked = scope.narrowed("verbs", ("request",)) if mode == "requests" else scope
noun = "Requests" if mode == "requests" else "Paragraphs addressing the actor"
bars = partial(charts.horizontal_bars, value_title=noun)

per_addressee = queries.counts(view, ("addressee", "addressee_group"), asked)
ui.chart(per_addressee,
         partial(bars, category="addressee", title=f"{noun} per addressee",
                 category_title="Addressee", colour="addressee_group"),
         key="addressees_each", stem="requests-per-addressee", view=view,
         dims=("addressee", "addressee_group"), scope=asked)

st.subheader("Per addressee group")
per_group = queries.counts(view, ("addressee_group",), asked)
ui.chart(per_group,
         partial(bars, category="addressee_group", title=f"{noun} per addressee group",
                 category_title="Addressee group"),
         key="addressees_group", stem="requests-per-group", view=view,
         dims=("addressee_group",), scope=asked)

st.subheader("What each addressee is asked to do")
mix = queries.counts(view, ("addressee", "verb"), scope)
ui.chart(mix,
         partial(charts.horizontal_bars, category="addressee", title="Verb mix per addressee",
                 category_title="Addressee", colour="verb"),
         key="addressees_mix", stem="verb-mix-per-addressee", view=view,
         dims=("addressee", "verb"), scope=scope)

st.subheader("Per instrument")
per_instrument = queries.counts(view, ("addressee", "instrument"), asked)
ui.chart(per_instrument,
         partial(bars, category="addressee", title=f"{noun} per addressee and instrument",
                 category_title="Addressee", colour="instrument"),
         key="addressees_instrument", stem="requests-per-instrument", view=view,
         dims=("addressee", "instrument"), scope=asked)
