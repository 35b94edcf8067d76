"""Query results cached but handed out as copies, and the one-time GC freeze."""

from __future__ import annotations

import gc

from dashboard import process, queries


def test_query_results_are_cached_but_each_caller_gets_a_copy(tiny):
    first = queries.run("select 1 as n")
    first.loc[0, "n"] = 99
    assert queries.run("select 1 as n")["n"].tolist() == [1]


def test_freeze_imports_runs_once():
    process.freeze_imports()
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # the imported libraries' objects
    process.freeze_imports()
    assert gc.get_freeze_count() == frozen
