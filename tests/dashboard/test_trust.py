"""AppTest: what a careful user checks before trusting a figure: the Reader names what it shows, an
instrument keeps its colour, the instrument filter lists instruments as printed."""

from __future__ import annotations

from dash_helpers import app, assert_clean, figures

SEED = "000_729240fe4f2efc64"


def colours(fig: dict) -> dict[str, str]:
    """Trace name -> marker colour of a bar chart coloured by a dimension."""
    return {trace["name"]: trace["marker"]["color"] for trace in fig["data"]}


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
