"""Documents in a real browser: an official PDF's symbol links to undocs.org, nothing is fetched
from there, and the Overview and Explorer fit a narrow window."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import VIEWPORT, Problems

pytestmark = pytest.mark.browser

SYMBOL = "A/RES/79/187"
PARAGRAPH = "A_RES_79_187:i1:p1"


@pytest.fixture
def pdf_server(pdf_app):
    """The server on the seed report plus A/RES/79/187 (conftest.pdf_app)."""
    return pdf_app[0]


def visit(page: Page, url: str, title: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    page.wait_for_timeout(150)
    expect(page.locator('[data-test-script-state="notRunning"]')).to_be_attached()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


@pytest.mark.parametrize("width", [VIEWPORT["width"], 420])
def test_a_pdf_paragraph_links_its_symbol_and_fits_the_window(browser, pdf_server, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems = Problems(page)
    try:
        visit(page, f"{pdf_server}/explorer?paragraph={PARAGRAPH}", "Explorer")
        expect(page.get_by_text(re.compile(rf"^Source: {re.escape(SYMBOL)}, pages? \d+ \(lines "))
               ).to_be_visible()
        links = page.locator(f'a[href="https://undocs.org/{SYMBOL}"]')
        expect(links.first).to_be_visible()
        assert links.count() == 2  # the document line and the source line
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 10
        visit(page, f"{pdf_server}/", "Overview")
        expect(page.get_by_text("2 documents")).to_be_visible()
        expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 10
    finally:
        context.close()
    assert problems.external == [], "requests left this machine"
    assert problems.errors == []


def test_a_row_of_the_documents_table_opens_its_reader(browser, pdf_server):
    page = browser.new_page(viewport=VIEWPORT)
    try:
        visit(page, pdf_server, "Overview")
        table = page.get_by_test_id("stDataFrame").first
        box = table.bounding_box()
        assert box is not None
        # documents in id order: the seed report, then A/RES/79/187; the row's selection box is at its left
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 35 + 17)
        reader = page.get_by_role("combobox", name="Instrument to read")
        expect(reader).to_have_value(re.compile(re.escape(SYMBOL)), timeout=10_000)
        expect(page.get_by_text("Reaffirming").first).to_be_visible()
    finally:
        page.close()


def test_the_reports_due_calendar_holds_the_requests_the_page_counts(browser, pdf_server):
    page = browser.new_page(viewport=VIEWPORT)
    try:
        visit(page, pdf_server + "/reports", "Reports due")
        caption = page.get_by_text(re.compile(r"^The calendar holds \d+ request")).inner_text()
        held = int(re.search(r"holds (\d+)", caption).group(1))
        assert held > 0
        with page.expect_download() as info:
            page.get_by_role("button", name="⬇ Reports due (.ics)").click()
        calendar = info.value.path().read_text(encoding="utf-8")
        assert calendar.count("BEGIN:VEVENT") == held
        assert "Report due: " in calendar
    finally:
        page.close()
