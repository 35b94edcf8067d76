"""Trends: committees, sessions and agenda items side by side."""

import streamlit as st

from dashboard import downloads, filters, queries, ui
from dashboard.text import FUNDING_RULE, REQUESTS_RULE

GROUPINGS = {dim: label + "s" for dim, (label, _) in queries.TREND_GROUPINGS.items()}
SUMMARY_COLUMNS = {
    "documents": st.column_config.NumberColumn("Documents"),
    "operative": st.column_config.NumberColumn("Operative ¶"),
    "requests": st.column_config.NumberColumn("Requests", help=REQUESTS_RULE),
    "extrabudgetary": st.column_config.NumberColumn(
        "Extrabudgetary", help="Operative paragraphs subject to extrabudgetary resources."),
    "regular_budget": st.column_config.NumberColumn(
        "Regular budget", help="Operative paragraphs with regular-budget wording (and none "
                               "extrabudgetary), 'within existing resources' among them."),
    "no_funding": st.column_config.NumberColumn(
        "No funding wording", help="Operative paragraphs that say nothing about money."),
    "within_existing": st.column_config.NumberColumn(
        "Within existing resources", help="Operative paragraphs whose funding wording is "
                                          "'within existing resources'."),
    "words_per_document": st.column_config.NumberColumn("Words per document"),
}

scope = filters.scope()
st.title("Trends")
st.caption("Committees, sessions and agenda items side by side, under the sidebar filters. "
           "Each figure counts paragraphs; click a bar for the paragraphs behind it.")

grouping = filters.choice("Compare", GROUPINGS, "by", "trends_by", "committee")
label = queries.TREND_GROUPINGS[grouping][0]
summary = queries.trend_summary(grouping, scope)
if summary.empty:
    st.info(ui.EMPTY)
    st.stop()

shares = summary.copy()
for column in ("extrabudgetary", "regular_budget", "no_funding"):
    shares[column + "_share"] = (shares[column] / shares["operative"].where(shares["operative"] > 0)).round(3)
st.dataframe(
    shares.rename(columns={"group": label}), hide_index=True, width="stretch",
    column_config=SUMMARY_COLUMNS | {
        f"{c}_share": st.column_config.ProgressColumn(f"{title} share", format="percent", min_value=0,
                                                      max_value=1)
        for c, title in (("extrabudgetary", "Extrabudgetary"), ("regular_budget", "Regular budget"),
                         ("no_funding", "No funding"))})
downloads.offer_table(shares, f"trends-by-{grouping}", "trends_summary", label="⬇ Table (CSV)")

operative, requests, funding, existing = filters.tabs(
    {"operative": "Operative paragraphs", "requests": "Requests per addressee group",
     "funding": "Funding basis", "existing": "Within existing resources"}, "view", "trends_view")
if operative.open:
    with operative:
        ui.bars(queries.trend_view("operative", grouping), (grouping,), scope,
                title=f"Operative paragraphs per {label.lower()}", axis=label,
                key="trends_operative", stem=f"operative-per-{grouping}")
if requests.open:
    with requests:
        st.caption(f"{REQUESTS_RULE} A paragraph that requests two groups is in both bars.")
        ui.bars(queries.trend_view("requests", grouping), (grouping, "addressee_group"), scope,
                title=f"Requests per addressee group and {label.lower()}", axis=label,
                key="trends_requests", stem=f"requests-per-{grouping}")
if funding.open:
    with funding:
        st.caption(f"{FUNDING_RULE} A paragraph with extrabudgetary and regular-budget wording "
                   "counts as extrabudgetary.")
        ui.bars(queries.trend_view("funding", grouping), (grouping, "funding_basis"), scope,
                title=f"Operative paragraphs by funding basis and {label.lower()}", axis=label,
                key="trends_funding", stem=f"funding-basis-per-{grouping}")
if existing.open:
    with existing:
        st.caption("Operative paragraphs whose funding wording is 'within existing resources' "
                   "(as the funding conditions found it).")
        ui.bars(queries.trend_view("within_existing", grouping), (grouping,), scope,
                title=f"'Within existing resources' per {label.lower()}", axis=label,
                key="trends_existing", stem=f"within-existing-per-{grouping}")
