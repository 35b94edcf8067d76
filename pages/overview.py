"""Overview: what the report is, headline figures, the instruments and a reader view."""

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import downloads, filters, queries, ui
from dashboard.text import escape_md, highlighted

scope = filters.scope()
today = date.today()
st.title("Resolution Explorer")
st.markdown(
    "Who is asked to do what, in which words, with what money, and by when — read from the "
    "report without the PDF, every answer backed by the verbatim paragraph.")

documents = queries.document_summary(scope)
if len(documents) <= 3:
    for doc in documents.itertuples():
        st.markdown(f"**{escape_md(doc.title)}** — {escape_md(doc.source_name)}, "
                    f"{doc.instruments} instruments, {doc.n_lines} lines")
else:
    st.markdown(f"**{len(documents)} documents**")
    st.dataframe(documents, hide_index=True, key="overview_documents", height=200)

head = queries.headline(scope)
coming = queries.upcoming_events(scope, today)
ui.metric_row([
    ("Instruments", head["instruments"], "Resolutions and decisions, draft or adopted."),
    ("Preambular ¶", head["preambular"], "Paragraphs that recall, note, recognize …"),
    ("Operative ¶", head["operative"], "Paragraphs that decide, request, invite …"),
    ("Requests", head["requests"], "Paragraphs in which someone is requested to act."),
    ("Funding-conditioned", head["funding_conditioned"],
     "Operative paragraphs tied to extrabudgetary resources or the regular budget."),
])
starting = coming[coming["start_date"] >= pd.Timestamp(today)]
if not starting.empty:
    first = starting.iloc[0]
    st.markdown(f"**Next upcoming event:** {escape_md(first['label'])} — "
                f"{escape_md(first['phrase'])} ({first['start_date']:%d %B %Y}, "
                f"date precision: {first['precision']})")
else:
    st.markdown(f"**Next upcoming event:** none — no planned event in the report starts after "
                f"today ({today:%d %B %Y}); the 2025–2026 Congress cycle is behind us.")
    if not coming.empty:
        st.caption("Still open: " + "; ".join(
            f"{escape_md(r.label)} ({r.precision} dates, until {r.end_date:%d %B %Y})"
            for r in coming.itertuples()) + ".")

st.subheader("Instruments")
table = queries.instrument_table(scope)
if table.empty:
    st.info(ui.EMPTY)
else:
    st.dataframe(
        table.drop(columns=["instrument_id", "ordinal"]), hide_index=True, key="overview_table",
        column_config={"document_id": "Document", "label": "Instrument", "title": "Title",
                       "acting_body": "Acting body", "recommended_to": "Recommended to",
                       "status": "Status", "preambular": "Preambular ¶",
                       "operative": "Operative ¶", "requests": "Requests",
                       "with_funding_wording": "¶ with funding wording"})
    downloads.offer_table(table, "instruments", "overview_instruments")

    st.subheader("Reader")
    choices = {r.instrument_id: f"{r.label} — {r.title}" for r in table.itertuples()}
    chosen = filters.pick("Instrument to read", choices, "reader", "overview_reader")
    st.caption("Every paragraph of the instrument in printed order, lead phrase in bold; "
               "who is addressed and any funding wording on the right.")
    paragraphs = queries.reader(chosen)
    lettered = queries.subparagraphs(chosen)
    for row in paragraphs.itertuples():
        left, right = st.columns([3, 1], gap="medium")
        number = f"{row.number}. " if isinstance(row.number, str) else ""
        left.markdown(f"{escape_md(number)}{highlighted(row.lead_phrase, row.text)}")
        for item in lettered[lettered["paragraph_id"] == row.paragraph_id].itertuples():
            left.markdown(f"({escape_md(item.letter)}) {escape_md(item.text)}")
        if row.addressees:
            right.caption(f"Addressed: {escape_md(row.addressees)}")
        if row.funding:
            right.caption(f"Funding: {escape_md(row.funding)}")

st.subheader("Data")
left, right = st.columns(2)
left.download_button("⬇ Whole database (.duckdb)", queries.database_bytes, "resolutions.duckdb",
                     "application/octet-stream", key="overview_db", on_click="ignore")
right.download_button("⬇ Every table as CSV (.zip)", queries.tables_zip, "resolutions-csv.zip",
                      "application/zip", key="overview_zip", on_click="ignore")
