"""The shared LRU memo, query results handed out as copies, and the one-time GC freeze."""

from __future__ import annotations

import gc

from dashboard import process, queries
from dashboard.memo import Lru


def test_lru_makes_each_value_once_and_drops_the_least_recently_used():
    made = []
    memo: Lru[str] = Lru(2)

    def make(key):
        return lambda: made.append(key) or key.upper()

    assert memo.get("a", make("a")) == "A"
    assert memo.get("b", make("b")) == "B"
    assert memo.get("a", make("a")) == "A"  # a hit: "a" is now the most recent
    assert memo.get("c", make("c")) == "C"  # evicts "b"
    assert memo.get("a", make("a")) == "A"
    assert memo.get("b", make("b")) == "B"
    assert made == ["a", "b", "c", "b"]


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
