"""The page benchmark's report: a measure never taken prints a dash, not a crash."""

from __future__ import annotations

import pytest

from bench.bench_pages import ratios, spread, table


def measured(reload: list[float], navigation: list[float]) -> dict[str, list[float]]:
    """One row of bench_pages' samples, the machine quiet throughout."""
    return {"reload": reload, "navigation": navigation,
            "reload_load": [0.0] * len(reload), "navigation_load": [0.0] * len(navigation)}


SAMPLES = {"floor": measured([1.0, 1.2], [0.2, 0.2]),
           "floor / First": measured([1.0], []),  # reloaded in the rounds, never clicked
           "samples / Lineage": measured([1.5, 1.3], [0.3, 0.3]),
           "derived / Lineage": measured([1.68], [0.33])}


@pytest.mark.parametrize("row", [
    "| floor | 1.10 | 1.00 | 0.20 | 1.00 |",
    "| floor / First | 1.00 | 0.91 | – | – |",
    "| samples / Lineage | 1.40 | 1.27 | 0.30 | 1.50 |",
    "| derived / Lineage | 1.68 | 1.53 | 0.33 | 1.65 |",
])
def test_table_rows(row: str) -> None:
    assert row in table(SAMPLES).splitlines()


def test_ratios_against_the_first_database_after_the_seed() -> None:
    assert ratios(SAMPLES).splitlines()[-1] == "| Lineage | 1.20 | 1.10 |"


def test_spread_names_a_measure_never_taken() -> None:
    assert "floor / First: reload 1.00–1.00 s, navigation –" in spread(SAMPLES).splitlines()
