"""AppTest: what a careful user checks before trusting a figure: the Reader names what it shows, an
instrument keeps its colour, the instrument filter lists instruments as printed."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from dash_helpers import app, assert_clean, figures, mark_traces

SEED = "000_729240fe4f2efc64"


def colours(fig: dict) -> dict[str, str]:
    """Trace name -> marker colour of a bar chart coloured by a dimension."""
    return {trace["name"]: trace["marker"]["color"] for trace in mark_traces(fig)}


def test_the_reader_follows_the_instrument_filter(seed) -> None:
    at = app(None, params={"reader": f"{SEED}:i7"})
    assert at.selectbox(key="overview_reader").value == f"{SEED}:i7"
    at.multiselect(key="filter_instrument").set_value([f"{SEED}:i5"]).run()
    assert_clean(at)
    reader = at.selectbox(key="overview_reader")
    assert reader.value == f"{SEED}:i5" and reader.options == ["Draft decision I — Re-election and appointment "
                                                              "of members of the Board of Trustees of the "
                                                              "United Nations Interregional Crime and Justice "
                                                              "Research Institute"]
    assert at.query_params["reader"] == f"{SEED}:i5"


def test_an_instrument_keeps_its_colour_across_filters_and_pages(seed) -> None:
    verbs = colours(figures(app("verbs"))[0])
    assert len(set(verbs.values())) == len(verbs)  # eight instruments, eight colours
    filtered = colours(figures(app("verbs", params={"body": "General Assembly"}))[0])
    assert filtered and set(filtered) < set(verbs)
    assert all(filtered[name] == verbs[name] for name in filtered)
    addressees = colours(figures(app("addressees", params={"view": "instrument"}))[0])
    assert set(addressees) - set(verbs) == set()  # the same names
    assert all(addressees[name] == verbs[name] for name in addressees)


def test_the_instrument_filter_lists_instruments_as_printed(seed) -> None:
    at = app("verbs")
    options = at.multiselect(key="filter_instrument").options
    assert [o.split(" — ")[0] for o in options] == [
        "Draft resolution I", "Draft resolution II", "Draft resolution III", "Draft resolution",
        "Draft decision I", "Draft decision II", "Resolution 33/1", "Decision 33/1"]


def test_headline_figures_equal_the_charts_they_summarise(seed) -> None:
    """One counting rule per figure: the Overview's funding figure is the Funding chart's total."""
    at = app(None)
    head = {m.label: int(m.value) for m in at.metric}
    funding = figures(app("funding"))[0]
    assert head["With funding wording"] == sum(sum(trace["x"]) for trace in funding["data"])
    table = [d.value for d in at.dataframe if "with_funding_wording" in d.value.columns][0]
    assert head["With funding wording"] == table["with_funding_wording"].sum()
    assert head["Requests"] == table["requests"].sum()


def test_a_deep_linked_paragraph_comes_first(seed) -> None:
    at = app("explorer", params={"paragraph": f"{SEED}:i1:p37"})
    assert_clean(at)
    main = [el for el in at.main if el.type in ("markdown", "text_input")]
    assert main[0].type == "markdown" and main[0].value.startswith("### Draft resolution I")
    assert at.text_input(key="explorer_q") is not None


@pytest.mark.parametrize("query", ["extra-budgetary", "Extrabudgetary", "extra\u2010budgetary"])
def test_search_ignores_case_and_hyphens_and_highlights(seed, query: str) -> None:
    at = app("explorer", params={"q": query})
    assert_clean(at)
    assert any(c.value.startswith("13 paragraphs match") for c in at.caption)
    assert any(":orange-background[extrabudgetary]" in m.value for m in at.markdown)


SCREENS = [("overview", {}), ("verbs", {}), ("verbs", {"view": "addressees"}), ("addressees", {}),
           ("addressees", {"view": "instrument"}), ("funding", {}), ("funding", {"view": "secretariat"}),
           ("timeline", {}), ("explorer", {"paragraph": f"{SEED}:i1:p37", "q": "resources"}),
           ("compare", {"old": f"{SEED}:i2", "new": f"{SEED}:i3"}), ("lineage", {})]
CODES = ("regular_budget", "donor_invitation", "paragraph(s)", "00:00:00", "funding_basis", " = ")


def visible_headers(element) -> list[str]:
    """A table's column headers as the browser shows them (labels from its column config)."""
    config = json.loads(element.proto.columns or "{}")
    return [config.get(c, {}).get("label") or str(c) for c in element.value.columns
            if not config.get(c, {}).get("hidden")]


@pytest.mark.parametrize(("page", "params"), SCREENS, ids=lambda v: str(v))
def test_no_internal_codes_on_screen(seed, page: str, params: dict) -> None:
    at = app(None if page == "overview" else page, params=params)
    assert_clean(at)
    for table in at.dataframe:
        assert not [h for h in visible_headers(table) if "_" in h], visible_headers(table)
        frame = table.value
        words = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])
                 and not pd.api.types.is_datetime64_any_dtype(frame[c])]
        assert not [c for c in words if frame[c].isna().any()], "a missing value shows as None"
        cells = frame[words].map(str).to_numpy().ravel()
        assert not any(code in cell for code in CODES[:4] for cell in cells)
    texts = [m.value for m in (*at.markdown, *at.caption, *at.subheader)]
    assert not [t for t in texts if any(code in t for code in CODES)]


def test_exports_say_what_they_show(seed) -> None:
    from datetime import date

    from dashboard import charts, downloads, filters
    from dashboard.scope import Scope

    note = downloads.export_note(filters.describe(Scope(verbs=("request",), funding=("regular_budget",))),
                                 date(2026, 12, 2))
    assert note == ("Resolution Explorer · filters: Verb: request; Funding condition: regular budget · "
                    "exported 2 December 2026")
    assert filters.describe(Scope()) == "no filters"
    fig = charts.horizontal_bars(pd.DataFrame({"verb": ["request"], "paragraphs": [3]}), "verb",
                                 "Operative paragraphs by lead verb", "Lead verb")
    page = downloads.figure_html(fig, note + " <script>")
    assert "<title>Operative paragraphs by lead verb</title>" in page
    assert "Verb: request; Funding condition: regular budget" in page and "&lt;script&gt;" in page
    exported = downloads.for_export(fig, note)
    assert exported.layout.height == fig.layout.height + downloads.NOTE_PX
    assert exported.layout.annotations[-1].text.startswith("Resolution Explorer · filters")


def test_a_phrase_is_found_ranked_and_highlighted(seed) -> None:
    at = app("explorer", params={"q": '"extrabudgetary resources" Secretary-General'})
    assert_clean(at)
    caption = next(c.value for c in at.caption if "match the search" in c.value)
    assert "best match first" in caption
    shown = [m.value for m in at.markdown if ":orange-background[" in m.value]
    assert shown and all(":orange-background[extrabudgetary]" in m and ":orange-background[resources]" in m
                         for m in shown)
    # the same words in another order are not the phrase
    reversed_phrase = app("explorer", params={"q": '"resources extrabudgetary"'})
    assert any(c.value.startswith("0 paragraphs match") for c in reversed_phrase.caption)
