"""Add documents in a real browser: two official PDFs through the file chooser join the pages of
their own session only, their database and CSVs download, unkind files get words, and another
session keeps loading pages while a long PDF is read.

Uploads live in a browser session, so within a test the tab moves by its sidebar links only: a
page.goto() opens a new session, which has none of them. The expected paragraph counts come from
tests/etl_tests/pdf_expectations.json (a reviewer's reading of the PDFs), not from this parser.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import time
import zipfile
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page, expect

from dashboard import build, devserver
from tests.e2e.conftest import LOCAL_HOSTS, VIEWPORT
from tests.e2e.test_browser import open_filters

pytestmark = pytest.mark.browser

SAMPLES = build.REPO_ROOT.parent / "shared" / "samples" / "pdf"
DRAFT, ADOPTED = "A_C.3_80_L.19.pdf", "A_RES_80_119.pdf"
LONG_PDF = "A_RES_80_110.pdf"  # 56 pages: the longest sample
EXPECTATIONS = build.REPO_ROOT / "tests" / "etl_tests" / "pdf_expectations.json"
SHOTS = (build.REPO_ROOT / "docs" / "screenshots" if os.environ.get("UPDATE_SCREENSHOTS")
         else build.REPO_ROOT / "tests" / "e2e" / "artifacts" / "screenshots")
FINISHED = '[data-test-script-state="notRunning"]'
# st.Page(icon=":material/upload_file:") in app.py: on the Add documents page Streamlit's frontend
# sets the tab's favicon to this URL, the one request of the page that leaves the machine (see
# test_the_add_documents_page_fetches_nothing_from_outside)
FAVICON = "https://fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def expected() -> dict[str, dict]:
    """The reviewer's reading of the two sample PDFs, by file name."""
    return {e["file"]: e for e in json.loads(EXPECTATIONS.read_text()) if e["file"] in (DRAFT, ADOPTED)}


def _serve(seed_db: Path, tmp_path_factory, name: str):
    """A server on the seed database whose sessions keep their uploads in a folder of this test."""
    if not Path(devserver.CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium)")
    if not all((SAMPLES / file).exists() for file in (DRAFT, ADOPTED, LONG_PDF)):
        pytest.skip(f"the sample PDFs are not in {SAMPLES}")
    root = tmp_path_factory.mktemp(f"{name}-uploads")
    log = tmp_path_factory.mktemp(name) / "server.log"
    with pytest.MonkeyPatch.context() as env:  # the server's environment only
        env.setenv("RESOLUTIONS_UPLOAD_DIR", str(root))
        proc, url = devserver.start(build.REPO_ROOT / "app.py", seed_db, log)
    return proc, url, root, log


@pytest.fixture(scope="module")
def upload_server(seed_db, tmp_path_factory):
    """Base URL and upload folder of a server that must log no traceback."""
    shared_before = _sha256(seed_db)
    proc, url, root, log = _serve(seed_db, tmp_path_factory, "upload-server")
    yield url, root
    devserver.stop(proc)
    assert "Traceback" not in log.read_text()
    assert _sha256(seed_db) == shared_before  # the shared database is never written


class Watch:
    """A tab's console errors, page errors, dialogs, failed requests and requests leaving the machine."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        self.external: list[str] = []
        self.failed: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("request", self._request)
        page.on("requestfailed", lambda r: self._failed(r.url, r.failure or "failed"))
        page.on("response", lambda r: r.status >= 400 and self._failed(r.url, f"HTTP {r.status}"))
        page.on("dialog", self._dialog)

    def _console(self, msg) -> None:
        where = (msg.location or {}).get("url", "")
        # Streamlit probes <page>/_stcore/health before the root one on a deep link (a 404), and
        # the favicon's failed fetch is counted in `external`
        if msg.type == "error" and "/_stcore/" not in where and not where.startswith(FAVICON):
            self.errors.append(f"console: {msg.text} ({where})")

    def _request(self, request) -> None:
        host = re.sub(r"^[a-z]+://([^/:]+).*", r"\1", request.url)
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOCAL_HOSTS:
            self.external.append(request.url)

    def _failed(self, url: str, why: str) -> None:
        # the deep-link health probe is Streamlit's own (it then asks the root)
        if not re.search(r"/[a-z]+/_stcore/(health|host-config)$", url) and not url.startswith(FAVICON):
            self.failed.append(f"{url}: {why}")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def check(self) -> None:
        """Nothing went wrong, nothing was executed, nothing left the machine but the favicon."""
        assert [u for u in self.external if not u.startswith(FAVICON)] == [], "requests left this machine"
        assert self.errors == []
        assert self.failed == []
        assert self.dialogs == []


def tab(browser, width: int = VIEWPORT["width"], height: int = VIEWPORT["height"]):
    """A fresh context (another browser session) with one watched tab."""
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    return context, page, Watch(page)


def settled(page: Page) -> None:
    """Wait until the script run triggered last has finished."""
    page.wait_for_timeout(150)
    expect(page.locator(FINISHED)).to_be_attached()


def heading(page: Page, title: str):
    return page.get_by_role("heading", name=title, exact=True)


def open_page(page: Page, url: str, title: str) -> None:
    """Load a URL (a new session) and wait for its page."""
    page.goto(url)
    expect(heading(page, title)).to_be_visible()
    settled(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def go(page: Page, link: str, title: str) -> None:
    """Click a page in the sidebar (the session, and its uploads, stay)."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=link, exact=True).click()
    expect(heading(page, title)).to_be_visible()
    settled(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


def upload(page: Page, files) -> None:
    """Give files to the uploader's input, as the file chooser does; wait for their results."""
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(files)
    expect(page.get_by_role("heading", name="What was read")).to_be_visible(timeout=120_000)
    settled(page)


def table_rows(page: Page, index: int = 0) -> list[list[str]]:
    """The rows of the index-th table of the page as text (the grid's accessible cells)."""
    grid = page.get_by_test_id("stDataFrame").nth(index)
    expect(grid.locator("tbody tr").first).to_be_attached()
    return [row.locator("td").all_text_contents() for row in grid.locator("tbody tr").all()]


def results(page: Page) -> dict[str, tuple[str, str]]:
    """What was read: file -> (added, result)."""
    table = page.get_by_test_id("stTable").first
    expect(table.locator("tbody tr").first).to_be_attached()
    return {file: (added, result) for file, added, result in
            (row.locator("td").all_text_contents() for row in table.locator("tbody tr").all())}


def summary(e: dict) -> str:
    return (f"{e['symbol']} — {e['doc_type']}, {e['preambular']} preambular and {e['operative']} "
            "operative paragraphs, 0 warnings")


def download(page: Page, label: str) -> bytes:
    """Click a download button and return the file's bytes."""
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text=label).click()
    return Path(info.value.path()).read_bytes()


def sidebar_options(page: Page, label: str) -> list[str]:
    """The options a sidebar multiselect offers (the list is opened and closed again)."""
    settled(page)
    open_filters(page, label)
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name=label, exact=True)
    box.scroll_into_view_if_needed()
    box.click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    found = options.all_inner_texts()
    page.keyboard.press("Escape")
    return found


def choose(page: Page, label: str, words: str, option: str) -> None:
    """Type into a sidebar multiselect and pick the option whose name contains `option`."""
    open_filters(page, label)
    page.get_by_test_id("stSidebar").get_by_role("combobox", name=label, exact=True).click()
    page.keyboard.type(words)
    page.get_by_role("option").filter(has_text=option).first.click()
    page.keyboard.press("Escape")
    # as a user moves on: a focused multiselect is a line taller, and the mouse-down that blurs
    # it moves what is below it (a click on Reset filters would land beside the button)
    page.get_by_test_id("stSidebar").get_by_role("combobox", name=label, exact=True).blur()
    settled(page)


def search(page: Page, words: str) -> None:
    box = page.get_by_label("Search the paragraphs")
    box.fill(words)
    box.press("Enter")
    settled(page)


def click_topmost_bar(page: Page) -> None:
    """Click the first chart's topmost bar at its centre (plotly's drag layer swallows clicks)."""
    bars = page.get_by_test_id("stPlotlyChart").first.locator("g.trace.bars g.point path")
    expect(bars.first).to_be_visible()
    bar = bars.nth(min((bars.nth(i).bounding_box()["y"], i) for i in range(bars.count()))[1])
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    settled(page)


def screenshot(page: Page, name: str, width: int) -> Path:
    """The whole main area at `width` px (the viewport made as tall as the page's content)."""
    page.set_viewport_size({"width": width, "height": 800})
    page.wait_for_timeout(500)
    tall = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(max(800, tall + 40), 4000)})
    page.wait_for_timeout(700)  # tables redraw at the new size
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    page.screenshot(path=str(path))
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 10
    return path


def phrase_of(text: str, words: int = 6) -> str:
    """A phrase of a paragraph to search for: words from its middle, without punctuation."""
    found = re.findall(r"[A-Za-z]+", text)
    start = max(0, len(found) // 2 - words // 2)
    return " ".join(found[start:start + words])


# ---------------------------------------------------------------------------------------------

def test_two_pdfs_join_every_page_of_their_own_session_only(browser, upload_server, seed_db,
                                                            expected, tmp_path):
    url, root = upload_server
    shared_before = _sha256(seed_db)
    context, page, watch = tab(browser)
    other_context, other, other_watch = tab(browser)
    try:
        open_page(page, f"{url}/upload", "Add documents")
        upload(page, [str(SAMPLES / DRAFT), str(SAMPLES / ADOPTED)])
        expect(page.get_by_text("2 of 2 files added.")).to_be_visible()
        assert results(page) == {name: ("yes", summary(expected[name])) for name in (DRAFT, ADOPTED)}
        yours = table_rows(page, 0)  # Your documents
        assert [row[0].split(" — ")[0] for row in yours] == ["A/C.3/80/L.19", "A/RES/80/119"]
        assert [row[1] for row in yours] == ["draft resolution", "resolution"]
        # the files are in this session's own folder, nowhere else
        assert sorted(p.name for p in root.glob("*/files/*")) == [DRAFT, ADOPTED]

        # the session's database and CSVs, read back
        db = tmp_path / "yours.duckdb"
        db.write_bytes(download(page, "Your database (.duckdb)"))
        with duckdb.connect(str(db), read_only=True) as con:
            counts = con.execute(
                "select d.source_name, d.symbol, count(*) filter (p.kind = 'preambular'), "
                "count(*) filter (p.kind = 'operative') from documents d "
                "join instruments i using (document_id) join paragraphs p using (instrument_id) "
                "group by all order by 1").fetchall()
            assert counts == [(n, expected[n]["symbol"], expected[n]["preambular"],
                               expected[n]["operative"]) for n in (DRAFT, ADOPTED)]
            verbs = dict(con.execute(
                "select p.verb, count(*) from paragraphs p join instruments i using (instrument_id) "
                "join documents d using (document_id) where d.symbol = 'A/C.3/80/L.19' "
                "and p.kind = 'operative' group by 1").fetchall())
            adopted_text = con.execute(
                "select p.text from paragraphs p join instruments i using (instrument_id) "
                "join documents d using (document_id) where d.symbol = 'A/RES/80/119' "
                "and p.kind = 'operative' order by p.ordinal limit 1").fetchone()[0]

        shots = [screenshot(page, "upload.png", VIEWPORT["width"]),
                 screenshot(page, "upload-narrow.png", 420)]
        assert all(p.stat().st_size > 10_000 for p in shots)
        page.set_viewport_size(VIEWPORT)

        # Verbs: the draft alone, its topmost bar drilled down
        go(page, "Verbs", "Verbs")
        assert any(o.endswith("· yours") for o in sidebar_options(page, "Document"))
        choose(page, "Document", "L.19", "A/C.3/80/L.19")
        click_topmost_bar(page)
        drill = page.get_by_text(re.compile(r"^\d+ paragraphs? — verb: .+ · instrument: A/C\.3/80/L\.19$"))
        expect(drill).to_be_visible()
        n, verb = re.match(r"^(\d+) paragraphs? — verb: (.+?) ·", drill.inner_text()).groups()
        assert int(n) == verbs[verb]
        places = page.get_by_text(re.compile(r"^Draft resolution, para\. \d+ · open ↗ · A/C\.3/80/L\.19, page \d+"))
        expect(places).to_have_count(int(n))

        # Explorer: a phrase of the adopted text's first operative paragraph
        reset = page.get_by_test_id("stSidebar").get_by_role("button", name="Reset filters")
        reset.click()
        expect(reset).to_be_disabled()  # the run the click started has reset them
        settled(page)
        go(page, "Explorer", "Explorer")
        phrase = phrase_of(adopted_text)
        search(page, f'"{phrase}"')
        expect(page.get_by_text(re.compile(r"^1 paragraph match"))).to_be_visible()
        expect(page.get_by_test_id("stDataFrame").first.locator("tbody tr")).to_have_count(1)
        expect(page.get_by_test_id("stMain").get_by_text(
            re.compile(r"^Resolution 80/119, para\. 1 · A/RES/80/119 — Consumer product safety"))).to_be_visible()
        assert table_rows(page, 0)[0][1].startswith("A/RES/80/119 — Consumer product safety")

        # another session at the same time sees none of them
        open_page(other, f"{url}/", "Overview")
        assert "A/C.3/80/L.19" not in other.get_by_test_id("stMain").inner_text()
        options = sidebar_options(other, "Document")
        assert not [o for o in options if "yours" in o or "L.19" in o or "80/119" in o]
        expect(other.get_by_test_id("stSidebar").get_by_role("combobox", name="Data")).to_have_count(0)
        open_page(other, f"{url}/explorer?q=" + phrase.replace(" ", "+"), "Explorer")
        expect(other.get_by_text(re.compile(r"^0 paragraphs match"))).to_be_visible()
        go(other, "Add documents", "Add documents")
        expect(other.get_by_text("None yet.", exact=False)).to_be_visible()

        # ... while this one still has them
        go(page, "Overview", "Overview")
        expect(page.get_by_text("3 documents")).to_be_visible()
        expect(page.get_by_test_id("stMain").get_by_text("A/C.3/80/L.19").first).to_be_attached()
    finally:
        context.close()
        other_context.close()
    watch.check()
    other_watch.check()
    assert _sha256(seed_db) == shared_before


def test_the_csv_zip_of_an_upload_downloads(browser, upload_server):
    url, _ = upload_server
    context, page, _ = tab(browser)
    try:
        open_page(page, f"{url}/upload", "Add documents")
        upload(page, [str(SAMPLES / DRAFT), str(SAMPLES / ADOPTED)])
        page.set_default_timeout(15_000)
        archive = zipfile.ZipFile(io.BytesIO(download(page, "Your tables as CSV (.zip)")))
        assert {"documents.csv", "paragraphs.csv"} <= set(archive.namelist())
        documents_csv = archive.read("documents.csv").decode()
        assert len(documents_csv.strip().splitlines()) == 3  # a header and the two documents
        assert "A/C.3/80/L.19" in documents_csv and "A/RES/80/119" in documents_csv
    finally:
        context.close()


def test_an_uploaded_paragraph_is_named_yours_in_the_explorer(browser, upload_server):
    url, _ = upload_server
    context, page, _ = tab(browser)
    try:
        open_page(page, f"{url}/upload", "Add documents")
        upload(page, [str(SAMPLES / ADOPTED)])
        go(page, "Explorer", "Explorer")
        search(page, '"consumer product safety"')
        expect(page.get_by_text(re.compile(r"^\d+ paragraphs? match"))).to_be_visible()
        page.wait_for_timeout(1000)
        names = [row[1] for row in table_rows(page, 0)]
        assert names and all(name.endswith("· yours") for name in names)
    finally:
        context.close()


def test_the_add_documents_page_fetches_nothing_from_outside(browser, upload_server):
    url, _ = upload_server
    context, page, watch = tab(browser)
    try:
        open_page(page, f"{url}/upload", "Add documents")
        page.wait_for_timeout(1000)
    finally:
        context.close()
    assert watch.external == []


HTML_AS_PDF = b"<!DOCTYPE html><html><body><h1>Document not found</h1><script>alert(1)</script></body></html>"
SCRIPT_MD = b"""# Notes <script>window.__uploaded_script = 1; alert('md')</script>

<script>window.__uploaded_script = 2; alert('md2')</script>

<img src=x onerror="window.__uploaded_script = 3; alert('img')">
"""
HOSTILE_RESOLUTION = b"""## Resolution 80/999

### Hostile <script>alert('title')</script> test

*The General Assembly,*

*Recalling* its resolution 79/1 <script>window.__uploaded_script = 4; alert('pre')</script>,

1. *Requests* the Secretary-General to report on zyxwvut <img src=x onerror="window.__uploaded_script = 5"> matters;

2. *Decides* to remain seized of the matter.
"""


def test_unkind_uploads_get_words_and_nothing_runs(browser, upload_server):
    url, root = upload_server
    context, page, watch = tab(browser)
    try:
        open_page(page, f"{url}/upload", "Add documents")
        upload(page, [
            {"name": "x.pdf", "mimeType": "application/pdf", "buffer": HTML_AS_PDF},
            {"name": "notes.md", "mimeType": "text/markdown", "buffer": SCRIPT_MD},
            {"name": '<img src=x onerror="alert(9)">.md', "mimeType": "text/markdown",
             "buffer": HOSTILE_RESOLUTION},
        ])
        expect(page.get_by_text("1 of 3 files added.")).to_be_visible()
        found = results(page)
        assert found["x.pdf"] == ("no", "not a PDF: its name says PDF but its bytes do not")
        assert found["notes.md"][0] == "no"
        assert found["notes.md"][1].startswith("no resolution or decision found")
        hostile = [f for f in found if f not in ("x.pdf", "notes.md")]
        assert len(hostile) == 1 and found[hostile[0]][0] == "yes"
        assert "/" not in hostile[0]
        # nothing of the refused files is kept; the added one is in the session's folder only
        kept = [p for p in root.glob("*/files/*") if b"80/999" in p.read_bytes()]
        assert len(kept) == 1 and kept[0].suffix == ".md" and "<" not in kept[0].name
        assert not list(root.glob("*/files/x*.pdf")) and not list(root.glob("*/files/notes*.md"))

        go(page, "Explorer", "Explorer")
        search(page, "zyxwvut")
        expect(page.get_by_text(re.compile(r"^1 paragraph match"))).to_be_visible()
        # the markup is shown as text, never as HTML
        expect(page.get_by_text('<img src=x onerror="window.__uploaded_script = 5">', exact=False).first
               ).to_be_visible()
        go(page, "Overview", "Overview")
        page.wait_for_timeout(500)
        assert page.evaluate("() => window.__uploaded_script") is None
        assert page.evaluate("() => [...document.scripts].some(s => s.text.includes('__uploaded_script'))") is False
        assert page.locator("img[src='x']").count() == 0
    finally:
        context.close()
    watch.check()  # no dialog, no error


def _shows_content(page: Page, title: str) -> None:
    expect(heading(page, title)).to_be_visible()
    settled(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_test_id("stPlotlyChart").or_(main.get_by_test_id("stMetric")).first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


def test_another_session_keeps_loading_pages_while_a_long_pdf_is_read(browser, upload_server):
    """No timing here: bench/bench_upload.py measures how much slower the pages get."""
    url, _ = upload_server
    reader_context, reader, reader_watch = tab(browser)
    context, page, watch = tab(browser)
    rounds = [("Verbs", "Verbs"), ("Overview", "Overview"), ("Addressees", "Addressees"),
              ("Timeline", "Timeline")]
    try:
        open_page(page, f"{url}/verbs", "Verbs")
        open_page(reader, f"{url}/upload", "Add documents")
        reader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(SAMPLES / LONG_PDF))
        expect(reader.get_by_test_id("stStatusWidget").or_(reader.get_by_text("Reading 1 file"))
               .first).to_be_visible()
        done = reader.get_by_role("heading", name="What was read")
        loads_during, deadline = 0, time.monotonic() + 300
        while time.monotonic() < deadline:
            for link, title in rounds:  # a sidebar click, then a reload of the same page
                for move in (lambda: go(page, link, title), page.reload):
                    reading = done.count() == 0
                    move()
                    _shows_content(page, title)
                    loads_during += reading and done.count() == 0
            if done.count():
                break
        expect(done).to_be_visible()
        expect(reader.get_by_text("1 of 1 file added.")).to_be_visible()
        assert loads_during >= 1, "the reading finished before another page was loaded"
    finally:
        context.close()
        reader_context.close()
    watch.check()  # no failed request in the other session
    reader_watch.check()
