"""AppTest: every page renders, filters change the figures, clicks drill down, the URL restores."""

from __future__ import annotations

import pytest
from dash_helpers import app, assert_clean, drilldown, figures, mark_traces, marks, select, values

from dashboard import filters
from dashboard.text import escape_md, event_words
from etl.lexicon import FUNDING_LABELS

PAGES = ["overview", "verbs", "addressees", "funding", "timeline", "explorer"]
CHARTS = [  # (page, tab: the `view` URL parameter, None = the first tab, chart key)
    ("verbs", None, "verbs_bars"),
    ("verbs", "addressees", "verbs_heatmap"),
    ("addressees", None, "addressees_each"),
    ("addressees", "group", "addressees_group"),
    ("addressees", "verbs", "addressees_mix"),
    ("addressees", "instrument", "addressees_instrument"),
    ("funding", None, "funding_instrument"),
    ("funding", "addressee", "funding_addressee"),
    ("funding", "secretariat", "funding_secretariat"),
    ("timeline", None, "timeline_chart"),
]
DR1 = "Draft resolution I"


def in_words(value: object) -> str:
    """A mark's value as a drill-down heading says it (funding kinds and events in words)."""
    text = str(value)
    return event_words(text) if " | " in text else FUNDING_LABELS.get(text, text)


def categories(fig: dict) -> set:
    """The category labels on the y axis of a horizontal bar chart."""
    return {y for trace in mark_traces(fig) for y in values(trace["y"])}


def trace_names(fig: dict) -> set:
    return {trace.get("name") for trace in mark_traces(fig)}


def open_tab(page: str, view: str | None, params: dict | None = None):
    return app(page, params=(params or {}) | ({"view": view} if view else {}))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("db", ["tiny", "seed"])
def test_every_page_renders(request, db, page):
    request.getfixturevalue(db)
    at = app(None if page == "overview" else page)
    assert_clean(at)
    assert len(figures(at)) == sum(1 for p, view, _ in CHARTS if p == page and view is None)


@pytest.mark.parametrize("page, view, key", CHARTS)
@pytest.mark.parametrize("db", ["tiny", "seed"])
def test_each_tab_sends_its_own_chart_only(request, db, page, view, key):
    request.getfixturevalue(db)
    at = open_tab(page, view)
    assert_clean(at)
    assert len(figures(at)) == 1
    # the one chart on the page is this tab's (Streamlit ends a keyed element's id with its key)
    assert [el.proto.id.rsplit("-", 1)[-1] for el in at.get("plotly_chart")] == [key]
    layout = figures(at)[0]["layout"]
    assert layout["title"]["text"]
    assert layout["xaxis"]["title"]["text"] and layout["yaxis"]["title"]["text"]


@pytest.mark.parametrize("page, view, key", CHARTS)
def test_every_mark_drills_down_to_matching_paragraphs(seed, page, view, key):
    at = open_tab(page, view)
    found = marks(figures(at)[0])
    if key == "timeline_chart":  # bars measure time; customdata = [event_key, paragraphs]
        found = [(custom[:1], custom[1]) for custom, _ in found]
    assert found, key
    # the biggest and the smallest mark of each chart
    ordered = sorted(found, key=lambda m: float(m[1]))
    for custom, value in (ordered[-1], ordered[0]):
        select(at, key, custom)
        assert_clean(at)
        heading, refs = [d for d in drilldown(at)
                         if all(escape_md(in_words(v)) in d[0] for v in custom)][-1]
        assert heading.startswith(f"**{int(float(value))} paragraph")
        assert len(refs) == int(float(value)) == len(set(refs))
    select(at, key, ["no such", "mark"] if len(custom) > 1 else ["no such mark"])


def test_tabs_follow_the_url_and_keep_their_choices(tiny):
    at = open_tab("verbs", "nonsense")
    assert any("view='nonsense'" in i.value for i in at.info)
    assert figures(at)[0]["layout"]["title"]["text"] == "Operative paragraphs by lead verb"
    at.radio(key="verbs_layout").set_value("split").run()
    at.session_state["verbs_view"] = "Verb × addressee"
    at.run()
    assert at.query_params["view"] in ("addressees", ["addressees"])
    assert "layout" not in at.query_params  # the closed tab's choice is not part of the view
    assert figures(at)[0]["layout"]["title"]["text"].startswith("What each addressee")
    at.session_state["verbs_view"] = "Clauses by verb"
    at.run()
    assert at.radio(key="verbs_layout").value == "split"  # kept while its tab was closed
    assert figures(at)[0]["layout"]["barmode"] == "group"


def test_clicking_requests_of_draft_resolution_one_lists_its_paragraphs(seed):
    at = select(app("verbs"), "verbs_bars", ["request", DR1])
    heading, refs = drilldown(at)[0]
    numbers = ["3", "9", "13", "18", "19", "21", "22", "23", "24", "25", "26", "27"]
    assert refs == [f"{DR1}, para. {n}" for n in numbers]
    assert any("Requests the Secretary-General to finalize the discussion guide" in t.value
               for t in at.text)


def test_clicking_a_heatmap_cell_lists_the_requests_to_the_secretary_general(seed):
    at = open_tab("verbs", "addressees", {"instrument": ["000_729240fe4f2efc64:i1"]})
    at = select(at, "verbs_heatmap", ["request", "Secretary-General"])
    _, refs = drilldown(at)[0]
    numbers = ["13", "14", "18", "19", "21", "22", "23", "24", "26", "27"]
    assert refs == [f"{DR1}, para. {n}" for n in numbers]


@pytest.mark.parametrize("widget, value, page, check", [
    ("filter_verb", ["request"], "verbs",
     lambda figs: categories(figs[0]) == {"request"}),
    ("filter_document", ["doc2"], "verbs",
     lambda figs: trace_names(figs[0]) == {"Draft decision (doc2.txt)"}),  # two documents: named with theirs
    ("filter_instrument", ["doc1:i2"], "verbs",
     lambda figs: trace_names(figs[0]) == {"Resolution 33/1 (doc1.txt)"}),
    ("filter_body", ["General Assembly"], "verbs",
     lambda figs: trace_names(figs[0]) == {"Draft resolution I (doc1.txt)"}),
    ("filter_kind", ["preambular"], "verbs", lambda figs: figs == []),  # operative by default
    ("filter_group", ["Member States"], "verbs",
     lambda figs: categories(figs[0]) == {"encourage", "invite"}),
    ("filter_funding", ["extrabudgetary"], "funding",
     lambda figs: categories(figs[0]) == {"Draft resolution I (doc1.txt)"}),
    ("filter_funding", ["none"], "funding", lambda figs: figs == []),  # no condition to plot
    ("filter_funding", ["none"], "funding:secretariat",
     lambda figs: trace_names(figs[0]) == {"no funding wording"}),
    # nobody in 'others' is requested anything
    ("filter_group", ["others"], "addressees", lambda figs: figs == []),
])
def test_each_sidebar_filter_changes_the_figures(tiny, widget, value, page, check):
    page, _, view = page.partition(":")  # page:tab
    at = open_tab(page, view or None)
    before = figures(at)
    at.multiselect(key=widget).set_value(value).run()
    assert_clean(at)
    after = figures(at)
    assert after != before
    assert check(after)
    if not after or len(after) < len(before):
        assert any("No paragraphs match" in i.value for i in at.info)


def test_page_switches_change_the_figures(tiny):
    at = app("verbs")
    at.radio(key="verbs_clauses").set_value("preambular").run()
    assert categories(figures(at)[0]) == {"recall", "note"}
    at.radio(key="verbs_layout").set_value("split").run()
    assert figures(at)[0]["layout"]["barmode"] == "group"
    at = app("addressees")
    assert categories(figures(at)[0]) == {"Secretary-General",
                                          "United Nations Office on Drugs and Crime",
                                          "Commission on Crime Prevention and Criminal Justice"}
    at.radio(key="addressees_count").set_value("all").run()
    assert "other donors" in categories(figures(at)[0])
    at = app("timeline")
    plan = figures(at)[0]
    at.checkbox(key="timeline_history").check().run()
    # the background dates get a chart of their own: the plan keeps its rows and its axis
    assert figures(at)[0] == plan
    def keys(fig):
        return {c[0] for t in fig["data"] for c in values(t.get("customdata", []))}
    assert "Resolution 76/181 | 2021-12-16 | 2021-12-16 | day | adoption | background" in \
        keys(figures(at)[1])
    assert not any(k.startswith("Resolution 76/181") for k in keys(plan))


def test_filters_apply_across_pages_and_reset(tiny):
    at = app("verbs")
    at.multiselect(key="filter_document").set_value(["doc2"]).run()
    at.switch_page("pages/funding.py").run()
    assert at.multiselect(key="filter_document").value == ["doc2"]
    assert at.query_params["document"] in ("doc2", ["doc2"])
    at.button(key="filter_reset").click().run()
    assert at.multiselect(key="filter_document").value == []
    assert "document" not in at.query_params


def sidebar_keys(at) -> list[str]:
    return [m.key for m in at.sidebar.multiselect]


PARAGRAPH_KEYS = ["filter_kind", "filter_verb", "filter_group", "filter_funding"]


def test_filter_groups_start_closed_and_draw_their_widgets_only_when_open(tiny):
    at = app("verbs", filters_open=False)
    assert_clean(at)
    assert [e.label for e in at.sidebar.expander] == list(filters.FILTER_GROUPS.values())
    assert sidebar_keys(at) == []
    at.session_state[filters.group_key("paragraphs")] = True  # a click on "Paragraphs"
    at.run()
    assert sidebar_keys(at) == PARAGRAPH_KEYS
    at.session_state[filters.group_key("documents")] = True
    at.run()
    assert sidebar_keys(at) == ["filter_document", "filter_instrument", "filter_body"] + PARAGRAPH_KEYS


def test_a_closed_group_keeps_its_filters_in_effect_and_names_them(tiny):
    at = app("verbs")
    at.multiselect(key="filter_verb").set_value(["request"]).run()
    at.session_state[filters.group_key("paragraphs")] = False  # a click on "Paragraphs"
    at.run()
    assert "filter_verb" not in sidebar_keys(at)
    # AppTest's switch_page restores the section's first state (a browser keeps it closed:
    # tests/e2e/test_browser.py); closed again for the next page
    at.session_state[filters.group_key("paragraphs")] = False
    at.switch_page("pages/funding.py").run()  # and on another page
    assert "filter_verb" not in sidebar_keys(at)
    assert at.session_state["_scope"].verbs == ("request",)
    assert at.query_params["verb"] in ("request", ["request"])
    assert [c.value for c in at.sidebar.caption] == [escape_md("Verb: request")]
    at.session_state[filters.group_key("paragraphs")] = True
    at.run()
    assert at.multiselect(key="filter_verb").value == ["request"]
    assert at.sidebar.caption == []


def test_a_url_that_sets_a_filter_opens_its_group_only(tiny):
    at = app("verbs", params={"verb": "request"}, filters_open=False)
    assert_clean(at)
    assert sidebar_keys(at) == PARAGRAPH_KEYS
    assert at.multiselect(key="filter_verb").value == ["request"]
    at.session_state[filters.group_key("paragraphs")] = False  # closed by the user: it stays closed
    at.run()
    at.run()
    assert sidebar_keys(at) == []
    assert at.session_state["_scope"].verbs == ("request",)


def test_query_parameters_restore_filters_and_page_choices(tiny):
    at = app("verbs", params={"verb": ["request", "invite"], "document": "doc1",
                              "clauses": "operative", "layout": "split"})
    assert_clean(at)
    assert sorted(at.multiselect(key="filter_verb").value) == ["invite", "request"]
    assert at.multiselect(key="filter_document").value == ["doc1"]
    assert at.radio(key="verbs_layout").value == "split"
    assert categories(figures(at)[0]) == {"request", "invite"}
    assert not any("Ignored" in i.value for i in at.info)


def test_unknown_and_malformed_parameters_are_ignored_with_a_notice(tiny):
    at = app("verbs", params={"verb": ["request", "<script>"], "colour": "red",
                              "clauses": "everything", "history": "maybe"})
    assert_clean(at)
    notices = " ".join(i.value for i in at.info)
    assert "unknown parameter “colour”" in notices and "'<script>'" in notices
    assert "clauses='everything'" in notices
    assert at.multiselect(key="filter_verb").value == ["request"]
    assert at.radio(key="verbs_clauses").value == "operative"


def test_root_url_with_paragraph_opens_it_in_the_explorer(tiny):
    at = app(params={"paragraph": "doc1:i2:p2"})
    assert_clean(at)
    assert [t.value for t in at.title] == ["Explorer"]
    texts = [t.value for t in at.text]
    assert "Requests the United Nations Office on Drugs and Crime:" in texts
    assert "(a) To continue providing technical assistance;" in texts
    assert at.query_params["paragraph"] in ("doc1:i2:p2", ["doc1:i2:p2"])
    frames = {tuple(d.value.columns) for d in at.dataframe}
    assert ("marker", "text", "line_start", "line_end") in frames  # footnotes
    assert any("lines 54–58" in c.value for c in at.caption)


def test_an_unknown_paragraph_gets_a_notice(tiny):
    at = app(params={"paragraph": "doc9:i9:p9"})
    assert_clean(at)
    assert any("doc9:i9:p9" in i.value for i in at.info)


def test_explorer_search_and_row_selection(tiny):
    at = app("explorer")
    at.text_input(key="explorer_q").input("secretary-general").run()
    results = [d.value for d in at.dataframe if "reference" in d.value.columns][0]
    assert list(results["reference"]) == ["Draft resolution I, para. 1", "Resolution 33/1, para. 3"]
    assert at.query_params["q"] in ("secretary-general", ["secretary-general"])
    at.text_input(key="explorer_q").input('"nothing like this"').run()
    assert any("No paragraph matches" in i.value for i in at.info)


def test_report_text_is_rendered_as_text_never_as_markup(tiny):
    at = app(params={"paragraph": "doc1:i2:p4"})
    raw = ("Further requests the Secretary-General *to report* <b>bold</b> "
           "[link](http://example.com) $x$ :red[alert] from within existing resources;")
    assert raw in [t.value for t in at.text]
    at = app()
    at.selectbox(key="overview_reader").set_value("doc1:i2").run()
    reader = [m.value for m in at.markdown if "Further requests" in m.value][0]
    assert "\\<b\\>" in reader and "\\*to report\\*" in reader and "\\$x\\$" in reader


def test_requests_without_funding_wording_are_flagged_on_demand(seed):
    at = open_tab("funding", "secretariat")
    assert drilldown(at) == []  # listed only when the expander is opened
    at.session_state["funding_flagged"] = True
    _, refs = drilldown(at.run())[0]
    assert len(refs) == int([m.value for m in at.metric if m.label == "No funding wording"][0])
    assert "Draft resolution I, para. 13" in refs


def test_overview_headline_and_instruments(seed):
    at = app()
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Instruments"] == "8"
    assert metrics["Preambular ¶"] == "67" and metrics["Operative ¶"] == "69"
    table = [d.value for d in at.dataframe if "label" in d.value.columns][0]
    assert len(table) == 8
    assert any("Next upcoming event" in m.value for m in at.markdown)
    labels = [b.label for b in at.get("download_button")]
    assert any(".duckdb" in label for label in labels) and any(".zip" in label for label in labels)


def test_a_missing_database_explains_how_to_build_it(tmp_path, monkeypatch):
    monkeypatch.setenv("RESOLUTIONS_DB", str(tmp_path / "nowhere.duckdb"))
    at = app()
    assert not at.exception
    assert any("does not exist" in w.value for w in at.warning)
    assert any("python -m etl seeds --db" in c.value for c in at.code)


def test_an_unexpected_failure_shows_a_short_message_not_a_traceback(tiny, monkeypatch):
    from dashboard import queries

    def broken(*args, **kwargs):
        raise RuntimeError("boom at line 12 of something.py")

    monkeypatch.setattr(queries, "headline", broken)
    at = app()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "This view could not be shown (RuntimeError). The details are in the server log."]
    # the filters are drawn after the page, and still are when the page fails
    assert [m.label for m in at.sidebar.multiselect] == [
        f.label for f in filters.FILTERS if f.field not in filters.OPTIONAL_FILTERS]
    assert at.sidebar.button(key="filter_reset")
