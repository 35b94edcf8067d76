"""Add documents: the user's own PDFs, markdown and text files, read into this browser session only."""

import math

import pandas as pd
import streamlit as st

from dashboard import filters, queries, uploads
from dashboard.text import document_name

STATE_GENERATION = "upload_generation"  # a new uploader key empties the widget once files are read

filters.scope()
limits = uploads.Limits.from_env()
st.title("Add documents")
st.write(
    "Drop the official PDFs (or markdown or text copies) of resolutions, decisions and drafts here: "
    "they join every page of the app at once, marked **yours**. They belong to this browser tab's "
    "session only: no other tab or visitor sees them, and the shared database is never changed.")
st.caption(
    f"Up to {limits.file_mb:g} MB per file, {limits.session_mb:g} MB and {limits.files} files per "
    f"session. Your files are deleted when the session ends, or after {limits.idle_minutes:g} "
    "minutes without use.")

generation = st.session_state.setdefault(STATE_GENERATION, 0)
sent = st.file_uploader(
    "PDF, markdown or text files", type=[s.lstrip(".") for s in uploads.SUFFIXES],
    accept_multiple_files=True, key=f"upload_{generation}",
    max_upload_size=max(1, math.ceil(limits.file_mb)))


def read_files(handle: uploads.SessionHandle, files: list[tuple[str, bytes]]) -> None:
    """Check, store and read the files just sent; their results go to the handle."""
    refused, stored = uploads.accept(handle.store, files, limits, queries.shared_document_with_hash)
    results = refused
    if stored:
        with st.status(f"Reading {len(stored)} file{'s' if len(stored) > 1 else ''}…",
                       expanded=True) as status:
            bar = st.progress(0.0, text="Waiting for a free reader…")

            def show(done: tuple[int, int] | None) -> None:
                if done:
                    bar.progress(done[0] / max(done[1], 1), text=f"{done[0]} of {done[1]} files read")
            build = uploads.readers().read(handle.store, show)
            results = results + uploads.outcome(handle.store, stored, build)
            status.update(label="Done", state="complete", expanded=False)
        if not handle.store.files():
            handle.store.clear()
    handle.results = results


def remove(handle: uploads.SessionHandle | None, names: list[str] | None) -> None:
    """Remove some of the session's files (all with None) and read the rest again."""
    if handle is None:
        return
    if names is not None:
        handle.store.remove(names)
    if names is None or not handle.store.files():
        handle.store.clear()
    else:
        uploads.readers().read(handle.store, lambda done: None)
    handle.results = []


if sent:
    handle = uploads.session_handle(create=True)
    assert handle is not None
    read_files(handle, [(f.name, f.getvalue()) for f in sent])
    st.session_state[STATE_GENERATION] = generation + 1
    st.rerun()  # the sidebar filters and every page now see the new documents

handle = uploads.session_handle()
if handle is not None and handle.results:
    loaded = sum(r.loaded for r in handle.results)
    st.subheader("What was read")
    message = f"{loaded} of {len(handle.results)} file{'s' if len(handle.results) > 1 else ''} added."
    (st.success if loaded == len(handle.results) else st.warning)(message)
    # a static table: its cells wrap, so a long result is read whole on a narrow screen too
    st.table(pd.DataFrame({"File": [r.name for r in handle.results],
                           "Added": ["yes" if r.loaded else "no" for r in handle.results],
                           "Result": [r.message for r in handle.results]}), hide_index=True)

if handle is not None and not handle.store.folder.is_dir():
    st.info(f"Your documents were removed after {limits.idle_minutes:g} minutes without use: "
            "add them again.")

mine = queries.your_documents()
st.subheader("Your documents")
if mine.empty:
    st.write("None yet. The pages show the shared documents only.")
else:
    names = {r.document_id: document_name(r.symbol, r.document_title, r.source_name) for r in mine.itertuples()}
    # the counts before the file name: a long title must not push them out of sight
    st.dataframe(pd.DataFrame({
        "Document": [names[d].text for d in mine["document_id"]],
        "Type": mine["doc_type"].fillna(""),
        "Preambular": mine["preambular"], "Operative": mine["operative"],
        "Warnings": mine["warnings"],
        "Pages": mine["pages"].astype("Int64"),
        "File": mine["source_name"],
    }), hide_index=True, width="stretch",
        column_config={"Document": st.column_config.TextColumn(width="medium")})
    left, right = st.columns(2)
    left.page_link("pages/overview.py", label="See them on the Overview", icon=":material/arrow_forward:")
    right.page_link("pages/explorer.py", label="Search them in the Explorer", icon=":material/search:")
    with st.expander("Remove documents"):
        files = dict(zip(mine["source_name"], mine["document_id"]))
        chosen = st.multiselect("Documents to remove", list(files),
                                format_func=lambda name: names[files[name]].short, key="upload_remove")
        one, every = st.columns(2)
        one.button("Remove the chosen", disabled=not chosen, key="upload_remove_chosen",
                   on_click=remove, args=(handle, chosen))
        every.button("Remove all my documents", key="upload_remove_all", on_click=remove,
                     args=(handle, None))
    st.subheader("Download your data")
    assert handle is not None
    left, right = st.columns(2)
    left.download_button("⬇ Your database (.duckdb)", handle.store.database.read_bytes,
                         "your-documents.duckdb", mime="application/octet-stream",
                         key="upload_download_db", on_click="ignore")
    right.download_button("⬇ Your tables as CSV (.zip)", queries.tables_zip(own=True), "your-documents-csv.zip",
                          mime="application/zip", key="upload_download_csv", on_click="ignore")
