"""The page behind a paragraph in a real browser: open an official PDF's paragraph in the Explorer,
show it on its page, check the image is there and that the downloaded PNG has the highlight on the
paragraph's box; page through the PDF; and fit a narrow window."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pymupdf
import pytest
from playwright.sync_api import Page, expect

from dashboard import pageview
from tests.e2e.conftest import OFFICIAL_PDF as SAMPLE
from tests.e2e.conftest import Problems
from tests.e2e.test_browser import SHOTS

pytestmark = pytest.mark.browser

PARAGRAPH = "A_RES_79_187:i1:p1"  # on page 1, with footnotes 1 and 2


@pytest.fixture
def paged(pdf_app):
    """The server on the seed report plus A/RES/79/187, and its database (conftest.pdf_app)."""
    return pdf_app


def settled(page: Page) -> None:
    page.wait_for_timeout(150)
    expect(page.locator('[data-test-script-state="notRunning"]')).to_be_attached()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


@pytest.mark.parametrize("width", [1280, 420])
def test_show_a_pdf_paragraph_on_its_page_and_download_it(browser, paged, width):
    url, db = paged
    with duckdb.connect(str(db), read_only=True) as con:
        boxes = json.loads(con.execute("select boxes from paragraphs where paragraph_id = ?",
                                       [PARAGRAPH]).fetchone()[0])
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems = Problems(page)
    try:
        page.goto(f"{url}/explorer?paragraph={PARAGRAPH}")
        expect(page.get_by_role("heading", name="Explorer", exact=True)).to_be_visible()
        settled(page)
        detail = page.locator(".st-key-explorer_detail")
        expect(detail.get_by_test_id("stImage")).to_have_count(0)
        detail.get_by_text("Show on the page", exact=True).click()
        settled(page)
        view = page.locator(".st-key-explorer_pageview_view")
        expect(view.get_by_text("Page 1 of A/RES/79/187 as printed, the paragraph framed in orange, "
                                "its footnotes in blue.")).to_be_visible()
        pictures = view.locator('[data-testid="stImage"] img')
        expect(pictures).to_have_count(2)  # the close-up and the whole page
        for i in range(2):  # really drawn, not a broken image
            pictures.nth(i).scroll_into_view_if_needed()
            expect(pictures.nth(i)).to_be_visible()
            assert pictures.nth(i).evaluate("img => img.complete && img.naturalWidth") > 300
        view.get_by_text("Page 1, close up").scroll_into_view_if_needed()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"pageview-{width}.png"))
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 10

        with page.expect_download() as png_download:
            view.get_by_role("button", name="⬇ Page 1 (PNG)").click()
        assert png_download.value.suggested_filename == "A_RES_79_187-preambular-1-page-1.png"
        png = Path(png_download.value.path()).read_bytes()
        assert png.startswith(b"\x89PNG")
        pix = pymupdf.Pixmap(png)
        assert (pix.width, pix.height) == (1224, 1584)  # the whole page at 144 dpi
        # the highlight's fill shows inside the paragraph's box, the page outside it stays white
        _, x0, y0, x1, y1 = boxes[0]
        zoom = pageview.ZOOM
        inside_box = pix.pixel(int((x0 - 1) * zoom), int((y0 + y1) / 2 * zoom))  # the left margin of the box
        assert inside_box[0] > 200 and inside_box[0] - inside_box[2] > 40, inside_box
        assert pix.pixel(int((x0 - 12) * zoom), int((y0 + y1) / 2 * zoom)) == (255, 255, 255)

        with page.expect_download() as pdf_download:
            view.get_by_role("button", name="⬇ The PDF (A_RES_79_187.pdf)").click()
        assert Path(pdf_download.value.path()).read_bytes() == SAMPLE.read_bytes()

        view.get_by_text("Browse the whole PDF here", exact=True).click()
        settled(page)
        number = view.get_by_label("Page (of 3)")
        expect(number).to_have_value("1")
        view.get_by_role("button", name="Next ▶").click()
        settled(page)
        expect(number).to_have_value("2")
        expect(view.get_by_text("Page 2 of 3 of A_RES_79_187.pdf")).to_be_visible()
        if width == 1280:
            number.scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / "pageview-browse.png"))
    finally:
        context.close()
    assert problems.external == [], "requests left this machine"
    assert problems.errors == []
