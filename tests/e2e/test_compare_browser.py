"""Compare in a real browser: take the counterpart the app proposes, read the counts and the changes,
switch to the redline, download the redline and the alignment, and fit a narrow window."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dashboard import build, devserver
from etl.pipeline import build as etl_build
from tests.e2e.conftest import Problems
from tests.e2e.test_browser import SHOTS
from tests.etl_tests.etl_snippets import NEW_TEXT, OLD_TEXT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pair_server(tmp_path_factory):
    """A server on two versions of one resolution, a session apart."""
    if not Path(devserver.CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium)")
    source = tmp_path_factory.mktemp("pair-src")
    (source / "old.md").write_text(OLD_TEXT, encoding="utf-8")
    (source / "new.md").write_text(NEW_TEXT, encoding="utf-8")
    db = tmp_path_factory.mktemp("pair-db") / "resolutions.duckdb"
    etl_build([source], db, workers=1)
    log = tmp_path_factory.mktemp("pair-server") / "server.log"
    proc, url = devserver.start(build.REPO_ROOT / "app.py", db, log)
    yield url
    devserver.stop(proc)
    assert "Traceback" not in log.read_text()


def settled(page: Page) -> None:
    page.wait_for_timeout(150)
    expect(page.locator('[data-test-script-state="notRunning"]')).to_be_attached()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def metric(page: Page, label: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has=page.get_by_text(label, exact=True))
    return box.get_by_test_id("stMetricValue").inner_text()


@pytest.mark.parametrize("width", [1280, 420])
def test_take_the_counterpart_read_the_changes_and_download(browser, pair_server, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems = Problems(page)
    try:
        page.goto(f"{pair_server}/compare?old=old%3Ai1")
        expect(page.get_by_role("heading", name="Compare", exact=True)).to_be_visible()
        settled(page)
        page.get_by_role("button", name="the same resolution, a later session").click()
        expect(page.get_by_text("Mandate-level changes: 2")).to_be_visible()
        settled(page)
        expect(page).to_have_url(re.compile(r"compare\?old=old%3Ai1&new=new%3Ai1$"))
        assert [metric(page, m) for m in ("Unchanged", "Moved", "Added")] == ["5", "1", "1"]
        expect(page.get_by_text("operative 1 → operative 2 · moved and amended")).to_be_visible()
        page.get_by_text("Redline", exact=True).click()
        settled(page)
        expect(page).to_have_url(re.compile(r"view=redline"))
        deleted = page.locator("del, s").filter(has_text="Requests")  # the struck-through old verb
        expect(deleted.first).to_be_visible()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"compare-{width}.png"))
        page.get_by_text("Mandate-level changes: 2").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"compare-{width}-changes.png"))
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 10

        with page.expect_download() as html_download:
            page.get_by_role("button", name="Redline (HTML)").click()
        html = Path(html_download.value.path()).read_text(encoding="utf-8")
        assert "<title>Changes from A/RES/79/1 to A/RES/80/1</title>" in html
        assert "<del>Requests</del> <ins>Encourages</ins>" in html
        with page.expect_download() as csv_download:
            page.get_by_role("button", name="Alignment (CSV)").click()
        rows = list(csv.DictReader(io.StringIO(Path(csv_download.value.path()).read_text(encoding="utf-8"))))
        assert [r["status"] for r in rows] == ["unchanged", "added", "unchanged", "unchanged", "moved",
                                               "unchanged", "unchanged"]
    finally:
        context.close()
    assert problems.external == [], "requests left this machine"
    assert problems.errors == []
