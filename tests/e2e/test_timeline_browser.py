"""The Timeline in Chromium at 1280 and 420 px: the plot keeps the width, every mark is visible and
inside it, no label is clipped, the legend explains the marks, a click drills down, the
background dates have their own chart, the calendar links back to the app; and on the 265 sample
PDFs the chart stays readable."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from test_browser import SHOTS, chart, download, open_app, settled

from dashboard import build, devserver
from dashboard.text import event_words

pytestmark = pytest.mark.browser
WIDTHS = [1280, 420]
CONGRESS = event_words("Fifteenth United Nations Congress on Crime Prevention and Criminal "
                       "Justice | 2026-04-25 | 2026-04-30 | day | congress | planned")


def boxes(locator) -> list[dict]:
    return [locator.nth(i).bounding_box() for i in range(locator.count())]


def inside(box: dict, area: dict, slack: float = 1.0) -> bool:
    return (box["x"] >= area["x"] - slack and box["x"] + box["width"] <= area["x"] + area["width"] + slack
            and box["y"] >= area["y"] - slack and box["y"] + box["height"] <= area["y"] + area["height"] + slack)


def shoot_chart(page: Page, width: int, name: str, index: int = 0) -> None:
    """A screenshot of a whole chart: the window made as tall as the chart first (Streamlit's
    main column scrolls, so a taller element would be cut at the window's bottom)."""
    page.evaluate("document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")
    box = chart(page, index).bounding_box()
    page.set_viewport_size({"width": width, "height": max(800, int(box["y"] + box["height"]) + 50)})
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / name), clip=chart(page, index).bounding_box())
    page.set_viewport_size({"width": width, "height": 800})


def check_readable(page: Page, width: int, bars: int, points: int | None = None) -> None:
    """The first chart at this width: the plot area's share, its marks, labels and legend."""
    figure = chart(page)
    expect(figure.locator(".main-svg").first).to_be_visible()
    figure.scroll_into_view_if_needed()
    svg = figure.locator(".main-svg").first.bounding_box()
    plot = figure.locator(".nsewdrag").first.bounding_box()
    assert plot["width"] >= width / 2, (plot, width)
    # every event's bar is there and thick enough to see, inside the plot area
    found = boxes(figure.locator("g.cartesianlayer g.trace.bars g.point path"))
    # the legend's own bars stand far below the plot, out of sight and of reach
    parked = [b for b in found if b["y"] > svg["y"] + svg["height"]]
    found = [b for b in found if b not in parked]
    assert len(found) == bars
    assert all(b["height"] >= 10 and b["width"] >= 1 and inside(b, plot) for b in found), found
    # the day and derived-date diamonds: as big as a finger's tap, inside the plot area
    diamonds = boxes(figure.locator("g.cartesianlayer g.trace.scatter path.point"))
    if points is not None:
        assert len(diamonds) == points
    assert all(b["width"] >= 10 and b["height"] >= 10 and inside(b, plot, 7) for b in diamonds)
    # labels stand inside the figure, none cut at its right edge
    labels = boxes(figure.locator("g.textpoint"))
    assert len(labels) >= bars
    assert all(inside(b, svg) for b in labels), [b for b in labels if not inside(b, svg)]
    # the legend, below the plot, says what the marks mean
    legend = figure.locator("g.legend")
    assert legend.bounding_box()["y"] >= plot["y"] + plot["height"] - 1
    assert inside(legend.bounding_box(), svg)
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 10


@pytest.mark.parametrize("width", WIDTHS)
def test_the_plan_is_readable_and_every_mark_visible(page, server, width):
    page.set_viewport_size({"width": width, "height": 800})
    open_app(page, server, "timeline", "Timeline")
    check_readable(page, width, bars=12, points=4)
    legend = " ".join(chart(page).locator("g.legend text.legendtext").all_text_contents())
    for words in ("Congress", "Report due", "Budget", "exact day(s)", "derived from another event",
                  "month or year only", "session: dates not stated"):
        assert words in legend
    # the derived dates are open diamonds, the exact days filled ones: a diamond never hides
    page.evaluate("document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")
    page.wait_for_timeout(300)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"timeline-{width}.png"))
    shoot_chart(page, width, f"timeline-chart-{width}.png")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_diamond_drills_down_and_its_hover_says_what_and_where(page, server, width):
    page.set_viewport_size({"width": width, "height": 800})
    open_app(page, server, "timeline", "Timeline")
    points = chart(page).locator("g.cartesianlayer g.trace.scatter path.point")
    expect(points.first).to_be_visible()
    ordered = sorted(range(points.count()), key=lambda i: points.nth(i).bounding_box()["y"])
    congress = points.nth(ordered[2])  # Pre-Congress, Abu Dhabi declaration, Congress, segment
    congress.scroll_into_view_if_needed()
    box = congress.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = chart(page).locator("g.hoverlayer")
    expect(hover).to_contain_text("As written: “from 25 to 30 April 2026”")
    expect(hover).to_contain_text("Draft resolution I, para. 5")
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    settled(page)
    expect(page.get_by_text(f"1 paragraph — event: {CONGRESS}")).to_be_visible()
    expect(page.get_by_text("Decides to hold the Fifteenth Congress in Abu Dhabi",
                            exact=False).first).to_be_attached()


def test_background_dates_have_their_own_chart_and_the_plan_keeps_its_axis(page, server):
    open_app(page, server, "timeline", "Timeline")
    expect(chart(page).locator("g.xtick text").first).to_be_visible()
    ticks = chart(page).locator("g.xtick text").all_text_contents()
    page.get_by_text("Show the background dates too").click()
    settled(page)
    expect(chart(page, 1).locator(".main-svg").first).to_be_visible()
    assert "history=1" in page.url
    assert chart(page).locator("g.xtick text").all_text_contents() == ticks
    years = [int(y) for t in ticks for y in re.findall(r"\b(19\d\d|20\d\d)\b", t)]
    assert years and min(years) >= 2023 and max(years) <= 2028
    background = " ".join(chart(page, 1).locator("g.xtick text").all_text_contents())
    assert re.search(r"\b19[5-9]0\b", background)
    shoot_chart(page, 1280, "timeline-background-1280.png", index=1)
    page.set_viewport_size({"width": 420, "height": 800})
    page.wait_for_timeout(500)
    second = chart(page, 1)
    plot = second.locator(".nsewdrag").first.bounding_box()
    assert plot["width"] >= 210
    shoot_chart(page, 420, "timeline-background-420.png", index=1)


def test_the_calendar_quotes_its_paragraphs_and_links_to_them(page, server):
    open_app(page, server, "timeline", "Timeline")
    button = page.get_by_test_id("stDownloadButton").filter(has_text="All planned events")
    expect(button).to_contain_text("(.ics, 7)")
    text = download(page, button).decode().replace("\r\n ", "")
    assert text.count("BEGIN:VEVENT") == 7
    assert "SUMMARY:Fifteenth United Nations Congress on Crime Prevention and Criminal Justice\r\n" in text
    assert "SUMMARY:High-level segment of the Fifteenth Congress (date derived)" in text
    assert "eighty-first session" not in text  # a session with no stated dates is left out
    link = f"{server}/?paragraph=000_729240fe4f2efc64%3Ai1%3Ap19"
    assert f"Open the paragraph: {link}" in text and f"URL;VALUE=URI:{link}" in text
    page.goto(link)
    expect(page.get_by_role("heading", name="Explorer", exact=True)).to_be_visible()


@pytest.fixture(scope="module")
def samples_server(samples_db, tmp_path_factory):
    """A second server, on the seed and the 265 sample PDFs (skipped without them)."""
    log = tmp_path_factory.mktemp("streamlit-samples") / "server.log"
    proc, url = devserver.start(build.REPO_ROOT / "app.py", samples_db, log)
    yield url
    devserver.stop(proc)


@pytest.mark.parametrize("width", WIDTHS)
def test_many_documents_still_give_a_readable_chart(page, samples_server, width):
    page.set_viewport_size({"width": width, "height": 800})
    open_app(page, samples_server, "timeline", "Timeline")
    expect(page.get_by_text(re.compile(r"^The chart shows 20 of the \d+ planned events"))
           ).to_be_visible()
    check_readable(page, width, bars=20)
    page.wait_for_timeout(300)
    shoot_chart(page, width, f"timeline-samples-chart-{width}.png")
