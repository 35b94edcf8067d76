"""Explorer: full-text search over the paragraphs, and one paragraph with all it links to."""

import re

import streamlit as st

from dashboard import downloads, filters, queries
from dashboard.text import escape_md, paragraph_ref, paragraph_url

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
    table = results.assign(
        reference=[paragraph_ref(r.instrument_label, r.kind, r.number, r.ordinal)
                   for r in results.itertuples()],
        link=[paragraph_url(p) for p in results["paragraph_id"]])
    picked = st.dataframe(
        table[["reference", "kind", "lead_phrase", "text", "addressees", "funding", "link"]],
        hide_index=True, key="explorer_results", on_select="rerun",
        selection_mode="single-row",
        column_config={"reference": "Paragraph", "kind": "Kind", "lead_phrase": "Lead phrase",
                       "text": st.column_config.TextColumn("Verbatim text", width="large"),
                       "addressees": "Addressees", "funding": "Funding wording",
                       "link": st.column_config.LinkColumn("Open", display_text="open ↗")})
    downloads.offer_table(results, "search-results", "explorer_results")
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
    reference = paragraph_ref(row["instrument_label"], row["kind"], row["number"], row["ordinal"])
    st.markdown(f"### {escape_md(reference)}")
    st.markdown(f"{escape_md(row['instrument_title'])} · acting body: "
                f"{escape_md(row['acting_body'] or 'not stated')} · {row['kind']} · "
                f"[link to this paragraph]({paragraph_url(paragraph_id)})")
    st.text(row["text"])
    for item in parts["subparagraphs"].itertuples():
        st.text(f"({item.letter}) {item.text}")
    st.caption(f"Source: {row['source_name']}, lines {row['line_start']}–{row['line_end']} · "
               f"id {paragraph_id} · lead phrase “{row['lead_phrase'] or '—'}”, verb "
               f"“{row['verb'] or '—'}”")
    for name, title in (("addressees", "Addressees"), ("funding", "Funding wording"),
                        ("footnotes", "Footnotes"), ("citations", "Citations"),
                        ("events", "Dates")):
        part = parts[name]
        st.markdown(f"**{title}**" + ("" if not part.empty else " — none"))
        if not part.empty:
            st.dataframe(part, hide_index=True, key=f"explorer_{name}")
