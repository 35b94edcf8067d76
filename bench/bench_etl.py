"""Benchmark of the ETL (not a test): wall time, peak memory and throughput on 1-1000 documents.

    .venv/bin/python -m bench.bench_etl                 # 1, 10, 100, 1000 documents
    .venv/bin/python -m bench.bench_etl --sizes 1 10    # a quicker run

Each measurement runs in a fresh process so that peak memory (max RSS of the process and its
workers) belongs to that run alone. The reference is the same corpus merely tokenized by
markdown-it-py in one process. Prints a markdown table for the README.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import make_corpus
from bench.machine import describe

ROOT = Path(__file__).resolve().parent.parent
MODES = ("tokenize", "etl-1-worker", "etl")


def _run_one(mode: str, corpus: Path, db: Path) -> dict:
    """Run one measurement in this process and return its figures."""
    import duckdb
    from markdown_it import MarkdownIt

    from etl.pipeline import build

    files = sorted(corpus.glob("*.md"))
    start = time.perf_counter()  # imports are outside the timing: they are the same for any corpus
    paragraphs = 0
    if mode == "tokenize":
        md = MarkdownIt()
        for path in files:
            md.parse(path.read_text(encoding="utf-8"))
    else:
        build([corpus], db, workers=1 if mode == "etl-1-worker" else None)
        with duckdb.connect(str(db), read_only=True) as con:
            paragraphs = con.execute("select count(*) from paragraphs").fetchone()[0]
    wall = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"wall": wall, "peak_mb": max(own, children) / 1024, "paragraphs": paragraphs,
            "bytes": sum(p.stat().st_size for p in files)}


def _measure(mode: str, corpus: Path, db: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.bench_etl", "--one", mode, str(corpus), str(db)],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1, 10, 100, 1000])
    parser.add_argument("--one", nargs=3, metavar=("MODE", "CORPUS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        mode, corpus, db = args.one
        print(json.dumps(_run_one(mode, Path(corpus), Path(db))))
        return
    print(f"machine: {describe()}\n")
    print("| documents | MB | tokenize only (s) | ETL, 1 worker (s) | ETL, all cores (s) | ETL / tokenize "
          "| MB/s | paragraphs/s | peak memory (MB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = make_corpus(n, Path(tmp) / f"corpus{n}")[0].parent
            figures = {mode: _measure(mode, corpus, Path(tmp) / f"{mode}-{n}.duckdb") for mode in MODES}
            etl, tokenize = figures["etl"], figures["tokenize"]
            megabytes = etl["bytes"] / 1e6
            print(f"| {n} | {megabytes:.1f} | {tokenize['wall']:.2f} | {figures['etl-1-worker']['wall']:.2f} "
                  f"| {etl['wall']:.2f} | {etl['wall'] / tokenize['wall']:.1f}x | {megabytes / etl['wall']:.2f} "
                  f"| {etl['paragraphs'] / etl['wall']:,.0f} | {etl['peak_mb']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
