"""Explorer: one paragraph with all it links to, and full-text search over the paragraphs."""

import streamlit as st

from dashboard import downloads, filters, pageview, queries, ui, uploads
from dashboard.text import (PRECISION_WORDS, document_facts, document_name, escape_md, paragraph_ref,
                            paragraph_url, present, source_md, symbol_url, with_matches)
from etl import search as etl_search
from etl.lexicon import FUNDING_LABELS
from etl.rows import CITATION_KIND_LABELS

SHOWN_MATCHES = 20  # results shown with their matches highlighted; the table lists them all
PART_TITLES = {"addressees": "Addressees", "funding": "Funding wording", "footnotes": "Footnotes",
               "citations": "Citations", "events": "Dates"}
PART_COLUMNS = {  # the detail tables' columns in words
    "addressee": "Addressee", "addressee_group": "Group", "verb": "Verb", "as_written": "As written",
    "condition": "Funding", "phrase": "Wording", "marker": "Mark", "text": st.column_config.TextColumn(
        "Text", width="large"), "page": "Page", "symbol": "Symbol", "kind": "Kind", "cited_in": "Cited in",
    "label": "Event", "start_date": st.column_config.DateColumn("From", format="D MMM YYYY"),
    "end_date": st.column_config.DateColumn("To", format="D MMM YYYY"), "precision": "Date precision",
    "location": "Place", "line_start": None, "line_end": None,
    "undocs": st.column_config.LinkColumn("Official text", display_text="undocs.org ↗",
                                          help="The cited document on undocs.org (opens outside)."),
}
IN_WORDS = {"condition": FUNDING_LABELS, "kind": CITATION_KIND_LABELS, "precision": PRECISION_WORDS}


def show_paragraph(paragraph_id: str) -> None:
    """The paragraph, where it comes from, and everything linked to it."""
    detail = queries.paragraph_detail(paragraph_id)
    if detail is None:
        own = " It is one of the documents another tab added itself: added documents stay in " \
            "the tab that added them." if uploads.is_yours(paragraph_id) else ""
        st.info(f"Ignored from the URL: no paragraph has the id {paragraph_id!r}.{own}")
        st.session_state.pop("explorer_paragraph", None)
        return
    row, parts = detail.row, detail.parts
    filters.keep("paragraph", paragraph_id)
    document = document_name(row["symbol"], row["document_title"], row["source_name"], row["document_id"])
    reference = paragraph_ref(row["instrument_label"], row["kind"], row["number"], row["ordinal"])
    with st.container(border=True, key="explorer_detail"):
        st.markdown(f"### {escape_md(reference)}")
        st.markdown(document.markdown())
        facts = document_facts(row)
        if facts:
            st.caption(facts)
        # a single resolution's document title is the instrument's title: said once
        same = row["instrument_title"] == document.title
        about = [] if same else [escape_md(row["instrument_title"])]
        body = row["acting_body"] if present(row["acting_body"]) else "not stated"
        about += [f"acting body: {escape_md(body)}", row["kind"]]
        if present(row["part"]):
            about.append(f"part {escape_md(row['part'])}")
        st.markdown(" · ".join(about) + f" · [link to this paragraph]({paragraph_url(paragraph_id)})")
        st.text(row["text"])
        for item in parts["subparagraphs"].itertuples():
            st.text(f"({item.letter}) {item.text}")
        source = source_md(document, row["page_start"], row["page_end"], row["line_start"], row["line_end"])
        lead, verb = (escape_md(row[c]) if present(row[c]) else "—" for c in ("lead_phrase", "verb"))
        st.caption(f"Source: {source} · id {escape_md(paragraph_id)} · lead phrase “{lead}”, verb “{verb}”")
        pageview.show(detail, "explorer_pageview")
        for name, title in PART_TITLES.items():
            part = ui.with_pages(parts[name]) if name == "footnotes" else parts[name]
            part = part.drop(columns=["boxes"], errors="ignore")  # the page view draws them
            if name == "citations" and not part.empty:  # each cited symbol's official text
                part.insert(1, "undocs", [symbol_url(s) or "" for s in part["symbol"]])
            st.markdown(f"**{title}**" + ("" if not part.empty else " — none"))
            if not part.empty:
                for column, words in IN_WORDS.items():
                    if column in part.columns:
                        part = part.assign(**{column: [words.get(v, v) for v in part[column]]})
                st.dataframe(ui.blank_missing(part), hide_index=True, key=f"explorer_{name}",
                             column_config={c: PART_COLUMNS.get(c, c) for c in part.columns})


scope = filters.scope()
st.title("Explorer")
# a paragraph opened from a link or a drill-down comes first, above the search
paragraph_id = filters.remembered("paragraph", "explorer_paragraph")
if paragraph_id:
    show_paragraph(paragraph_id)

query = filters.text("Search the paragraphs", "q", "explorer_q",
                     placeholder='Words that must all appear, or "an exact phrase"')
terms, _ = etl_search.query_parts(query)
results, total = queries.search(scope, query)
listed = f"; the first {len(results)} are listed" if total > len(results) else ""
order = ", best match first" if terms else ""
st.caption(f"{total} paragraph{'s' if total != 1 else ''} match the search and the sidebar "
           f"filters{listed}{order}. A paragraph matches when it or its lettered items hold every word "
           "and every \"quoted phrase\"; case, accents and hyphens do not matter (“extra-budgetary” "
           "finds “extrabudgetary”).")
if results.empty:
    st.info("No paragraph matches. Try fewer words or use **Reset filters** in the sidebar.")
else:
    table = ui.paragraph_table(results)
    if terms:
        for row in table.head(SHOWN_MATCHES).itertuples():
            st.markdown(f"**{escape_md(row.reference)}** · {escape_md(row.document)} · [open ↗]({row.link})  \n"
                        f"{with_matches(row.text, terms)}")
        if len(table) > SHOWN_MATCHES:
            st.caption(f"Matches highlighted in the first {SHOWN_MATCHES}; the table lists all {len(table)}.")
    picked = st.dataframe(
        table[["reference", "document", "kind", "lead_phrase", "text", "addressees", "funding",
               "where", "link", "undocs"]],
        hide_index=True, key="explorer_results", on_select="rerun",
        selection_mode="single-row", column_config=ui.PARAGRAPH_TABLE_COLUMNS)
    downloads.offer_table(ui.with_documents(results), "search-results", "explorer_results")
    rows = picked["selection"]["rows"] if picked else []
    if rows and results["paragraph_id"].iloc[rows[0]] != paragraph_id:
        st.session_state["explorer_paragraph"] = results["paragraph_id"].iloc[rows[0]]
        st.rerun()  # the chosen paragraph is shown first
    if not paragraph_id:
        st.caption("Select a row to open its paragraph, or open one from any chart's drill-down.")
