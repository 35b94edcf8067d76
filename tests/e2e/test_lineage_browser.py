"""Lineage in a real browser: pick a document, choose in the table of what it recalls one
resolution, read its citing paragraph and follow its link, read what recalls that one, click the
graph; readable at 1280 and 420 px."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dashboard import build, devserver
from etl.pipeline import build as etl_build
from tests.e2e.conftest import Problems

pytestmark = pytest.mark.browser

SAMPLES = build.REPO_ROOT.parent / "shared" / "samples" / "pdf"
# A/RES/80/229 and the six resolutions of the samples it recalls
FILES = ["A_RES_80_229", "A_RES_79_186", "A_RES_79_187", "A_RES_79_188", "A_RES_79_189",
         "A_RES_80_226", "A_RES_80_9"]
ROW_PX = 35  # a data grid's header and rows
SHOTS = (build.REPO_ROOT / "docs" / "screenshots" if os.environ.get("UPDATE_SCREENSHOTS")
         else build.REPO_ROOT / "tests" / "e2e" / "artifacts" / "screenshots")


@pytest.fixture(scope="module")
def lineage_server(tmp_path_factory):
    """A server on the seed report and seven sample resolutions that cite one another."""
    if not Path(devserver.CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium)")
    if not SAMPLES.is_dir():
        pytest.skip(f"the sample PDFs ({SAMPLES}) are not there")
    source = tmp_path_factory.mktemp("lineage-src")
    for name in FILES:
        (source / f"{name}.pdf").write_bytes((SAMPLES / f"{name}.pdf").read_bytes())
    db = tmp_path_factory.mktemp("lineage-db") / "resolutions.duckdb"
    etl_build([build.REPO_ROOT / "seeds", source], db, workers=1)
    log = tmp_path_factory.mktemp("lineage-server") / "server.log"
    proc, url = devserver.start(build.REPO_ROOT / "app.py", db, log)
    yield url
    devserver.stop(proc)
    assert "Traceback" not in log.read_text()


def settled(page: Page) -> None:
    """Wait until the last run has finished and drawn."""
    page.wait_for_timeout(200)
    expect(page.locator('[data-test-script-state="notRunning"]')).to_be_attached()
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


def metric(page: Page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def doc_link(page: Page, symbol: str):
    return page.get_by_test_id("stPageLink").filter(
        has=page.get_by_text(symbol, exact=True)).first


def choose_row(page: Page, table, row: int) -> None:
    """Tick a row of a data grid (drawn on a canvas: click where the row's box stands)."""
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + ROW_PX * (row + 1) + ROW_PX / 2)
    settled(page)


def pick(page: Page, words: str, option: str) -> None:
    """Search the document picker and choose an option."""
    picker = page.get_by_test_id("stSelectbox").first
    picker.click()
    page.keyboard.type(words)
    page.get_by_role("option", name=option).first.click()  # a substring of its name
    settled(page)


def test_pick_a_document_follow_what_it_recalls_and_read_the_result(browser, lineage_server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems = Problems(page)
    try:
        page.goto(f"{lineage_server}/lineage")
        expect(page.get_by_role("heading", name="Lineage", exact=True)).to_be_visible()
        settled(page)
        pick(page, "80/229", "A/RES/80/229 — Strengthening")
        assert "doc=A_RES_80_229" in page.url
        expect(metric(page, "Recalls")).to_have_text("6")
        expect(metric(page, "Recalled by")).to_have_text("0")
        # the six it recalls in a table, the most cited first and open below it: 80/226
        table = page.locator(".st-key-lineage_recalls_A_RES_80_229").get_by_test_id("stDataFrame")
        chosen = page.locator(".st-key-lineage_recalls_A_RES_80_229_chosen")
        expect(table.locator("#glide-cell-1-0")).to_have_text("A/RES/80/226")
        expect(chosen.get_by_test_id("stPageLink")).to_have_text(re.compile(r"A/RES/80/226$"))
        # paragraph 38 welcomes 80/226 and reaffirms 76/182, 77/232, 78/224 and 79/187
        expect(table.locator("#glide-cell-1-2")).to_have_text("A/RES/79/187")
        choose_row(page, table, 2)
        expect(chosen.get_by_text("1 citation · session 79 · adopted 17 December 2024")
               ).to_be_visible()
        expect(chosen.get_by_text(re.compile(r"^Resolution 80/229, para\. 38 · cited as “79/187”"))
               ).to_be_visible()
        expect(page.get_by_test_id("stPageLink")).to_have_count(1)  # the chosen one alone
        doc_link(page, "A/RES/79/187").click()
        settled(page)
        expect(page.get_by_test_id("stMarkdownContainer").filter(
            has_text="A/RES/79/187 — Reducing reoffending through rehabilitation and "
                     "reintegration").first).to_be_visible()
        expect(metric(page, "Recalls")).to_have_text("0")
        expect(metric(page, "Recalled by")).to_have_text("1")
        expect(page).to_have_url(re.compile(r"/lineage\?doc=A_RES_79_187$"))
        expect(page.get_by_test_id("stMain").get_by_role("combobox", name="Document")
               ).to_have_value(re.compile(r"^A/RES/79/187 — "))
        # what recalls it: A/RES/80/229, paragraph 38, read in its own words
        expect(doc_link(page, "A/RES/80/229")).to_be_visible()
        expect(page.get_by_text("The citing paragraph (1)")).to_be_visible()
        cited_as = re.compile(r"^Resolution 80/229, para\. 38 · cited as “79/187”")
        expect(page.get_by_text(cited_as).first).to_be_visible()
        expect(page.get_by_text(re.compile(r"78/224 of 19 December 2023 and 79/187 of 17 "
                                           r"December 2024 on reducing reoffending"))
               .first).to_be_visible()
        # the neighbourhood graph: A/RES/80/229 on the right; a click on it opens it here
        graph = page.get_by_test_id("stPlotlyChart").first
        expect(graph.get_by_text("Recalled by")).to_be_visible()
        node = graph.locator("g.trace.scatter path.point").first
        node.scroll_into_view_if_needed()
        box = node.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        settled(page)
        expect(metric(page, "Recalls")).to_have_text("6")
        expect(page).to_have_url(re.compile(r"doc=A_RES_80_229"))
        page.get_by_role("heading", name="Lineage", exact=True).scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "lineage.png"))
        # the whole-database view
        page.get_by_role("tab", name="Most-cited resolutions").click()
        settled(page)
        expect(page.get_by_test_id("stPlotlyChart").first.get_by_text(
            "The 30 most-cited resolutions")).to_be_visible()
        assert "view=cited" in page.url
        page.screenshot(path=str(SHOTS / "lineage-most-cited.png"))
    finally:
        context.close()
    assert problems.external == [], "requests left this machine"
    assert problems.errors == []


def test_lineage_fits_a_narrow_window(browser, lineage_server):
    width = 420
    context = browser.new_context(viewport={"width": width, "height": 1400})
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems = Problems(page)
    try:
        page.goto(f"{lineage_server}/lineage?doc=A_RES_80_229")
        expect(page.get_by_role("heading", name="Lineage", exact=True)).to_be_visible()
        settled(page)
        expect(doc_link(page, "A/RES/80/226")).to_be_visible()
        expect(page.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first
               ).to_be_visible()
        page.wait_for_timeout(500)
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 10
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "lineage-narrow.png"))
    finally:
        context.close()
    assert problems.external == [], "requests left this machine"
    assert problems.errors == []
