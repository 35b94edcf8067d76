"""Explorer: full-text search over the paragraphs, and one paragraph with all it links to."""

import re

import streamlit as st

from dashboard import downloads, filters, queries, ui
from dashboard.text import (document_facts, document_name, escape_md, paragraph_ref,
                            paragraph_url, present, source_md)

scope = filters.scope()
st.title("Explorer")
query = filters.text("Search the paragraphs", "q", "explorer_q",
                     placeholder='Words that must all appear, or "an exact phrase"')
terms = tuple(a or b for a, b in re.findall(r'"([^"]+)"|(\S+)', query))
results, total = queries.search(scope, terms)
listed = f"; the first {len(results)} are listed." if total > len(results) else "."
st.caption(f"{total} paragraph{'s' if total != 1 else ''} match the search and the sidebar "
           f"filters{listed}")
if results.empty:
    st.info("No paragraph matches. Try fewer words or use **Reset filters** in the sidebar.")
else:
    table = ui.paragraph_table(results)
    picked = st.dataframe(
        table[["reference", "document", "kind", "lead_phrase", "text", "addressees", "funding",
               "where", "link", "undocs"]],
        hide_index=True, key="explorer_results", on_select="rerun",
        selection_mode="single-row", column_config=ui.PARAGRAPH_TABLE_COLUMNS)
    downloads.offer_table(ui.with_documents(results), "search-results", "explorer_results")
    rows = picked["selection"]["rows"] if picked else []
    if rows:
        st.session_state["explorer_paragraph"] = results["paragraph_id"].iloc[rows[0]]

paragraph_id = filters.remembered("paragraph", "explorer_paragraph")
st.subheader("Paragraph")
detail = queries.paragraph_detail(paragraph_id) if paragraph_id else None
if paragraph_id and detail is None:
    st.info(f"Ignored from the URL: no paragraph has the id {paragraph_id!r}.")
    st.session_state.pop("explorer_paragraph", None)
elif detail is None:
    st.caption("Select a row above, or open a paragraph from any chart's drill-down.")
else:
    row, parts = detail.row, detail.parts
    filters.keep("paragraph", paragraph_id)
    document = document_name(row["symbol"], row["document_title"], row["source_name"])
    reference = paragraph_ref(row["instrument_label"], row["kind"], row["number"], row["ordinal"])
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
    source = source_md(document, row["page_start"], row["page_end"], row["line_start"],
                       row["line_end"])
    lead, verb = (escape_md(row[c]) if present(row[c]) else "—" for c in ("lead_phrase", "verb"))
    st.caption(f"Source: {source} · id {escape_md(paragraph_id)} · lead phrase “{lead}”, "
               f"verb “{verb}”")
    for name, title in (("addressees", "Addressees"), ("funding", "Funding wording"),
                        ("footnotes", "Footnotes"), ("citations", "Citations"),
                        ("events", "Dates")):
        part = ui.with_pages(parts[name]) if name == "footnotes" else parts[name]
        st.markdown(f"**{title}**" + ("" if not part.empty else " — none"))
        if not part.empty:
            st.dataframe(part, hide_index=True, key=f"explorer_{name}")
