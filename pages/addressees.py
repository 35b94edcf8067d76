"""Addressees: who is asked, by which verbs, and in which instruments."""

import streamlit as st

from dashboard import filters, queries, ui
from dashboard.text import REQUESTS_RULE

scope = filters.scope()
view = queries.ADDRESSEE_ACTS
st.title("Addressees")
mode = filters.choice("Count", {"requests": "Requests", "all": "Every directive verb"},
                      "count", "addressees_count", "requests")
asked = scope.narrowed("verbs", ("request",)) if mode == "requests" else scope
noun = "Requests" if mode == "requests" else "Paragraphs addressing the actor"
st.caption((REQUESTS_RULE if mode == "requests" else "Operative paragraphs in which a directive verb "
            "(request, urge, call upon, encourage, invite, decide, authorize) addresses the actor.")
           + " A paragraph addressing two actors counts once for each, so the bars can add up to "
             "more than the Overview's figure.")

each, group, mix, instrument = filters.tabs(
    {"addressee": "Per addressee", "group": "Per addressee group",
     "verbs": "What each addressee is asked to do", "instrument": "Per instrument"},
    "view", "addressees_view")
if each.open:
    with each:
        ui.bars(view, ("addressee", "addressee_group"), asked, title=f"{noun} per addressee",
                axis="Addressee", value_title=noun, key="addressees_each",
                stem="requests-per-addressee")
if group.open:
    with group:
        ui.bars(view, ("addressee_group",), asked, title=f"{noun} per addressee group",
                axis="Addressee group", value_title=noun, key="addressees_group",
                stem="requests-per-group")
if mix.open:
    with mix:
        st.caption("Every directive verb, whatever the Count choice above.")
        ui.bars(view, ("addressee", "verb"), scope, title="Verb mix per addressee",
                axis="Addressee", key="addressees_mix", stem="verb-mix-per-addressee")
if instrument.open:
    with instrument:
        ui.bars(view, ("addressee", "instrument"), asked,
                title=f"{noun} per addressee and instrument", axis="Addressee",
                value_title=noun, key="addressees_instrument", stem="requests-per-instrument")
