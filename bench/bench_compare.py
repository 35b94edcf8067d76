"""Benchmark of comparing instruments and of finding counterparts (not a test).

    .venv/bin/python -m bench.bench_compare            # needs ../shared/samples/pdf

1. Comparing two instruments the way the Compare page and `python -m etl compare` do: read both
   sides from the database (etl.load.read_side) and align them (etl.compare.compare), for the
   sample pairs of about 40 paragraphs and for the largest pair; median of 20 runs each.
2. The counterpart finder over the 265 samples (what it adds to the ETL): the profiles are made
   from the built database the way the pipeline makes them from its rows, then
   etl.counterparts.find_counterparts runs on them; and on 20x as many profiles (5,300 instruments,
   each copy with its own titles and paragraphs, so they pair only with themselves), to show how it grows.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import duckdb

from bench.machine import describe
from etl import compare
from etl.counterparts import Profile, find_counterparts, paragraph_hash
from etl.load import read_side
from etl.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples" / "pdf"
RUNS = 20


def _median_ms(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _profiles(con: duckdb.DuckDBPyConnection, copies: int = 1) -> list[Profile]:
    texts: dict[str, set[int]] = defaultdict(set)
    for instrument_id, text in con.execute("select instrument_id, text from paragraphs").fetchall():
        texts[instrument_id].add(paragraph_hash(text))
    rows = con.execute("select i.instrument_id, d.symbol, i.status, d.session, i.title "
                       "from instruments i join documents d using (document_id)").fetchall()
    out = []
    for copy in range(copies):
        for instrument_id, symbol, status, session, title in rows:
            hashes = texts[instrument_id] if copy == 0 else frozenset(h ^ copy for h in texts[instrument_id])
            out.append(Profile(f"{instrument_id}#{copy}", symbol, status, session,
                               title if copy == 0 else f"{title} (copy {copy})", frozenset(hashes)))
    return out


def main() -> int:
    if not SAMPLES.is_dir():
        print(f"{SAMPLES} is not here", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "samples.duckdb"
        start = time.perf_counter()
        build([SAMPLES], db)
        etl_s = time.perf_counter() - start
        with duckdb.connect(str(db), read_only=True) as con:
            pairs = con.execute("""
                select c.old_instrument_id, c.new_instrument_id,
                       (select count(*) from paragraphs p where p.instrument_id = c.old_instrument_id) as n
                from counterparts c order by n""").fetchall()
            print(describe())
            print("\n| pair | paragraphs (old) | read both sides (ms) | align (ms) | total (ms) |")
            print("|---|---:|---:|---:|---:|")
            chosen = [p for p in pairs if 35 <= p[2] <= 45] + [pairs[-1]]
            for old_id, new_id, n in chosen:
                read = _median_ms(lambda: (read_side(con, old_id), read_side(con, new_id)))
                old, new = read_side(con, old_id), read_side(con, new_id)
                align = _median_ms(lambda: compare.compare(old, new))
                print(f"| {old.symbol} → {new.symbol} | {n} | {read:.1f} | {align:.1f} | {read + align:.1f} |")
            print(f"\nETL of the {len(list(SAMPLES.glob('*.pdf')))} sample PDFs (2 workers, counterparts included): "
                  f"{etl_s:.2f} s")
            print("\n| instruments | profiles from the database (s) | find_counterparts (s) | pairs found |")
            print("|---:|---:|---:|---:|")
            for copies in (1, 20):
                start = time.perf_counter()
                profiles = _profiles(con, copies)
                made = time.perf_counter() - start
                start = time.perf_counter()
                found = find_counterparts(profiles)
                took = time.perf_counter() - start
                print(f"| {len(profiles):,} | {made:.2f} | {took:.3f} | {len(found)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
