"""Comparing two instruments: alignment by content, statuses, word diff, mandate changes, the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from etl_snippets import NEW_TEXT, OLD_TEXT

from etl import compare
from etl.__main__ import main
from etl.compare import Side, Unit

def unit(kind: str, index: int, text: str, **facts) -> Unit:
    return Unit(f"p{kind[0]}{index}", kind, index, index - 1, str(index), text, **facts)


def side(*units: Unit) -> Side:
    return Side("i", "d", None, "Resolution", "A title", "adopted", None, units)


def statuses(comparison: compare.Comparison) -> list[tuple[str, int | None, int | None, str]]:
    return [(e.kind[0], e.old.index if e.old else None, e.new.index if e.new else None, e.status)
            for e in comparison.entries]


@pytest.mark.parametrize(("old", "new"), [
    ("the Secretary-General", "the Secretary\u2011General"),  # a non-breaking hyphen
    ("the \u201cEmpowerment\u201d of women", 'the "Empowerment" of women'),  # quote styles
    ("capacity-building and technical assistance", "capacity- building and tech nical  assistance"),  # PDF spaces
    ("the report\t\nof", "the report of"),
])
def test_unchanged_ignores_whitespace_quotes_and_hyphens(old: str, new: str) -> None:
    result = compare.compare(side(unit("operative", 1, f"Requests {old};")), side(unit("operative", 1, f"Requests {new};")))
    assert statuses(result) == [("o", 1, 1, "unchanged")]
    assert result.entries[0].amended is False


def test_a_corrected_typo_is_an_amendment() -> None:
    result = compare.compare(side(unit("preambular", 1, "Recalling the Kyoto, Japa, Declaration,")),
                             side(unit("preambular", 1, "Recalling the Kyoto, Japan, Declaration,")))
    assert statuses(result) == [("p", 1, 1, "amended")]
    assert [(p.op, p.text) for p in result.entries[0].diff if p.op != "equal"] == [("delete", "Japa,"), ("insert", "Japan,")]


def test_renumbered_sequence_pairs_by_content() -> None:
    old = side(*(unit("operative", i, text) for i, text in enumerate(
        ["Decides to act quickly on the matter;", "Requests a report on the implementation;",
         "Invites Member States to contribute funds;"], start=1)))
    new = side(*(unit("operative", i, text) for i, text in enumerate(
        ["Welcomes the new initiative of the Office;", "Decides to act quickly on the matter;",
         "Requests a report on the implementation;", "Invites Member States to contribute funds;"], start=1)))
    assert statuses(compare.compare(old, new)) == [
        ("o", None, 1, "added"), ("o", 1, 2, "unchanged"), ("o", 2, 3, "unchanged"), ("o", 3, 4, "unchanged")]


def test_a_moved_paragraph_is_moved_and_says_if_amended() -> None:
    texts = ["Stresses the importance of prevention and early warning;", "Calls upon States to cooperate closely;",
             "Encourages regional organizations to share good practices;", "Decides to review the matter in 2030;"]
    old = side(*(unit("operative", i, t) for i, t in enumerate(texts, start=1)))
    new = side(*(unit("operative", i, t) for i, t in enumerate(
        [texts[1], texts[2], texts[0].replace("prevention", "prevention, protection"), texts[3]], start=1)))
    result = compare.compare(old, new)
    assert statuses(result) == [("o", 2, 1, "unchanged"), ("o", 3, 2, "unchanged"), ("o", 1, 3, "moved"),
                                ("o", 4, 4, "unchanged")]
    moved = result.entries[2]
    assert moved.amended is True and moved.as_json()["amended"] is True


def test_a_merge_maps_both_old_paragraphs_to_one_new() -> None:
    first = "Requests the Office to continue to provide technical assistance to Member States upon request"
    second = "to report thereon to the Commission at its next session"
    old = side(unit("operative", 1, first + ";"), unit("operative", 2, "Also requests the Office " + second + ";"))
    new = side(unit("operative", 1, f"{first}, and {second};"))
    result = compare.compare(old, new)
    assert sorted((e.old.index, e.new.index) for e in result.entries) == [(1, 1), (2, 1)]
    assert {e.status for e in result.entries} == {"amended"}
    assert [e.merged for e in sorted(result.entries, key=lambda e: e.old.index)] == [False, True]


def test_a_split_maps_the_old_paragraph_to_its_main_part_and_adds_the_rest() -> None:
    first = "Requests the Office to continue to provide technical assistance to Member States upon request"
    second = "to report thereon to the Commission at its next session"
    old = side(unit("operative", 1, f"{first}, and {second};"))
    new = side(unit("operative", 1, first + ";"), unit("operative", 2, "Also requests the Office " + second + ";"))
    result = compare.compare(old, new)
    assert statuses(result) == [("o", 1, 1, "amended"), ("o", None, 2, "added")]
    assert result.entries[1].split_from == 1


def test_kinds_never_pair_across() -> None:
    text = "the importance of the rule of law at the national and international levels"
    result = compare.compare(side(unit("preambular", 1, f"Stressing {text},")),
                             side(unit("operative", 1, f"Stresses {text};")))
    assert statuses(result) == [("p", 1, None, "deleted"), ("o", None, 1, "added")]


def test_a_changed_lead_verb_is_a_mandate_change_with_its_direction() -> None:
    old = unit("operative", 1, "Requests the Secretary-General to submit a report;", lead_phrase="Requests",
               verb="request", directive_level=6, addressees=("Secretary-General",))
    new = unit("operative", 1, "Encourages the Secretary-General to submit a report;", lead_phrase="Encourages",
               verb="encourage", directive_level=3, addressees=("Secretary-General",))
    [entry] = compare.compare(side(old), side(new)).entries
    assert entry.status == "amended"
    assert [(c.change, c.old, c.new, c.direction) for c in entry.changes] == [
        ("verb", "request", "encourage", "weaker")]


@pytest.mark.parametrize(("facet", "before", "after", "expected"), [
    ("addressees", ("Member States",), ("Member States", "civil society"), [("addressee_added", "civil society")]),
    ("funding", ("extrabudgetary",), (), [("funding_removed", "extrabudgetary")]),
    ("reports", ("at its eightieth session",), ("at its eighty-first session",), [("report_changed", "at its eighty-first session")]),
    ("dates", (), ("25-30 April 2026",), [("date_added", "25-30 April 2026")]),
])
def test_facet_changes(facet: str, before: tuple, after: tuple, expected: list) -> None:
    text = "Requests the Secretary-General to act and to report;"
    old = unit("operative", 1, text, verb="request", **{facet: before})
    new = unit("operative", 1, text, verb="request", **{facet: after})
    [entry] = compare.compare(side(old), side(new)).entries
    assert [(c.change, c.value) for c in entry.changes] == expected


def test_added_operative_paragraph_is_a_new_mandate() -> None:
    new = unit("operative", 1, "Requests the Office to act;", lead_phrase="Requests", verb="request",
               directive_level=6, addressees=("United Nations Office on Drugs and Crime",))
    [entry] = compare.compare(side(), side(new)).entries
    assert entry.status == "added"
    assert [c.change for c in entry.changes] == ["mandate_added", "addressee_added"]


@pytest.fixture(scope="module")
def pair_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of two small versions of one resolution, built by the ETL."""
    folder = tmp_path_factory.mktemp("compare")
    (folder / "old.md").write_text(OLD_TEXT, encoding="utf-8")
    (folder / "new.md").write_text(NEW_TEXT, encoding="utf-8")
    db = folder / "pair.duckdb"
    assert main([str(folder / "old.md"), str(folder / "new.md"), "--db", str(db)]) == 0
    return db


def _json(db: Path, capsys: pytest.CaptureFixture, *refs: str) -> dict:
    capsys.readouterr()
    assert main(["compare", *refs, "--db", str(db), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_command_json_from_a_built_database(pair_db: Path, capsys: pytest.CaptureFixture) -> None:
    result = _json(pair_db, capsys, "old:i1", "new:i1")
    assert result["old"]["instrument_id"] == "old:i1" and result["new"]["operative"] == 4
    rows = [(p["kind"][0], p["old_index"], p["new_index"], p["status"], p["amended"]) for p in result["paragraphs"]]
    assert rows == [
        ("p", 1, 1, "unchanged", False), ("p", None, 2, "added", None), ("p", 2, 3, "unchanged", False),
        ("o", 2, 1, "unchanged", False), ("o", 1, 2, "moved", True), ("o", 3, 3, "unchanged", False),
        ("o", 4, 4, "unchanged", False)]
    moved = result["paragraphs"][4]
    assert (moved["old_lead_phrase"], moved["new_lead_phrase"], moved["old_verb"], moved["new_verb"]) == (
        "Requests", "Encourages", "request", "encourage")
    assert {"change": "verb", "value": "Requests → Encourages", "old": "request", "new": "encourage",
            "direction": "weaker"} in moved["changes"]
    assert {"op": "delete", "text": "eightieth"} in moved["diff"] and {"op": "insert", "text": "eighty-first"} in moved["diff"]


def test_every_paragraph_has_its_entry(pair_db: Path, capsys: pytest.CaptureFixture) -> None:
    result = _json(pair_db, capsys, "old:i1", "new:i1")
    for kind, side_name in (("preambular", "old"), ("operative", "old"), ("preambular", "new"), ("operative", "new")):
        indexes = [p[f"{side_name}_index"] for p in result["paragraphs"] if p["kind"] == kind and p[f"{side_name}_index"]]
        assert sorted(indexes) == list(range(1, result[side_name][kind] + 1))


def test_command_summary(pair_db: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["compare", "old:i1", "new:i1", "--db", str(pair_db)]) == 0
    out = capsys.readouterr().out
    assert "preambular paragraphs: 2 -> 3 (2 unchanged, 1 added)" in out
    assert "operative paragraphs: 4 -> 4 (3 unchanged, 1 moved)" in out
    assert "OP1 -> OP2: verb changed: Requests → Encourages (weaker)" in out
    assert "report request changed: at its eightieth session → at its eighty-first session" in out


@pytest.mark.parametrize(("refs", "message"), [
    (["old:i1", "old:i9"], "no instrument or document symbol 'old:i9'"),
    (["A/RES/1/1", "new:i1"], "no instrument or document symbol 'A/RES/1/1'"),
])
def test_unknown_instrument_exits_1_with_one_line(pair_db: Path, capsys: pytest.CaptureFixture,
                                                  refs: list[str], message: str) -> None:
    assert main(["compare", *refs, "--db", str(pair_db)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and message in captured.err


def test_missing_database_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["compare", "a", "b", "--db", str(tmp_path / "none.duckdb")]) == 1
    assert "no such database" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["compare"], ["compare", "only-one"], ["compare", "a", "b", "--bogus"]])
def test_usage_errors_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2


def test_resolve_names_the_choices_when_a_symbol_holds_several() -> None:
    with pytest.raises(compare.UnknownInstrument, match="names 2 instruments; give one of their ids: d:i1, d:i2"):
        compare.resolve("E/2024/30", ["d:i1", "d:i2"])
    assert compare.resolve("A/RES/80/1", ["x:i1"]) == "x:i1"
