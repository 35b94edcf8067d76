"""Overview: what the report is, headline figures, the instruments and a reader view."""

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import downloads, filters, pageview, queries, ui
from dashboard.timeline_chart import when_words
from dashboard.text import (FUNDING_RULE, REQUESTS_RULE, document_facts, document_name, escape_md,
                            highlighted, instrument_name, paragraph_ref, paragraph_url)
from etl.lexicon import FUNDING_LABELS

scope = filters.scope()
today = date.today()
STATE_OPENED = "overview_opened_document"  # the documents table's row last opened in the Reader
st.title("Overview")
st.markdown(
    "Who is asked to do what, in which words, with what money, and by when — read from the "
    "report without the PDF, every answer backed by the verbatim paragraph.")

documents = ui.with_documents(queries.document_summary(scope))
if len(documents) == 1:
    doc = documents.iloc[0]
    name = document_name(doc["symbol"], doc["document_title"], doc["source_name"], doc["document_id"])
    # without a symbol the name is the file's: the title is said beside it
    title = "" if name.symbol else f" — {escape_md(name.title)}"
    size = (f"{doc['pages']} page{'s' if doc['pages'] != 1 else ''}"
            if doc["file_format"] == "pdf" else f"{doc['n_lines']} lines")
    st.markdown(f"**{name.markdown()}**{title}, {doc['instruments']} "
                f"instrument{'s' if doc['instruments'] != 1 else ''}, {size}")
    facts = document_facts(doc)
    if facts:
        st.caption(facts)

# the headline figures next: what the selection holds, before the tables that list it
head = queries.headline(scope)
coming = queries.upcoming_events(scope, today)
ui.metric_row([
    ("Instruments", head["instruments"], "Resolutions and decisions, draft or adopted."),
    ("Preambular ¶", head["preambular"], "Paragraphs that recall, note, recognize …"),
    ("Operative ¶", head["operative"], "Paragraphs that decide, request, invite …"),
    ("Requests", head["requests"], REQUESTS_RULE),
    ("With funding wording", head["with_funding"], FUNDING_RULE),
])
starting = coming[coming["start_date"] >= pd.Timestamp(today)]
if not starting.empty:
    first = starting.iloc[0]
    st.markdown(f"**Next upcoming event:** {escape_md(first['label'])} — "
                f"{escape_md(first['phrase'])} "
                f"({escape_md(when_words(first['start_date'], first['end_date'], first['precision']))})")
else:
    st.markdown(f"**Next upcoming event:** none — no planned event in the selected documents "
                f"starts after today ({today.day} {today:%B %Y}).")
    if not coming.empty:
        st.caption("Still open: " + "; ".join(
            f"{escape_md(r.label)} ({escape_md(when_words(r.start_date, r.end_date, r.precision))})"
            for r in coming.itertuples()) + ".")

if len(documents) > 1:
    st.markdown(f"**{len(documents)} documents** — select a row to read it below.")
    shown = documents.fillna({c: "" for c in ("doc_type", "committee", "agenda")})
    columns = ["undocs", "document_title", "doc_type", "committee", "agenda", "adopted_on",
               "preambular", "operative", "requests", "words", "source_name"]
    if shown["yours"].any():
        columns.insert(2, "yours")
    picked = st.dataframe(
        shown[columns], hide_index=True, key="overview_documents", on_select="rerun",
        selection_mode="single-row", height=min(38 + 35 * len(documents), 420),
        column_config={
            "undocs": st.column_config.LinkColumn(
                "Symbol", display_text=r"https://undocs\.org/(.+)",
                help="The document on undocs.org (opens outside)."),
            "document_title": st.column_config.TextColumn("Title", width="medium"),
            "yours": st.column_config.CheckboxColumn("Yours", help="One of the documents you added."),
            "doc_type": "Type", "committee": "Committee", "agenda": "Agenda item",
            "adopted_on": st.column_config.DateColumn("Adopted", format="D MMM YYYY"),
            "preambular": "Preambular ¶", "operative": "Operative ¶",
            "requests": st.column_config.NumberColumn("Requests", help=REQUESTS_RULE),
            "words": st.column_config.NumberColumn("Words", help="Words of the paragraphs in scope."),
            "source_name": "File"})
    downloads.offer_table(documents, "documents", "overview_documents")
    rows = picked.selection.rows if picked else []
    chosen_document = shown.iloc[rows[0]]["document_id"] if rows else None
    # a newly selected row opens its document's first instrument in the Reader (once: the Reader
    # stays free to choose another)
    if chosen_document and st.session_state.get(STATE_OPENED) != chosen_document:
        st.session_state[STATE_OPENED] = chosen_document
        first = queries.first_instrument(str(chosen_document))
        if first:
            st.session_state["overview_reader"] = first

st.subheader("Instruments")
table = queries.instrument_table(scope)
if table.empty:
    st.info(ui.EMPTY)
else:
    table = ui.with_documents(table).fillna({"acting_body": "not stated", "recommended_to": ""})
    # the counts beside the instrument's name, where a 1280 px screen shows them; the document
    # only when there are several
    columns = ["label", "preambular", "operative", "requests", "with_funding_wording", "acting_body",
               "status", "title", "recommended_to"]
    if table["document_id"].nunique() > 1:
        columns += ["document", "undocs"]
    st.dataframe(
        table[columns],
        hide_index=True, key="overview_table",
        column_config={"label": "Instrument", "title": st.column_config.TextColumn("Title", width="medium"),
                       "acting_body": "Acting body", "recommended_to": "Recommended to",
                       "status": "Status", "preambular": "Preambular ¶",
                       "operative": "Operative ¶",
                       "requests": st.column_config.NumberColumn("Requests", help=REQUESTS_RULE),
                       "with_funding_wording": st.column_config.NumberColumn(
                           "With funding wording", help=FUNDING_RULE)} | ui.DOCUMENT_COLUMNS)
    downloads.offer_table(table.drop(columns=["ordinal"]), "instruments", "overview_instruments")

    st.subheader("Reader")
    if table["document_id"].nunique() > 1:  # each named with its document, as the filter does
        labels = queries.filter_options()["instruments"]
        choices = {i: labels[i] for i in table["instrument_id"]}
    else:
        choices = {r.instrument_id: instrument_name(r.label, r.title, None)
                   for r in table.itertuples()}
    chosen = filters.pick("Instrument to read", choices, "reader", "overview_reader")
    st.caption("Every paragraph of the instrument in printed order, lead phrase in bold, who "
               "is addressed and any funding wording below it, and a link that opens it in the "
               "Explorer; choose one to see it on its page of the PDF or in its source lines.")
    formats = dict(zip(documents["document_id"], documents["file_format"]))
    held_in = dict(zip(table["instrument_id"], table["document_id"]))
    label = dict(zip(table["instrument_id"], table["label"])).get(chosen, "")
    paragraphs = queries.reader(chosen)
    lettered = queries.subparagraphs(chosen)
    pageview.offer_one({r.paragraph_id: paragraph_ref(label, r.kind, r.number, r.ordinal)
                        for r in paragraphs.itertuples()},
                       formats.get(held_in.get(chosen)) == "pdf", "overview_reader_page")
    items: dict[str, list[str]] = {}
    for item in lettered.itertuples():
        items.setdefault(item.paragraph_id, []).append(
            f"({escape_md(item.letter)}) {escape_md(item.text)}")
    # one element per paragraph (its items and notes inside): a long instrument stays quick to draw
    for row in paragraphs.itertuples():
        number = f"{row.number}. " if isinstance(row.number, str) else ""
        parts = [f"{escape_md(number)}{highlighted(row.lead_phrase, row.text)}"]
        parts += items.get(row.paragraph_id, [])
        notes = [f"Addressed: {escape_md(row.addressees)}"] if row.addressees else []
        if len(row.funding_kinds):
            notes.append("Funding: " + "; ".join(
                f"{escape_md(FUNDING_LABELS.get(kind, kind))} (“{escape_md(phrase)}”)"
                for kind, phrase in zip(row.funding_kinds, row.funding_phrases)))
        notes.append(f"[open ↗]({paragraph_url(row.paragraph_id)})")
        # the notes on the line below the paragraph's last line, small and grey
        st.markdown("\n\n".join(parts) + "  \n:small[:gray[" + " · ".join(notes) + "]]")

st.subheader("Data")
left, right = st.columns(2)
left.download_button("⬇ Whole database (.duckdb)", queries.database_bytes, "resolutions.duckdb",
                     "application/octet-stream", key="overview_db", on_click="ignore")
right.download_button("⬇ Every table as CSV (.zip)", queries.tables_zip(), "resolutions-csv.zip",
                      "application/zip", key="overview_zip", on_click="ignore")
