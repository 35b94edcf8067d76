"""Funding: which mandates depend on which money, and which say nothing about money."""

import streamlit as st

from dashboard import filters, queries, ui
from dashboard.text import FUNDING_RULE

scope = filters.scope()
st.title("Funding")
st.caption(f"{FUNDING_RULE} The Overview's “With funding wording” counts the same paragraphs.")

per_instrument, per_addressee, secretariat = filters.tabs(
    {"instrument": "Per instrument", "addressee": "Per addressee",
     "secretariat": "Requests to the Secretary-General and UNODC"}, "view", "funding_view")
if per_instrument.open:
    with per_instrument:
        ui.bars(queries.FUNDING_BY_PARAGRAPH, ("instrument", "condition"), scope,
                title="Funding conditions per instrument", axis="Instrument",
                key="funding_instrument", stem="funding-per-instrument")
if per_addressee.open:
    with per_addressee:
        ui.bars(queries.FUNDING_BY_ADDRESSEE, ("addressee", "condition"), scope,
                title="Funding conditions per addressee", axis="Addressee",
                key="funding_addressee", stem="funding-per-addressee")
if secretariat.open:
    with secretariat:
        view = queries.SECRETARIAT_REQUESTS
        basis = queries.counts(view, ("addressee", "funding_basis"), scope)
        total = int(basis["paragraphs"].sum())
        extra = int(basis.loc[basis["funding_basis"] == "extrabudgetary", "paragraphs"].sum())
        silent = int(basis.loc[basis["funding_basis"] == "no funding wording",
                               "paragraphs"].sum())
        ui.metric_row([
            ("Requests", total,
             "Requests to an addressee in the UN Secretariat and UNODC group."),
            ("Depend on extrabudgetary resources", f"{extra / total:.0%}" if total else "–",
             f"{extra} of {total} requests."),
            ("No funding wording", silent,
             "Requests whose paragraph says nothing about funding."),
        ])
        ui.bars(view, ("addressee", "funding_basis"), scope, counted=basis,
                title="Funding basis of requests to the Secretariat and UNODC", axis="Addressee",
                key="funding_secretariat", stem="secretariat-requests-funding")
        if silent:
            flagged = st.expander(f"Flagged: {silent} requests with no funding wording",
                                  key="funding_flagged", on_change="rerun")
            if flagged.open:  # listed only when opened: it can run to thousands of paragraphs
                with flagged:
                    st.caption("These requests carry no funding wording at all; the flag "
                               "records an absence, not a judgement.")
                    silent_rows = queries.drilldown(
                        view, (("funding_basis", "no funding wording"),), scope)
                    ui.paragraphs(silent_rows, "funding_silent",
                                  title="requests with no funding wording")
