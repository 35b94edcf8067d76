"""Browser fixtures: one `streamlit run app.py` on a free port for the session, Debian chromium.

`seed_db` (a database built by the ETL from seeds/) comes from tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from dashboard import build, devserver

VIEWPORT = {"width": 1280, "height": 800}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


@pytest.fixture(scope="session")
def server(seed_db, tmp_path_factory):
    """Base URL of one Streamlit server on the seed database, shared by every browser test."""
    if not Path(devserver.CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium)")
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    proc, url = devserver.start(build.REPO_ROOT / "app.py", seed_db, log)
    yield url
    devserver.stop(proc)


OFFICIAL_PDF = build.REPO_ROOT.parent / "shared" / "samples" / "pdf" / "A_RES_79_187.pdf"


@pytest.fixture(scope="session")
def pdf_app(tmp_path_factory):
    """A server on the seed report plus one official resolution PDF (A/RES/79/187): its URL and
    database (skips without Chromium or the samples)."""
    from etl.pipeline import build as etl_build

    if not Path(devserver.CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium)")
    if not OFFICIAL_PDF.exists():
        pytest.skip(f"sample PDF {OFFICIAL_PDF} is not there")
    db = tmp_path_factory.mktemp("pdf-db") / "resolutions.duckdb"
    etl_build([build.REPO_ROOT / "seeds", OFFICIAL_PDF], db, workers=1)
    log = tmp_path_factory.mktemp("pdf-server") / "server.log"
    proc, url = devserver.start(build.REPO_ROOT / "app.py", db, log)
    yield url, db
    devserver.stop(proc)
    assert "Traceback" not in log.read_text()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=devserver.CHROMIUM,
                                     args=devserver.CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Problems:
    """Console errors, page errors and requests to hosts other than this machine."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.external: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("request", self._request)

    def _console(self, msg) -> None:
        where = (msg.location or {}).get("url", "")
        # Streamlit probes <page>/_stcore/health before the root one on a deep link: a 404
        if msg.type == "error" and "/_stcore/" not in where:
            self.errors.append(f"console: {msg.text} ({where})")

    def _request(self, request) -> None:
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOCAL_HOSTS:
            self.external.append(request.url)


@pytest.fixture
def page(browser, server):
    """A fresh browser page at 1280x800; fails the test on console errors or outside requests."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    problems = Problems(tab)
    tab.problems = problems
    yield tab
    context.close()
    assert problems.external == [], "requests left this machine"
    assert problems.errors == []
