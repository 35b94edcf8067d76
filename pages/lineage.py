"""Lineage: what a document recalls, which later texts recall it, and the most-cited resolutions."""

import re
from functools import partial

import pandas as pd
import streamlit as st

from dashboard import charts, downloads, filters, queries, ui
from dashboard.text import (DocumentName, day, document_name, escape_md, paragraph_ref,
                            paragraph_url, present, source_md, symbol_url)
from etl.rows import CITATION_KIND_LABELS

PAGE = "pages/lineage.py"
PARAM, PICK = "doc", "lineage_doc"
TABS = {"document": "One document", "cited": "Most-cited resolutions"}
TABS_KEY = "lineage_view"
GRAPH = "lineage_graph_{}"  # keyed by the document shown: the next document starts unselected
SHOWN = "_lineage_shown"  # the document the picker showed last
PUBLISHED = "_lineage_published"  # the doc parameter the previous run put in the URL
TOP = 30  # resolutions on the most-cited chart
PARAGRAPHS_SHOWN = 5  # citing paragraphs of the chosen document written out; the rest a table
LINKED_COLUMNS = {
    "document": st.column_config.TextColumn("Document", help="Its symbol, else its file name."),
    "title": st.column_config.TextColumn("Title", width="medium"),
    "citations": st.column_config.NumberColumn(
        "Citations", format="%d", help="Citations linking it with the document above."),
    "paragraphs": st.column_config.NumberColumn(
        "Paragraphs", format="%d", help="Paragraphs carrying those citations."),
    "session": st.column_config.NumberColumn("Session", format="%d"),
    "adopted_on": st.column_config.DateColumn("Adopted", format="D MMM YYYY"),
    "undocs": st.column_config.LinkColumn("Official text", display_text="undocs.org ↗",
                                          help="The text on undocs.org (opens outside)."),
}
MORE_COLUMNS = {
    "reference": st.column_config.TextColumn("Paragraph"),
    "cited_as": st.column_config.TextColumn("Cited as"),
    "text": st.column_config.TextColumn("Text", width="large"),
    "link": st.column_config.LinkColumn("Open", display_text="open ↗",
                                        help="The paragraph in the Explorer."),
}
COUNTED = ("Counted: citations of a resolution in paragraphs and footnotes of other documents in "
           "the database. A citation links two documents when the symbol it cites "
           "(A/RES/79/187, in any case) is the symbol of a document here.")


def plural(n: int, word: str) -> str:
    """'1 citation', '3 citations'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def stem_of(name: DocumentName) -> str:
    """A file name stem for a document's downloads: 'lineage-A-RES-80-229'."""
    return "lineage-" + (re.sub(r"[^A-Za-z0-9]+", "-", name.short).strip("-") or "document")


def most_linked(options: dict[str, str]) -> str | None:
    """The offered document with the most citations linking it to another one, if any."""
    # a walk down the ranking, not Series.isin: isin on arrow strings is a Python loop over
    # every option (57 ms for 5,000 documents), and the first offered one is found at once
    return next((str(d) for d in queries.linked_documents()["document_id"] if d in options),
                None)


def follow(options: dict[str, str]) -> None:
    """Open the document a link (?doc=) or a click on the graph asked for; else keep the one
    shown last (the picker is not drawn while the other tab is open), else the most linked."""
    asked = st.query_params.get(PARAM)
    published = st.session_state.pop(PUBLISHED, None)
    shown = st.session_state.get(SHOWN)
    clicked = [v for chosen in ui.selections(st.session_state.get(GRAPH.format(shown)),
                                             ("document",)) for _, v in chosen]
    if asked in options and asked != published:  # a link followed, or a fresh visit
        st.session_state[PICK] = asked
        # the browser keeps showing the previous URL after a link to the page it is on, and
        # filters.publish() sends only changes: send the URL the link asked for
        st.query_params[PARAM] = asked
        if "view" not in st.query_params:  # a link opens the document's tab
            st.session_state[TABS_KEY] = TABS["document"]
    elif clicked and clicked[0] in options and clicked[0] != shown:
        st.session_state[PICK] = clicked[0]
    elif PICK not in st.session_state and asked is None:
        start = shown if shown in options else most_linked(options)
        if start:
            st.session_state[PICK] = start


def linked_table(rows: pd.DataFrame, counts: pd.Series, names: dict[str, DocumentName],
                 key: str) -> int:
    """The linked documents, one row each, one of them always chosen (the first at the start):
    the position of the chosen one."""
    table = pd.DataFrame({
        "document": [names[d].short for d in rows["document_id"]],
        "title": [names[d].title for d in rows["document_id"]],
        "citations": rows["citations"].to_numpy(),
        "paragraphs": rows["document_id"].map(counts).fillna(0).astype(int).to_numpy(),
        "session": rows["session"].to_numpy(),
        "adopted_on": rows["adopted_on"].to_numpy(),
        "undocs": [names[d].url or "" for d in rows["document_id"]],
    })
    event = st.dataframe(table, hide_index=True, key=key, on_select="rerun",
                         selection_mode="single-row-required", placeholder="",
                         column_config=LINKED_COLUMNS)
    chosen = [i for i in event.selection.rows if 0 <= i < len(rows)]
    return chosen[0] if chosen else 0


def linked(rows: pd.DataFrame, places: pd.DataFrame, names: dict[str, DocumentName],
           key: str) -> None:
    """The linked documents as one table, and below it the one chosen there: a link opening it
    on this page, its facts and its citing paragraphs. A few elements however many are linked."""
    if rows.empty:
        return
    cited = places[places["direction"] == rows["direction"].iloc[0]]
    i = 0
    if len(rows) > 1:
        st.caption(f"{len(rows)} documents, the most cited first. Choose a row to read its "
                   "citing paragraphs below and to open its own lineage.")
        i = linked_table(rows, cited.groupby("other_id").size(), names, key)
    row = rows.iloc[i]
    other = names[row["document_id"]]
    with st.container(border=True, key=f"{key}_chosen"):
        # a page link stays on one line: the symbol, with the title wrapping below it
        st.page_link(PAGE, label=escape_md(other.short), query_params={PARAM: row["document_id"]},
                     icon=":material/account_tree:",
                     help="Open this document's lineage on this page.")
        if other.title and other.title != other.short:
            st.markdown(escape_md(other.title))
        facts = [plural(int(row["citations"]), "citation")]
        if present(row["session"]):
            facts.append(f"session {int(row['session'])}")
        if present(row["adopted_on"]):
            facts.append(f"adopted {day(row['adopted_on'])}")
        facts = [escape_md(f) for f in facts]
        if other.url:
            facts.append(f"[undocs.org ↗]({other.url})")
        st.caption(" · ".join(facts))
        mine = cited[cited["other_id"] == row["document_id"]]
        st.markdown(f"**The citing paragraph{'s' if len(mine) != 1 else ''} ({len(mine)})**")
        citing_paragraphs(mine.head(PARAGRAPHS_SHOWN), names)
        if len(mine) > PARAGRAPHS_SHOWN:
            rest = mine.iloc[PARAGRAPHS_SHOWN:]
            st.caption(f"The other {len(rest)}:")
            st.dataframe(pd.DataFrame({
                "reference": [paragraph_ref(r.instrument_label, r.kind, r.number, r.ordinal)
                              if present(r.paragraph_id) else "a footnote outside the paragraphs"
                              for r in rest.itertuples()],
                "cited_as": rest["cited_as"].to_numpy(),
                "text": rest["text"].fillna(rest["footnote_text"]).to_numpy(),
                "link": [paragraph_url(p) if present(p) else "" for p in rest["paragraph_id"]],
            }), hide_index=True, key=f"{key}_more", placeholder="", column_config=MORE_COLUMNS)


def citing_paragraphs(rows: pd.DataFrame, names: dict[str, DocumentName]) -> None:
    """Paragraphs carrying a citation: reference, how it is cited, link, place, verbatim text."""
    for row in rows.itertuples():
        if not present(row.paragraph_id):  # a footnote that no paragraph refers to
            st.markdown(f"**{escape_md(names[row.citing_id].short)}**, "
                        f"{escape_md(row.cited_as)} (a footnote outside the paragraphs)")
            st.text(row.footnote_text)
            continue
        reference = paragraph_ref(row.instrument_label, row.kind, row.number, row.ordinal)
        source = document_name(row.symbol, row.document_title, row.source_name)
        place = source_md(source, row.page_start, row.page_end, row.line_start, row.line_end,
                          short=True)
        st.markdown(f"**{escape_md(reference)}** · cited as {escape_md(row.cited_as)} · "
                    f"[open ↗]({paragraph_url(row.paragraph_id)}) · {place}")
        st.text(row.text)


def one_document(options: dict[str, str], names: dict[str, DocumentName]) -> None:
    """The chosen document: what it recalls, what recalls it, what it cites from outside."""
    doc = filters.pick("Document", options, PARAM, PICK,
                       help="Type a symbol or words of the title to search.")
    st.session_state[SHOWN] = st.session_state[PUBLISHED] = doc
    name = names[doc]
    st.markdown(f"**{name.markdown()}**")
    links = queries.links(doc)
    places = queries.link_paragraphs(doc)
    outside = queries.not_in_database(doc)
    recalls = links[links["direction"] == "recalls"]
    recalled = links[links["direction"] == "recalled_by"]
    ui.metric_row([
        ("Recalls", len(recalls), "Documents of this database that it cites."),
        ("Recalled by", len(recalled), "Documents of this database that cite it."),
        ("Cited, not in the database", len(outside),
         "Other texts it cites (distinct symbols), listed at the end."),
    ])
    stem = stem_of(name)

    st.subheader("Neighbourhood")
    if links.empty:
        st.info("No citation links this document with another document in the database.")
    else:
        frame = links.assign(label=[names[d].short for d in links["document_id"]],
                             name=[names[d].text for d in links["document_id"]])
        frame = frame[["direction", "document_id", "label", "name", "citations"]]
        fig = ui.figure(partial(charts.lineage_graph, centre=doc, centre_label=name.short,
                                centre_name=name.text,
                                title=f"Citations between {name.short} and the database"),
                        frame)
        st.plotly_chart(fig, key=GRAPH.format(doc), on_select="rerun",
                        selection_mode=("points",), theme=None, config=ui.plot_config(stem))
        st.caption("Arrows point from the citing document to the cited one, wider for more "
                   "citations. Click a document to open it here.")
        downloads.offer(fig, frame, stem, "lineage_neighbourhood")

    st.subheader("Recalls")
    if recalls.empty:
        st.caption("It cites no other document of the database.")
    linked(recalls, places, names, f"lineage_recalls_{doc}")
    st.subheader("Recalled by")
    if recalled.empty:
        st.caption("No document of the database cites it.")
    linked(recalled, places, names, f"lineage_recalled_{doc}")
    if not places.empty:
        downloads.offer_table(places.drop(columns=["instrument_ordinal"]),
                              f"{stem}-citing-paragraphs", "lineage_places",
                              "⬇ CSV of the citing paragraphs")

    st.subheader("Cited but not in the database")
    if outside.empty:
        st.caption("Nothing: every text it cites is in the database." if not recalls.empty
                   else "It cites no other text.")
        return
    table = outside.assign(kind=[CITATION_KIND_LABELS.get(k, k) for k in outside["kind"]],
                           undocs=[symbol_url(s) or "" for s in outside["symbol"]])
    st.dataframe(table[["symbol", "kind", "citations", "as_written", "undocs"]],
                 hide_index=True, key="lineage_outside", column_config={
                     "symbol": st.column_config.TextColumn("Symbol"),
                     "kind": st.column_config.TextColumn("Kind"),
                     "citations": st.column_config.NumberColumn("Times cited"),
                     "as_written": st.column_config.TextColumn("As written", width="large"),
                     "undocs": st.column_config.LinkColumn(
                         "Official text", display_text="undocs.org ↗",
                         help="The text on undocs.org (opens outside)."),
                 })
    downloads.offer_table(table, f"{stem}-not-in-database", "lineage_outside")


def most_cited(scope, names: dict[str, DocumentName]) -> None:
    """The most-cited resolutions, by session of the citing documents, with drill-down."""
    counted = queries.most_cited(scope, TOP)
    in_database = counted["cited_id"].notna()
    bold = " Bold symbols are documents of this database." if in_database.any() else ""
    st.caption(f"The {TOP} resolutions cited most often in the paragraphs the sidebar filters "
               "select (and in their footnotes), each bar split by the session of the citing "
               f"documents.{bold} Click a bar to list the paragraphs that carry those "
               "citations (for a citation in a footnote, each paragraph referring to it).")
    counted = counted.assign(
        in_database=in_database,
        name=[names[d].text if ok and d in names else f"{c} (not in the database)"
              for c, d, ok in zip(counted["cited"], counted["cited_id"], in_database)])
    ui.chart(counted, partial(charts.cited_bars, title=f"The {TOP} most-cited resolutions"),
             key="lineage_cited", stem="most-cited-resolutions", view=queries.CITED_FACTS,
             dims=("cited", "session"), scope=scope,
             labels={"cited": "resolution", "session": "citing documents"})
    for chosen in ui.selections(st.session_state.get("lineage_cited"), ("cited", "session")):
        cited = dict(chosen)["cited"]
        found = counted[(counted["cited"] == cited) & counted["in_database"]]
        if not found.empty:
            st.page_link(PAGE, label=escape_md(f"Open {cited} on the One document tab"),
                         query_params={PARAM: found["cited_id"].iloc[0]},
                         icon=":material/account_tree:")


scope = filters.scope()
st.title("Lineage")
st.caption(COUNTED)
names = queries.document_names()
options = {d: names[d].text for d in sorted(names, key=lambda d: names[d].text)
           if not scope.documents or d in scope.documents}
follow(options)
document_tab, cited_tab = filters.tabs(TABS, "view", TABS_KEY)
if document_tab.open:
    with document_tab:
        if not options:
            st.info("The database holds no documents.")
        else:
            if scope.documents:
                st.caption("Offered: the documents chosen in the sidebar.")
            one_document(options, names)
if cited_tab.open:
    with cited_tab:
        most_cited(scope, names)
