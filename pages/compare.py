"""Compare: two instruments paragraph by paragraph, what changed and what it does to the mandates."""

from functools import partial

import streamlit as st

from dashboard import charts, downloads, filters, queries, redline, ui
from dashboard.text import compare_url, escape_md, paragraph_url
from etl import compare

RELATION_WORDS = {  # (relation, the other instrument is the newer one) -> what it is to the chosen one
    ("adopted_text", True): "its adopted text", ("adopted_text", False): "its draft",
    ("series", True): "the same resolution, a later session", ("series", False): "the same resolution, an earlier session",
}
VIEWS = {"side": "Side by side", "redline": "Redline", "summary": "Summary"}
# paragraphs drawn at once: a hundred boxes of two columns each take the browser about half a
# second to draw (bench/profile_pages.py); the rest are a choice away, and all in the downloads
PARAGRAPHS_AT_ONCE = 20

# first, as on every page (a deep link on a fresh server is routed through app.py); the sidebar
# filters do not narrow a comparison of two texts chosen by name
filters.scope()
st.title("Compare")
st.caption("Two texts paragraph by paragraph, aligned by content (not by number): each paragraph is "
           "unchanged (apart from spaces, footnote marks, quotes and hyphens), amended, moved, added or "
           "deleted. Mandate-level changes: the lead verb and its directive level, addressees, funding "
           "wording, dates and sessions, reports asked for.")
names = queries.filter_options().get("instruments", {})
pick_old, pick_new = st.columns(2)
with pick_old:
    old_id = filters.pick("Earlier text", names, "old", "compare_old", index=None,
                          placeholder="Type a symbol or a title")
with pick_new:
    new_id = filters.pick("Later text", names, "new", "compare_new", index=None,
                          placeholder="Type a symbol or a title")


def _take(old: str, new: str) -> None:
    st.session_state["compare_old"], st.session_state["compare_new"] = old, new


chosen = old_id or new_id
if chosen:
    proposals = queries.counterparts(chosen)
    proposals = proposals[~proposals["other_id"].isin([old_id, new_id])]
    if not proposals.empty:
        st.markdown(f"**Counterparts the app found for {escape_md(names.get(chosen, chosen))}**")
        st.caption("Found from the texts: the same title and paragraphs found word for word. "
                   "Confidence = the mean of the two similarities; pairs below 60 % are not proposed.")
        for row in proposals.itertuples():
            what = RELATION_WORDS[(row.relation, bool(row.other_is_new))]
            label = (f"{names.get(row.other_id, row.other_id)} — {what}, confidence {row.confidence:.0%} "
                     f"(title {row.title_similarity:.0%}, paragraphs word for word {row.text_similarity:.0%})")
            pair = (chosen, row.other_id) if row.other_is_new else (row.other_id, chosen)
            st.button(label, key=f"compare_take_{row.other_id}", on_click=_take, args=pair,
                      type="tertiary", icon=":material/compare_arrows:")
    elif not (old_id and new_id):
        st.caption("The app found no counterpart of this text in the database: choose the other text above.")


def show_comparison(result: compare.Comparison) -> None:
    """The counts, the downloads, the mandate-level changes and the paragraphs of one comparison."""
    counts = result.counts()
    totals = {status: sum(counts[kind][status] for kind in counts) for status in compare.STATUSES}
    figures = st.container(horizontal=True, gap="large", key="compare_counts")  # wraps on a narrow screen
    for status in compare.STATUSES:
        figures.metric(status.capitalize(), totals[status], help=f"Paragraphs {status} (preambular and operative)",
                       width="content")
    st.caption(" · ".join(
        f"{kind.capitalize()}: {sum(u.kind == kind for u in result.old.units)} → "
        f"{sum(u.kind == kind for u in result.new.units)} paragraphs" for kind in compare.KINDS))

    view = filters.choice("View", VIEWS, "view", "compare_view", "side")
    note = (f"Resolution Explorer comparison of {redline.side_name(result.old)} "
            f"with {redline.side_name(result.new)}.")
    row = st.container(horizontal=True, gap="small", key="compare_downloads")
    stem = f"compare-{result.old.instrument_id}-{result.new.instrument_id}".replace(":", "-").replace("/", "-")
    row.download_button("⬇ Redline (HTML)", lambda: redline.redline_html(result, note), f"{stem}.html", "text/html",
                        key="compare_html", on_click="ignore", help="The whole comparison, to read or print offline.")
    row.download_button("⬇ Alignment (CSV)", lambda: downloads.csv_bytes(redline.alignment_frame(result)),
                        f"{stem}.csv", "text/csv", key="compare_csv", on_click="ignore",
                        help="One row per aligned paragraph: status, numbers, verbs, mandate changes, texts.")

    changes = redline.changes_frame(result)
    st.subheader(f"Mandate-level changes: {len(changes)}")
    if changes.empty:
        st.caption("No change to verbs, addressees, funding wording, dates or reports asked for.")
    else:
        shown = changes.assign(
            # "" rather than None: the missing side's cell stays empty
            old_link=[paragraph_url(p) if p else "" for p in changes["old_paragraph_id"]],
            new_link=[paragraph_url(p) if p else "" for p in changes["new_paragraph_id"]])
        st.dataframe(shown[["change", "where", "status", "old_link", "new_link"]], hide_index=True,
                     key="compare_changes", column_config={
                         "where": "Paragraph (earlier → later)", "status": "Status",
                         "change": st.column_config.TextColumn("Change", width="large"),
                         "old_link": st.column_config.LinkColumn("Earlier", display_text="open ↗"),
                         "new_link": st.column_config.LinkColumn("Later", display_text="open ↗")})

    if view != "summary":
        show_all = filters.flag("Show unchanged paragraphs too", "all", "compare_all")
        entries = [e for kind in compare.KINDS for e in result.entries
                   if e.kind == kind and (show_all or e.status != "unchanged")]
        st.subheader(f"Paragraphs: {len(entries)}" if show_all else f"Changed paragraphs: {len(entries)}")
        if not entries:
            st.caption("Every paragraph is unchanged.")
        shown = entries
        if len(entries) > PARAGRAPHS_AT_ONCE:
            starts = range(0, len(entries), PARAGRAPHS_AT_ONCE)
            parts = {str(n + 1): f"{start + 1}–{min(start + PARAGRAPHS_AT_ONCE, len(entries))}"
                     for n, start in enumerate(starts)}
            part = filters.choice("Paragraphs shown", parts, "part", "compare_part", "1")
            first = (int(part) - 1) * PARAGRAPHS_AT_ONCE
            shown = entries[first:first + PARAGRAPHS_AT_ONCE]
            st.caption(f"{PARAGRAPHS_AT_ONCE} at a time; the Redline (HTML) and Alignment (CSV) downloads "
                       "above hold them all.")
        for kind in compare.KINDS:
            part_of_kind = [e for e in shown if e.kind == kind]
            if not part_of_kind:
                continue
            st.markdown(f"**{kind.capitalize()} paragraphs**")
            for entry in part_of_kind:
                with st.container(border=True, key=f"compare_entry_{result.entries.index(entry)}"):
                    st.markdown(f"**{escape_md(redline.entry_title(entry))}**")
                    if entry.changes:
                        st.caption(escape_md("; ".join(compare.change_words(c) for c in entry.changes)))
                    if view == "redline":
                        st.markdown(redline.redline_markdown(entry))
                    else:
                        before, after = st.columns(2)
                        before.markdown(redline.side_markdown(entry, "old") or "*(not in the earlier text)*")
                        after.markdown(redline.side_markdown(entry, "new") or "*(not in the later text)*")


def show_series(old_id: str, new_id: str) -> None:
    """The series the two texts belong to: its versions and how each changed from the one before."""
    versions = queries.series(old_id)
    if len(versions) < 2:
        versions = queries.series(new_id)
    if len(versions) >= 2:
        st.subheader(f"The series: {versions['session'].nunique()} sessions")
        st.caption("The same resolution session after session, as the app found it (same title, paragraphs "
                   "word for word); each version against the one before.")
        by_session = versions.drop_duplicates("session")
        steps = list(zip(by_session["instrument_id"], by_session["instrument_id"].iloc[1:]))
        listed = by_session.assign(
            version=[names.get(i, i) for i in by_session["instrument_id"]],
            against_previous=[""] + [compare_url(a, b) for a, b in steps])
        st.dataframe(listed[["session", "version", "against_previous"]], hide_index=True, key="compare_versions",
                     column_config={"session": st.column_config.NumberColumn("Session", format="%d"),
                                    "version": st.column_config.TextColumn("Version", width="large"),
                                    "against_previous": st.column_config.LinkColumn(
                                        "Against the one before", display_text="compare ↗")})
        compared = [(names.get(b, b), queries.comparison(a, b)) for a, b in steps]
        compared = [(name, c) for name, c in compared if c is not None]
        growth = redline.growth_frame(compared)
        fig = ui.figure(partial(charts.series_growth, title="How the series changed, version by version"), growth)
        event = st.plotly_chart(fig, key="compare_series", on_select="rerun", selection_mode=("points",),
                                theme=None, config=ui.plot_config("series-changes"))
        downloads.offer(fig, growth, "series-changes", "compare_series")
        by_name = dict(compared)
        for selection in ui.selections(event, ("version", "status"))[:3]:
            (_, version), (_, status) = selection
            picked = [e for e in by_name[version].entries if e.status == status]
            with st.container(border=True, key=f"compare_series_drill_{version}_{status}"):
                st.markdown(f"**{len(picked)} paragraphs {escape_md(status)}** — {escape_md(version)}")
                for entry in picked[:ui.MAX_VERBATIM]:
                    st.markdown(f"{escape_md(redline.entry_title(entry))}")
                    st.markdown(redline.redline_markdown(entry))
        if not ui.selections(event, ("version", "status")):
            st.caption("Click a bar to read the paragraphs behind it.")


if not (old_id and new_id):
    st.info("Choose two texts, or one and a counterpart the app proposes.")
elif (result := queries.comparison(old_id, new_id)) is None:
    st.info("One of the two texts is no longer in the database. Choose again.")
else:
    show_comparison(result)
    show_series(old_id, new_id)
