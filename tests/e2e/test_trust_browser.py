"""What a careful user checks in a real browser: the Reader box names the text shown below it, a
deep-linked paragraph is in the first screen, and every chart keeps a readable plot at 420 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import Problems
from tests.e2e.test_browser import DOC, SHOTS, open_app, open_filters, settled

pytestmark = pytest.mark.browser

CHART_PAGES = ["verbs", "verbs?view=addressees", "addressees", "addressees?view=instrument", "funding",
               "funding?view=secretariat"]


def test_the_reader_box_names_what_it_shows_after_a_filter(page, server):
    open_app(page, server, f"?reader={DOC}%3Ai7", "Overview")
    reader = page.get_by_role("combobox", name="Instrument to read")
    expect(reader).to_have_value(re.compile(r"^Resolution 33/1 — "))
    open_filters(page, "Instrument")
    instrument = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Instrument")
    instrument.click()
    page.get_by_role("option", name="Draft decision I —").first.click()
    page.keyboard.press("Escape")
    settled(page)
    expect(reader).to_have_value(re.compile(r"^Draft decision I — "))
    expect(page.get_by_text("decides to approve the re-election of", exact=False).first).to_be_visible()


def test_a_deep_linked_paragraph_is_in_the_first_screen(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    problems = Problems(page)
    try:
        open_app(page, server, f"explorer?paragraph={DOC}%3Ai1%3Ap37", "Explorer")
        heading = page.get_by_role("heading", name="Draft resolution I, para.", exact=False)
        expect(heading).to_be_visible()
        box = heading.bounding_box()
        assert box is not None and box["y"] + box["height"] < 800
    finally:
        context.close()
    assert problems.errors == []


@pytest.mark.parametrize("path", CHART_PAGES)
def test_charts_keep_half_the_width_at_420_px(browser, server, path):
    context = browser.new_context(viewport={"width": 420, "height": 900})
    page = context.new_page()
    problems = Problems(page)
    try:
        page.goto(f"{server}/{path}")
        plot = page.locator(".stPlotlyChart .nsewdrag").first  # plotly's plot area
        expect(plot).to_be_attached(timeout=30_000)
        settled(page)
        width = float(plot.get_attribute("width"))
        assert width >= 420 / 2, f"plot area {width:.0f} px wide"
        assert page.evaluate("document.documentElement.scrollWidth") <= 420 + 10
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"narrow-{path.replace('?view=', '-')}.png"))
    finally:
        context.close()
    assert problems.external == [] and problems.errors == []
