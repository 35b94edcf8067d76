"""Named queries on the hand-built tiny database: exact counts, filters, drill-downs, safety."""

from __future__ import annotations

import os
import shutil
from datetime import date

import duckdb
import pytest
from dash_helpers import make_tiny_db

from dashboard import queries as q
from dashboard.scope import Scope

TODAY = date(2026, 11, 27)


def counts(view, dims, scope=Scope(), **extra):
    df = q.counts(view, dims, scope, extra or None)
    return {tuple(r[:-1]) if len(dims) > 1 else r[0]: r[-1] for r in df.itertuples(index=False)}


def test_clauses_by_verb(tiny):
    assert counts(q.VERB_CLAUSES, ("verb",)) == {
        "decide": 2, "encourage": 1, "invite": 1, "note": 1, "recall": 1, "request": 5}


@pytest.mark.parametrize("scope, expected", [
    (Scope(documents=("doc2",)), {"decide": 1, "request": 1}),
    (Scope(instruments=("doc1:i2",)), {"note": 1, "request": 2, "invite": 1}),
    (Scope(bodies=("General Assembly",)), {"recall": 1, "request": 2, "encourage": 1,
                                           "decide": 1}),
    (Scope(kinds=("preambular",)), {"recall": 1, "note": 1}),
    (Scope(verbs=("invite", "decide")), {"invite": 1, "decide": 2}),
    (Scope(groups=("Member States",)), {"encourage": 1, "invite": 1}),
    (Scope(funding=("extrabudgetary",)), {"request": 1}),
    (Scope(funding=("none",), kinds=("operative",)), {"decide": 2, "encourage": 1,
                                                       "request": 3}),
    (Scope(verbs=("no such verb",)), {}),
    (Scope(verbs=("'; drop table paragraphs; --",)), {}),
])
def test_each_filter_narrows_the_counts(tiny, scope, expected):
    assert counts(q.VERB_CLAUSES, ("verb",), scope) == expected


def test_addressee_verb_filter_applies_to_the_addressee(tiny):
    # on addressee views the verb filter is the verb addressing the actor
    got = counts(q.ADDRESSEE_ACTS, ("addressee",), Scope(verbs=("invite",)))
    assert got == {"Member States": 1, "other donors": 1}


def test_secretariat_requests_funding_basis(tiny):
    assert counts(q.SECRETARIAT_REQUESTS, ("addressee", "funding_basis")) == {
        ("Secretary-General", "extrabudgetary"): 1,
        ("Secretary-General", "regular budget"): 1,
        ("United Nations Office on Drugs and Crime", "no funding wording"): 2,
    }


def test_narrowed_with_an_empty_intersection_selects_nothing(tiny):
    scope = Scope(verbs=("invite",)).narrowed("verbs", ("request",))
    assert counts(q.ADDRESSEE_ACTS, ("addressee",), scope) == {}


VIEW_DIMS = [
    (q.VERB_CLAUSES, ("verb", "instrument"), {}),
    (q.VERB_CLAUSES, ("verb",), {}),
    (q.ADDRESSEE_ACTS, ("verb", "addressee"), {}),
    (q.ADDRESSEE_ACTS, ("addressee_group",), {}),
    (q.ADDRESSEE_ACTS, ("addressee", "instrument"), {}),
    (q.FUNDING_BY_PARAGRAPH, ("instrument", "condition"), {}),
    (q.FUNDING_BY_ADDRESSEE, ("addressee", "condition"), {}),
    (q.SECRETARIAT_REQUESTS, ("addressee", "funding_basis"), {}),
    (q.EVENT_ROWS, ("event_key",), {"historical": True, "today": TODAY}),
]


@pytest.mark.parametrize("view, dims, extra", VIEW_DIMS, ids=lambda v: getattr(v, "name", None))
@pytest.mark.parametrize("db", ["tiny", "seed"])
def test_every_mark_drills_down_to_as_many_paragraphs_as_it_counts(request, db, view, dims,
                                                                   extra):
    request.getfixturevalue(db)
    scope = Scope()
    df = q.counts(view, dims, scope, extra)
    assert not df.empty
    for row in df.itertuples(index=False):
        selection = tuple(zip(dims, row[:-1]))
        rows = q.drilldown(view, selection, scope, extra)
        assert len(rows) == row[-1], selection
        assert rows["paragraph_id"].is_unique


def test_drilldown_rejects_unknown_dimensions(tiny):
    with pytest.raises(ValueError):
        q.counts(q.VERB_CLAUSES, ("text; drop table paragraphs",), Scope())
    with pytest.raises(ValueError):
        q.drilldown(q.VERB_CLAUSES, (("1=1 or verb", "x"),), Scope())


def test_headline_and_instrument_table(tiny):
    # funding wording of any kind in operative paragraphs: doc1:i1:p2, doc1:i2:p3 (donors), doc1:i2:p4
    assert q.headline(Scope()) == {"instruments": 3, "preambular": 2, "operative": 9,
                                   "requests": 5, "with_funding": 3}
    table = q.instrument_table(Scope(verbs=("request",)))
    assert list(table["label"]) == ["Draft resolution I", "Resolution 33/1", "Draft decision"]
    assert list(table["requests"]) == [2, 2, 1]
    assert list(table["preambular"]) == [0, 0, 0]


def test_events_group_mentions_and_flag_upcoming(tiny):
    planned = q.events(Scope(), False, TODAY)
    assert set(planned["label"]) == {"Fifteenth Congress", "Pre-Congress consultations",
                                     "Regional preparatory meetings", "Report due",
                                     "Commission, thirty-fifth session"}
    assert q.events(Scope(), True, TODAY)["is_historical"].sum() == 1
    assert list(q.upcoming_events(Scope(), TODAY)["label"]) == ["Report due"]
    assert q.upcoming_events(Scope(documents=("doc1",)), TODAY).empty


@pytest.mark.parametrize("query, expected", [
    ("", 11),
    ("secretary-general", 2),
    ("SECRETARY-GENERAL extrabudgetary", 1),
    ("Secretary General", 2),
    ('"abu dhabi"', 1),
    ('"dhabi abu"', 0),
    ("%", 0),
    ('"nothing like this"', 0),
    ("'; drop table paragraphs; --", 0),
])
def test_search_requires_every_word_and_phrase(tiny, query, expected):
    rows, total = q.search(Scope(), query)
    assert total == len(rows) == expected


def test_search_ranks_and_respects_the_filters(tiny):
    rows, _ = q.search(Scope(), "secretary-general")
    assert rows["score"].is_monotonic_decreasing and rows["score"].gt(0).all()
    one = rows["document_id"].iloc[0]
    narrowed, total = q.search(Scope(documents=(one,)), "secretary-general")
    assert total == (rows["document_id"] == one).sum()
    assert q.search(Scope(), "secretary-general", limit=1)[0].shape[0] == 1


def test_paragraph_detail_links_footnotes_citations_and_subparagraphs(tiny):
    detail = q.paragraph_detail("doc1:i2:p2")
    assert detail.row["instrument_label"] == "Resolution 33/1"
    assert list(detail.parts["subparagraphs"]["letter"]) == ["a", "b"]
    assert list(detail.parts["footnotes"]["marker"]) == ["2"]
    assert list(detail.parts["citations"]["symbol"]) == ["A/RES/76/181"]
    assert q.paragraph_detail("no such paragraph") is None


def test_filter_options_offer_ids_with_labels(tiny):
    options = q.filter_options()
    assert options["instruments"]["doc1:i2"].startswith("Resolution 33/1")
    assert set(options["groups"]) == {"UN Secretariat and UNODC", "Member States",
                                      "Commission and its expert groups", "others"}


def test_connection_is_read_only(tiny):
    with pytest.raises(duckdb.Error):
        q._cursor().execute("delete from paragraphs")


def test_a_rebuilt_file_is_picked_up_without_restart(tmp_path, monkeypatch):
    db = make_tiny_db(tmp_path / "live.duckdb")
    monkeypatch.setenv("RESOLUTIONS_DB", str(db))
    assert q.headline(Scope())["operative"] == 9
    old_cursor = q._cursor()
    # the ETL builds elsewhere and swaps the file in with os.replace
    rebuilt = shutil.copy(db, tmp_path / "rebuilt.duckdb")
    con = duckdb.connect(str(rebuilt))
    for table in ("paragraph_footnotes", "search_terms", "paragraph_facts", "paragraphs"):
        con.execute(f"delete from {table} where paragraph_id = 'doc2:i1:p1'")
    con.close()
    os.replace(rebuilt, db)
    assert q.headline(Scope())["operative"] == 8
    # a request already under way keeps reading the old snapshot
    assert old_cursor.execute("select count(*) from paragraphs").fetchone()[0] == 11


def test_missing_and_broken_databases_are_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("RESOLUTIONS_DB", str(tmp_path / "absent.duckdb"))
    assert "does not exist" in q.database_problem()
    broken = tmp_path / "broken.duckdb"
    broken.write_text("not a database")
    monkeypatch.setenv("RESOLUTIONS_DB", str(broken))
    assert "cannot be opened" in q.database_problem()
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    monkeypatch.setenv("RESOLUTIONS_DB", str(empty))
    assert "lacks the tables" in q.database_problem()


def test_tables_zip_holds_every_table(tiny):
    import io
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(q.tables_zip()())).namelist()
    assert sorted(names) == sorted(f"{t}.csv" for t in q.EXPORT_TABLES)
