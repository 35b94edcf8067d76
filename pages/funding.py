"""Funding: which mandates depend on which money, and which say nothing about money."""

from functools import partial

import streamlit as st

from dashboard import charts, filters, queries, ui

scope = filters.scope()
st.title("Funding")
st.caption("Funding wording as printed: extrabudgetary (“subject to the availability of "
           "extrabudgetary resources”), regular budget (“within existing resources”, “overall "
           "appropriations”) and invitations to donors.")

by_paragraph = queries.FUNDING_BY_PARAGRAPH
per_instrument = queries.counts(by_paragraph, ("instrument", "condition"), scope)
ui.chart(per_instrument,
         partial(charts.funding_bars, category="instrument", colour="condition",
                 title="Funding conditions per instrument", category_title="Instrument"),
         key="funding_instrument", stem="funding-per-instrument", view=by_paragraph,
         dims=("instrument", "condition"), scope=scope)

st.subheader("Per addressee")
by_addressee = queries.FUNDING_BY_ADDRESSEE
per_addressee = queries.counts(by_addressee, ("addressee", "condition"), scope)
ui.chart(per_addressee,
         partial(charts.funding_bars, category="addressee", colour="condition",
                 title="Funding conditions per addressee", category_title="Addressee"),
         key="funding_addressee", stem="funding-per-addressee", view=by_addressee,
         dims=("addressee", "condition"), scope=scope)

st.subheader("Requests to the Secretary-General and UNODC")
view = queries.SECRETARIAT_REQUESTS
basis = queries.counts(view, ("addressee", "funding_basis"), scope)
total = int(basis["paragraphs"].sum())
extra = int(basis.loc[basis["funding_basis"] == "extrabudgetary", "paragraphs"].sum())
silent = int(basis.loc[basis["funding_basis"] == "no funding wording", "paragraphs"].sum())
ui.metric_row([
    ("Requests", total, "Requests to an addressee in the UN Secretariat and UNODC group."),
    ("Depend on extrabudgetary resources", f"{extra / total:.0%}" if total else "–",
     f"{extra} of {total} requests."),
    ("No funding wording", silent, "Requests whose paragraph says nothing about funding."),
])
ui.chart(basis,
         partial(charts.funding_bars, category="addressee", colour="funding_basis",
                 title="Funding basis of requests to the Secretariat and UNODC",
                 category_title="Addressee"),
         key="funding_secretariat", stem="secretariat-requests-funding", view=view,
         dims=("addressee", "funding_basis"), scope=scope)
if total:
    st.markdown("**Flagged: no funding wording.** These requests carry no funding wording at "
                "all; the flag records an absence, not a judgement.")
    ui.paragraphs(queries.drilldown(view, (("funding_basis", "no funding wording"),), scope),
                  "funding_silent", title="requests with no funding wording")
