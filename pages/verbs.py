"""Verbs: which verbs the paragraphs use, and which verbs address whom."""

from functools import partial

import streamlit as st

from dashboard import charts, filters, queries, ui
from dashboard.text import LEAD_VERB_RULE

scope = filters.scope()
st.title("Verbs")
by_verb, by_addressee = filters.tabs({"verbs": "Clauses by verb",
                                      "addressees": "Verb × addressee"}, "view", "verbs_view")
if by_verb.open:
    with by_verb:
        kinds = filters.choice("Paragraphs", {"operative": "Operative",
                                              "preambular": "Preambular", "both": "Both"},
                               "clauses", "verbs_clauses", "operative")
        layout = filters.choice("Instruments", {"stack": "Coloured (stacked)",
                                                "split": "Split (side by side)"},
                                "layout", "verbs_layout", "stack")
        st.caption(LEAD_VERB_RULE)
        label = "Operative and preambular" if kinds == "both" else kinds.capitalize()
        ui.bars(queries.VERB_CLAUSES, ("verb", "instrument"),
                scope.narrowed("kinds",
                               ("operative", "preambular") if kinds == "both" else (kinds,)),
                title=f"{label} paragraphs by lead verb", axis="Lead verb", key="verbs_bars",
                stem="paragraphs-by-verb", grouped=layout == "split")

if by_addressee.open:
    with by_addressee:
        st.caption(f"Each cell counts the paragraphs in which the verb addresses the actor (darker: fewer). "
                   f"The number beside each verb is its directive level. {charts.DIRECTIVE_NOTE}: "
                   "7 decide/authorize > 6 request > 5 urge > 4 call upon > 3 encourage > 2 invite > "
                   "1 note/welcome/other.")
        fold = {"addressee": ui.MAX_BARS}
        cells = queries.counts(queries.ADDRESSEE_ACTS, ("verb", "directive_level", "addressee"),
                               scope, fold=fold)
        ui.chart(cells, partial(charts.verb_addressee_heatmap), key="verbs_heatmap",
                 stem="verb-by-addressee", view=queries.ADDRESSEE_ACTS, dims=("verb", "addressee"),
                 scope=scope, fold=fold)
