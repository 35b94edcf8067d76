"""A session's own documents: checks, storage, reading, and what the pages show of them."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from dash_helpers import app

from dashboard import uploads
from dashboard.text import document_name

LIMITS = uploads.Limits(file_mb=1, session_mb=2, files=3)
NOT_A_PDF = b"<html><body>Not found</body></html>"


@pytest.fixture
def upload_root(monkeypatch, tmp_path) -> Path:
    root = tmp_path / "sessions"
    monkeypatch.setenv("RESOLUTIONS_UPLOAD_DIR", str(root))
    return root


@pytest.fixture
def store(tmp_path) -> uploads.SessionStore:
    return uploads.SessionStore.create(tmp_path / "root")


@pytest.mark.parametrize("sent, shown, stored", [
    ("A_RES_80_1.pdf", "A_RES_80_1.pdf", "A_RES_80_1.pdf"),
    ("../../etc/passwd.pdf", "passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\me\\draft L.19.PDF", "draft L.19.PDF", "draft_L.19.pdf"),
    ("bell\x07and\nnewline.md", "bellandnewline.md", "bellandnewline.md"),
    ("<script>alert(1)</script>.md", "script>.md", "script.md"),
    ("...", "document", "document"),
])
def test_file_names_lose_paths_and_control_characters(sent, shown, stored):
    assert uploads.display_name(sent) == shown
    assert uploads.stored_name(sent) == stored
    assert "/" not in uploads.stored_name(sent) and "\\" not in uploads.stored_name(sent)


@pytest.mark.parametrize("name, data, problem", [
    ("a.pdf", b"%PDF-1.7\n...", None),
    ("a.md", b"# Resolution 1/1", None),
    ("a.pdf", NOT_A_PDF, "not a PDF: its name says PDF but its bytes do not"),
    ("a.txt", b"%PDF-1.7\n...", "a PDF with a text file's name: rename it to .pdf"),
    ("a.txt", b"text\x00\x01binary", "not a text file (binary bytes)"),
    ("a.md", b"  \n", "the file is empty"),
    ("a.docx", b"PK\x03\x04", "not a PDF, markdown or text file (accepted: .pdf, .md, .markdown, .txt)"),
    ("a.pdf", b"%PDF-" + b"x" * (1024 * 1024), "too large (1.0 MB; the limit is 1 MB per file)"),
])
def test_files_are_checked_by_their_bytes(name, data, problem):
    assert uploads.check_file(name, data, LIMITS) == problem


def test_the_same_document_is_taken_once(store):
    refused, stored = uploads.accept(store, [("a.md", b"# One"), ("copy.md", b"# One")], LIMITS,
                                     lambda digest: None)
    assert stored == [("a.md", "a.md")]
    assert [r.message for r in refused] == ["the same document as a.md, already added: loaded once"]
    refused, stored = uploads.accept(store, [("again.md", b"# One")], LIMITS, lambda digest: None)
    assert not stored and "already added" in refused[0].message


def test_a_document_already_shared_is_not_taken(store):
    shared = {hashlib.sha256(b"# Shared").hexdigest(): "A/RES/80/1"}
    refused, stored = uploads.accept(store, [("s.md", b"# Shared")], LIMITS, shared.get)
    assert not stored
    assert refused[0].message == "already in the shared data as A/RES/80/1: loaded once"


def test_session_limits_count_files_and_bytes(store):
    big = b"# " + b"x" * 900_000
    files = [(f"{n}.md", big + bytes(str(n), "ascii")) for n in range(3)]
    refused, stored = uploads.accept(store, files, LIMITS, lambda digest: None)
    assert len(stored) == 2
    assert refused[0].message == "a session holds 2 MB at most: remove some files first"
    small = [(f"s{n}.md", b"# small %d" % n) for n in range(3)]
    refused, stored = uploads.accept(store, small, LIMITS, lambda digest: None)
    assert len(stored) == 1 and "3 files at most" in refused[0].message


def test_same_stored_name_gets_a_number(store):
    _, stored = uploads.accept(store, [("a/x.md", b"# One"), ("b/x.md", b"# Two")], LIMITS,
                               lambda digest: None)
    assert [name for _, name in stored] == ["x.md", "x-2.md"]


def test_idle_sessions_are_swept(tmp_path):
    old, fresh = (uploads.SessionStore.create(tmp_path) for _ in range(2))
    other = tmp_path / "not-a-session"
    other.mkdir()
    now = time.time()
    os.utime(old.folder, (now - 7200, now - 7200))
    os.utime(other, (now - 7200, now - 7200))
    assert uploads.sweep(tmp_path, idle_seconds=3600, now=now) == [old.folder]
    assert fresh.folder.is_dir() and other.is_dir() and not old.folder.exists()


def test_session_folder_is_private(store):
    assert store.folder.stat().st_mode & 0o077 == 0
    assert len(store.folder.name) == 32


def test_reading_reports_each_file_and_drops_those_it_cannot_read(store, synthetic_pdf):
    _, stored = uploads.accept(store, [("r.pdf", synthetic_pdf.pdf), ("notes.md", b"# Just notes\n\ntext")],
                               LIMITS, lambda digest: None)
    build = uploads.build_session(str(store.files_dir), str(store.database), str(store.progress_file))
    results = uploads.outcome(store, stored, build)
    assert results[0] == uploads.FileResult(
        "r.pdf", True, "A/RES/79/321 — resolution, 3 preambular and 17 operative paragraphs, 0 warnings")
    assert not results[1].loaded and results[1].message.startswith("no resolution or decision found")
    assert [p.name for p in store.files()] == ["r.pdf"]
    assert uploads.progress_of(store) == (2, 2)


def test_nothing_readable_leaves_no_database(store):
    _, stored = uploads.accept(store, [("fake.pdf", b"%PDF-1.4 nothing else")], LIMITS, lambda digest: None)
    build = uploads.build_session(str(store.files_dir), str(store.database), str(store.progress_file))
    results = uploads.outcome(store, stored, build)
    assert not results[0].loaded and "damaged PDF" in results[0].message
    assert not store.database.exists() and store.files() == []


def test_uploads_are_named_as_yours():
    assert document_name("A/RES/1/1", "Title", "f.pdf", "yours:f").text == "A/RES/1/1 — Title · yours"
    assert document_name("A/RES/1/1", "Title", "f.pdf", "f").short == "A/RES/1/1"


# ---------------------------------------------------------------------------------------------
# The pages

def _upload(at, files):
    at.file_uploader[0].set_value(files)
    return at.run()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_upload_page_reads_files_and_every_page_sees_them(seed, upload_root, synthetic_pdf):
    before = _sha(seed)
    at = app("upload")
    assert not at.exception
    _upload(at, [("A_RES_79_321.pdf", synthetic_pdf.pdf, "application/pdf"),
                 ("fake.pdf", NOT_A_PDF, "application/pdf"),
                 ("../../evil\x07.md", b"<script>alert(1)</script>\n\nno resolution here", "text/markdown")])
    assert not at.exception
    results = at.table[0].value
    assert list(results["File"]) == ["fake.pdf", "A_RES_79_321.pdf", "evil.md"]
    assert list(results["Added"]) == ["no", "yes", "no"]
    assert results["Result"][1] == ("A/RES/79/321 — resolution, 3 preambular and 17 operative "
                                    "paragraphs, 0 warnings")
    assert results["Result"][0] == "not a PDF: its name says PDF but its bytes do not"
    assert [m.value for m in at.warning] == ["1 of 3 files added."]
    assert list(at.dataframe[0].value["Document"]) == [
        "A/RES/79/321 — Reducing reoffending through rehabilitation and reintegration"]
    # the file uploader is empty again: a rerun reads nothing twice
    assert not at.file_uploader[0].value

    at.switch_page("pages/overview.py").run()
    data = at.multiselect(key="filter_data")
    assert data.options == ["your documents", "shared documents"]
    documents = at.multiselect(key="filter_document").options
    assert any(o.endswith("· yours") for o in documents)
    total = int(at.metric[1].value) + int(at.metric[2].value)
    data.set_value(["yours"]).run()
    assert int(at.metric[1].value) + int(at.metric[2].value) == 3 + 17 < total
    at.switch_page("pages/explorer.py").run()
    assert not at.exception

    other = app("overview")  # another browser session
    assert not any(m.key == "filter_data" for m in other.multiselect)
    assert not any("yours" in o for o in other.multiselect(key="filter_document").options)
    assert _sha(seed) == before  # the shared database is never written


def test_documents_can_be_removed(seed, upload_root, synthetic_pdf):
    at = _upload(app("upload"), [("A_RES_79_321.pdf", synthetic_pdf.pdf, "application/pdf")])
    assert len(at.dataframe[0].value) == 1
    at.button(key="upload_remove_all").click().run()
    assert not at.exception
    assert any("None yet" in m.value for m in at.markdown)
    assert not [f for folder in upload_root.iterdir() for f in folder.glob("files/*")]
    at.switch_page("pages/overview.py").run()
    assert not any(m.key == "filter_data" for m in at.multiselect)


def test_a_document_already_shared_is_refused(with_pdf, upload_root, synthetic_pdf):
    at = _upload(app("upload"), [("again.pdf", synthetic_pdf.pdf, "application/pdf")])
    assert at.table[0].value["Result"][0] == "already in the shared data as A/RES/79/321: loaded once"


@pytest.mark.parametrize("make, loaded, message", [
    ("scanned_pdf", False, "no text layer: run OCR first"),
    ("encrypted_pdf", False, "encrypted PDF: remove the password and try again"),
    ("truncated_pdf", False, "damaged PDF"),
    ("javascript_pdf", True, "— resolution, 3 preambular"),  # the scripts are never run
    ("form_pdf", True, "— resolution, 3 preambular"),
])
def test_unkind_pdfs_get_their_reason_in_words(store, make, loaded, message):
    import pdf_fixtures

    _, stored = uploads.accept(store, [(f"{make}.pdf", getattr(pdf_fixtures, make)())], LIMITS,
                               lambda digest: None)
    build = uploads.build_session(str(store.files_dir), str(store.database), str(store.progress_file))
    [result] = uploads.outcome(store, stored, build)
    assert result.loaded is loaded
    assert message in result.message


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux scheduling policies only")
def test_the_reading_process_runs_only_on_idle_cpu_time() -> None:
    probe = ("import os; from dashboard import uploads; uploads.yield_to_pages(); "
             "print(os.sched_getscheduler(0) == os.SCHED_IDLE)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=Path(uploads.__file__).resolve().parent.parent)
    assert out.stdout.strip() == "True"
