"""The dashboard in a real browser: pages load, clicks drill down, downloads, URL state."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from e2e_pages import PAGES
from playwright.sync_api import Page, expect

from dashboard import build, filters

# tests never rewrite tracked files: screenshots go to the (ignored) artifacts folder, and to
# docs/screenshots only when asked for (UPDATE_SCREENSHOTS=1 ./scripts/test.sh tests/e2e)
SHOTS = (build.REPO_ROOT / "docs" / "screenshots" if os.environ.get("UPDATE_SCREENSHOTS")
         else build.REPO_ROOT / "tests" / "e2e" / "artifacts" / "screenshots")
pytestmark = pytest.mark.browser

DOC = "000_729240fe4f2efc64"
DR1 = "Draft resolution I"
DR1_REQUESTS = ["3", "9", "13", "18", "19", "21", "22", "23", "24", "25", "26", "27"]


def settled(page: Page) -> None:
    """Wait until the script run triggered last has finished."""
    page.wait_for_timeout(150)
    expect(page.locator('[data-test-script-state="notRunning"]')).to_be_attached()


def open_app(page: Page, server: str, path: str, title: str) -> None:
    page.goto(f"{server}/{path}")
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    settled(page)


def filter_group(page: Page, title: str):
    """A filter group's section in the sidebar, by its title."""
    return page.get_by_test_id("stSidebar").get_by_test_id("stExpander").filter(has_text=title)


def open_filters(page: Page, label: str) -> None:
    """Open the sidebar section holding the filter labelled `label` (a click on its title; the
    rerun it starts draws the section's widgets)."""
    section = filter_group(page, filters.section_of(label))
    box = section.get_by_role("combobox", name=label, exact=True)
    # the server draws a section's widgets only while it is open (the <details> element keeps
    # its open attribute for a while after closing: not a sign of it)
    if box.count() == 0:
        section.locator("summary").click()
    # drawn by the run the click starts; a click on it before that run ends may be undone
    expect(box).to_be_visible()
    settled(page)
    box.scroll_into_view_if_needed()  # the list a click opens closes when the click scrolls


def chart(page: Page, index: int = 0):
    return page.get_by_test_id("stPlotlyChart").nth(index)


def click_mark(page: Page, mark) -> None:
    """Click a bar or marker at its centre (plotly's drag layer swallows element clicks)."""
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    settled(page)


def topmost(marks) -> object:
    expect(marks.first).to_be_visible()
    boxes = [(marks.nth(i).bounding_box()["y"], i) for i in range(marks.count())]
    return marks.nth(min(boxes)[1])


def verbatim_refs(page: Page, instrument: str) -> list[str]:
    """Paragraph numbers of the verbatim blocks listed under the charts."""
    text = "\n".join(page.get_by_test_id("stMarkdownContainer").all_inner_texts())
    return re.findall(rf"^{re.escape(instrument)}, para\. (\S+) · open", text, re.M)


def download(page: Page, button) -> bytes:
    """Click a download button and return the file's bytes."""
    with page.expect_download() as info:
        button.click()
    return Path(info.value.path()).read_bytes()


@pytest.mark.parametrize("path", PAGES)
def test_each_page_loads_with_its_charts_and_is_screenshotted(page, server, path):
    title, n_charts = PAGES[path]
    open_app(page, server, path, title)
    if n_charts:
        expect(chart(page, n_charts - 1)).to_be_visible()
        expect(chart(page, 0).locator(".main-svg").first).to_be_visible()
    assert page.get_by_test_id("stPlotlyChart").count() == n_charts
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)
    page.wait_for_timeout(500)  # let tables and charts finish drawing
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{path.split('?')[0] or 'overview'}.png"))


def test_clicking_a_bar_lists_the_paragraphs_behind_it(page, server):
    open_app(page, server, f"verbs?instrument={DOC}:i1", "Verbs")
    bars = chart(page).locator("g.trace.bars g.point path")
    click_mark(page, topmost(bars))  # the longest bar: 'request'
    drill = page.get_by_text(f"12 paragraphs — verb: request · instrument: {DR1}")
    expect(drill).to_be_visible()
    assert verbatim_refs(page, DR1) == DR1_REQUESTS
    expect(page.get_by_text("Requests the Secretary-General to finalize the discussion guide",
                            exact=False).first).to_be_attached()


def test_tabs_switch_the_chart_and_the_url(page, server):
    open_app(page, server, "addressees", "Addressees")
    page.get_by_role("tab", name="Per addressee group").click()
    settled(page)
    expect(chart(page).get_by_text("Requests per addressee group")).to_be_visible()
    assert page.get_by_test_id("stPlotlyChart").count() == 1
    assert "view=group" in page.url
    page.reload()
    settled(page)
    expect(page.get_by_role("tab", name="Per addressee group")).to_have_attribute(
        "aria-selected", "true")
    expect(chart(page).get_by_text("Requests per addressee group")).to_be_visible()


def test_clicking_heatmap_cells_and_timeline_bars_drills_down(page, server):
    open_app(page, server, f"verbs?view=addressees&instrument={DOC}:i1", "Verbs")
    cells = chart(page).locator("path.point")
    expect(cells.first).to_be_visible()
    click_mark(page, cells.first)
    expect(page.get_by_text(re.compile(r"^\d+ paragraphs? — verb: .+ · addressee: "))
           ).to_be_visible()
    open_app(page, server, "timeline", "Timeline")
    bars = chart(page).locator("g.trace.bars g.point path")
    click_mark(page, topmost(bars))
    expect(page.get_by_text(re.compile(r"^\d+ paragraphs? — event: "))).to_be_visible()


def test_csv_and_html_downloads_hold_the_plotted_rows(page, server):
    open_app(page, server, f"verbs?instrument={DOC}:i1", "Verbs")
    buttons = page.get_by_test_id("stDownloadButton")
    csv = download(page, buttons.filter(has_text="CSV").first).decode()
    assert csv.splitlines()[0] == "verb,instrument,paragraphs"
    assert f"request,{DR1},12" in csv.splitlines()
    html = download(page, buttons.filter(has_text="HTML").first).decode()
    assert "<html>" in html and "Operative paragraphs by lead verb" in html
    assert "plotly.js v" in html or "Plotly" in html  # the library itself is embedded
    assert not re.search(r"<script[^>]+src=\"https?://", html)  # nothing fetched online


def test_modebar_and_server_side_png_downloads(page, server):
    open_app(page, server, "addressees", "Addressees")
    first = chart(page)
    first.hover()
    png = download(page, first.locator('.modebar-btn[data-title^="Download plot"]'))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    svg_button = page.get_by_test_id("stDownloadButton").filter(has_text="SVG").first
    if svg_button.count():  # offered only when a Chromium exists for kaleido
        assert b"<svg" in download(page, svg_button)[:400]


def test_url_query_parameters_restore_the_filters(page, server):
    open_app(page, server, "verbs?verb=invite&verb=urge&layout=split", "Verbs")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("invite", exact=True)).to_be_visible()
    expect(sidebar.get_by_text("urge", exact=True)).to_be_visible()
    labels = chart(page).locator(".textpoint text")  # each verb's label above its bars
    expect(labels).to_have_count(2)
    assert sorted(labels.all_text_contents()) == ["invite", "urge"]
    expect(page.get_by_label("Split (side by side)")).to_be_checked()
    assert "verb=invite" in page.url and "layout=split" in page.url


def test_root_url_with_a_paragraph_opens_it(page, server):
    open_app(page, server, f"?paragraph={DOC}:i1:p27", "Explorer")
    expect(page.get_by_text("Draft resolution I, para. 13").first).to_be_visible()
    expect(page.get_by_text("Requests the Secretary-General to finalize the discussion guide",
                            exact=False).first).to_be_visible()


def test_a_narrow_window_still_shows_the_chart(browser, server):
    context = browser.new_context(viewport={"width": 420, "height": 800})
    tab = context.new_page()
    open_app(tab, server, "verbs", "Verbs")
    expect(chart(tab)).to_be_visible()
    tab.wait_for_timeout(500)
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 430
    tab.screenshot(path=str(SHOTS / "verbs-narrow.png"))
    context.close()


def test_a_deep_link_to_a_cold_server_goes_through_the_router(browser, seed_db, tmp_path):
    """The first request a fresh server gets is a deep link: Streamlit's legacy mode (a pages/
    folder) would run the page alone; filters.scope() runs app.py instead, and the sidebar
    filters, the navigation and the URL's filter are all there."""
    from dashboard import devserver

    proc, url = devserver.start(build.REPO_ROOT / "app.py", seed_db, tmp_path / "server.log")
    try:
        page = browser.new_page()
        page.goto(f"{url}/verbs?kind=operative&verb=request")
        expect(page.get_by_role("heading", name="Verbs", exact=True)).to_be_visible(timeout=30_000)
        settled(page)
        expect(page.get_by_role("heading", name="Filters")).to_be_visible()
        expect(page.get_by_test_id("stSidebarNavLink").filter(has_text="Reports due")).to_be_visible()
        assert "verb=request" in page.url and "kind=operative" in page.url
        expect(chart(page)).to_be_visible()
        page.close()
    finally:
        devserver.stop(proc)
    assert "Traceback" not in (tmp_path / "server.log").read_text()


def test_filter_sections_open_on_a_click_and_keep_their_filters_when_closed(page, server):
    open_app(page, server, "verbs", "Verbs")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_test_id("stMultiSelect")).to_have_count(0)  # both sections closed
    open_filters(page, "Verb")
    sidebar.get_by_role("combobox", name="Verb", exact=True).click()
    page.keyboard.type("invite")
    page.get_by_role("option", name="invite", exact=True).click()
    page.keyboard.press("Escape")
    settled(page)
    expect(page).to_have_url(re.compile(r"verb=invite"))
    filter_group(page, "Paragraphs").locator("summary").click()  # closed again
    settled(page)
    expect(sidebar.get_by_test_id("stMultiSelect")).to_have_count(0)
    expect(sidebar.get_by_text("Verb: invite", exact=True)).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Addressees").click()
    expect(page.get_by_role("heading", name="Addressees", exact=True)).to_be_visible()
    settled(page)
    expect(page).to_have_url(re.compile(r"verb=invite"))
    expect(sidebar.get_by_test_id("stMultiSelect")).to_have_count(0)  # still closed
    expect(sidebar.get_by_text("Verb: invite", exact=True)).to_be_visible()
    open_filters(page, "Verb")  # and an open section stays open on the next page
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Funding").click()
    expect(page.get_by_role("heading", name="Funding", exact=True)).to_be_visible()
    settled(page)
    expect(sidebar.get_by_role("combobox", name="Verb", exact=True)).to_be_visible()
    expect(sidebar.get_by_text("invite", exact=True)).to_be_visible()
