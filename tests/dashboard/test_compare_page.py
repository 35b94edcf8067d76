"""AppTest: the Compare page picks two texts (or a counterpart), counts, lists changes and restores from the URL."""

from __future__ import annotations

import pytest
from dash_helpers import app, assert_clean

from dashboard import queries, redline
from dashboard.text import escape_md

PAIR = {"old": "old:i1", "new": "new:i1"}


def metrics(at) -> dict[str, int]:
    return {m.label: int(m.value) for m in at.metric}


def test_without_a_choice_it_asks_for_two_texts(tiny) -> None:
    at = app("compare")
    assert_clean(at)
    assert "Choose two texts" in at.info[0].value
    assert not at.metric


def test_the_counterpart_found_is_offered_and_taken(pair) -> None:
    at = app("compare", params={"old": "old:i1"})
    assert_clean(at)
    [offer] = [b for b in at.button if b.key == "compare_take_new:i1"]
    assert "the same resolution, a later session, confidence 92%" in offer.label
    at = offer.click().run()
    assert_clean(at)
    assert at.selectbox(key="compare_new").value == "new:i1"
    assert metrics(at) == {"Unchanged": 5, "Amended": 0, "Moved": 1, "Added": 1, "Deleted": 0}


def test_the_later_text_alone_offers_the_earlier_one(pair) -> None:
    at = app("compare", params={"new": "new:i1"})
    [offer] = [b for b in at.button if b.key == "compare_take_old:i1"]
    assert "an earlier session" in offer.label
    at = offer.click().run()
    assert (at.selectbox(key="compare_old").value, at.selectbox(key="compare_new").value) == ("old:i1", "new:i1")


def test_mandate_changes_are_listed_in_words(pair) -> None:
    at = app("compare", params=PAIR)
    assert_clean(at)
    [changes] = [d.value for d in at.dataframe if "change" in d.value.columns]
    assert list(changes["change"]) == [
        "verb changed: Requests → Encourages (weaker)",
        "report request changed: at its eightieth session → at its eighty-first session"]
    assert list(changes["where"]) == ["operative 1 → operative 2"] * 2
    assert "Mandate-level changes: 2" in [s.value for s in at.subheader]


@pytest.mark.parametrize(("view", "expected"), [
    ("side", ":red-background[~~Requests~~]"),
    ("redline", ":red-background[~~Requests~~] :green-background[**Encourages**]"),
])
def test_views_highlight_the_words_that_changed(pair, view: str, expected: str) -> None:
    at = app("compare", params=PAIR | {"view": view})
    assert_clean(at)
    assert any(expected in m.value for m in at.markdown)
    # only changed paragraphs by default; ticking the box shows the unchanged ones too
    titles = [m.value for m in at.markdown if " · " in m.value and m.value.startswith("**")]
    assert titles == ["**– → preambular 2 · added**", "**operative 1 → operative 2 · moved and amended**"]
    at = app("compare", params=PAIR | {"view": view, "all": "1"})
    assert len([m for m in at.markdown if " · " in m.value and m.value.startswith("**")]) == 7


def test_summary_view_shows_no_paragraph_texts(pair) -> None:
    at = app("compare", params=PAIR | {"view": "summary"})
    assert_clean(at)
    assert not any("background[" in m.value for m in at.markdown)


def test_the_series_is_listed_with_its_chart(pair) -> None:
    at = app("compare", params=PAIR)
    assert "The series: 2 sessions" in [s.value for s in at.subheader]
    [versions] = [d.value for d in at.dataframe if "against_previous" in d.value.columns]
    assert list(versions["session"]) == [79, 80]
    assert list(versions["against_previous"]) == ["", "./compare?old=old%3Ai1&new=new%3Ai1"]
    assert len(at.get("plotly_chart")) == 1


def test_unknown_ids_in_the_url_are_ignored(pair) -> None:
    at = app("compare", params={"old": "nope:i1", "new": "new:i1"})
    assert_clean(at)
    assert at.selectbox(key="compare_old").value is None


def test_downloads_are_what_the_page_shows(pair) -> None:
    result = queries.comparison("old:i1", "new:i1")
    page = redline.redline_html(result, "note <b>")
    assert "<title>Changes from A/RES/79/1 to A/RES/80/1</title>" in page
    assert "<del>Requests</del> <ins>Encourages</ins>" in page and "note &lt;b&gt;" in page
    table = redline.alignment_frame(result)
    assert list(table["status"]) == [e.status for e in result.entries]
    assert table.loc[table["status"] == "moved", "mandate_changes"].iloc[0].startswith("verb changed")


def test_same_text_twice_is_all_unchanged(seed) -> None:
    at = app("compare", params={"old": "000_729240fe4f2efc64:i1", "new": "000_729240fe4f2efc64:i1"})
    assert_clean(at)
    assert metrics(at) == {"Unchanged": 41, "Amended": 0, "Moved": 0, "Added": 0, "Deleted": 0}
    assert "Every paragraph is unchanged." in [c.value for c in at.caption]


LONG_LIST = {"a": "Resolution 1", "b": "Resolution 2", "c": "Decision 1", "d": "Resolution 3",
             "e": "Resolution 4"}


@pytest.mark.parametrize(("words", "kept", "shown", "found"), [
    ("", [], ["a", "b"], 5),
    ("resolution 2", [], ["b"], 1),
    ("RESOLUTION", ["d"], ["d", "a", "b"], 4),  # the current choice stays, first
    ("decision", ["a"], ["a", "c"], 1),
    ("decision", ["e", "c", "a", "e"], ["e", "a", "c"], 1),  # several choices, each once
    ("decision", ["gone"], ["c"], 1),  # a choice no longer among the options is not offered
    ("agenda", [], [], 0),
])
def test_a_long_list_is_narrowed_by_the_words_typed(words, kept, shown, found) -> None:
    from dashboard import filters

    assert filters.matching(LONG_LIST, words, kept, limit=2) == (shown, found)


def test_a_picker_with_more_options_than_it_sends_finds_by_typing(seed, monkeypatch) -> None:
    from dashboard import filters

    monkeypatch.setattr(filters, "PICK_SHOWN", 3)
    names = queries.filter_options()["instruments"]
    last = list(names)[-1]
    at = app("compare", params={"old": last})  # a link to an option beyond the first three
    assert_clean(at)
    old = at.selectbox(key="compare_old")
    assert old.value == last and len(old.options) == 4  # the linked choice and the first three
    assert len(at.selectbox(key="compare_new").options) == 3
    wanted = [i for i, name in names.items() if name.startswith("Draft resolution II")][0]
    at = at.text_input(key="compare_new_find").input("draft resolution ii").run()
    assert_clean(at)
    new = at.selectbox(key="compare_new")
    assert names[wanted] in new.options and len(new.options) < len(names)
    assert all("draft resolution ii" in o.casefold() for o in new.options)  # II and III
    assert f"{len(new.options)} of {len(names)} match." in [c.value for c in at.caption]
    at = new.select(wanted).run()
    assert_clean(at)
    assert (at.query_params["new"], at.query_params["old"]) == (wanted, last)


def _titles(at) -> list[str]:
    return [m.value for m in at.markdown if " · " in m.value and m.value.startswith("**")]


def test_a_long_comparison_is_drawn_a_part_at_a_time(seed) -> None:
    params = {"old": "000_729240fe4f2efc64:i1", "new": "000_729240fe4f2efc64:i2"}
    result = queries.comparison(params["old"], params["new"])
    changed = [e for e in result.entries if e.status != "unchanged"]
    at = app("compare", params=params)
    assert_clean(at)
    parts = at.radio(key="compare_part")  # the seed's two draft resolutions differ throughout
    at_once = int(parts.options[0].removeprefix("1–"))
    assert 1 < len(parts.options) == -(-len(changed) // at_once)
    assert parts.options[-1] == f"{(len(parts.options) - 1) * at_once + 1}–{len(changed)}"
    seen = []
    for n in range(len(parts.options)):
        at = app("compare", params=params | ({"part": str(n + 1)} if n else {}))
        assert_clean(at)
        assert at.radio(key="compare_part").value == str(n + 1)
        seen += _titles(at)
        assert len(_titles(at)) == min(at_once, len(changed) - n * at_once)
    expected = [f"**{escape_md(redline.entry_title(e))}**" for kind in ("preambular", "operative")
                for e in changed if e.kind == kind]
    assert seen == expected
    # a part the list no longer has (fewer paragraphs, a stale link) falls back to the first
    at = app("compare", params=params | {"part": str(len(parts.options) + 3)})
    assert at.radio(key="compare_part").value == "1"
