"""Benchmark of the ETL on official PDFs (not a test): wall time, pages/s, peak memory, linearity.

    .venv/bin/python -m bench.bench_pdf               # all sample PDFs in ../shared/samples/pdf
    .venv/bin/python -m bench.bench_pdf --files 40    # the first 40 by name: a quicker run
    .venv/bin/python -m bench.bench_pdf --rounds 3    # median of 3 interleaved rounds, for the README

The ETL (`etl.pipeline.build`) runs with 1 and with 2 worker processes; the floor is PyMuPDF's own
plain text extraction of the same files in one process (`page.get_text()` on every page), which
any PDF ETL has to pay. Each measurement runs in a fresh process, so that peak memory (max RSS of
the process and its workers) belongs to that run alone. Linearity: the first 1/4, 1/2 and all of
the files, sorted by name, against their page counts. Prints markdown tables for the README and
writes the figures to bench/out/bench_pdf.json (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import describe

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples" / "pdf"
OUT = ROOT / "bench" / "out"
MODES = ("floor", "etl-1-worker", "etl-2-workers")
FRACTIONS = ((1, 4), (1, 2), (1, 1))


def _run_one(mode: str, files: list[Path], db: Path) -> dict:
    """Run one measurement in this process and return its figures."""
    import pymupdf  # imports are outside the timing: they cost the same for any corpus

    if mode != "floor":
        import duckdb

        from etl.pipeline import build
    start = time.perf_counter()
    figures: dict = {}
    if mode == "floor":
        characters = 0
        for path in files:
            with pymupdf.open(path) as doc:
                characters += sum(len(page.get_text()) for page in doc)
        figures["characters"] = characters
    else:
        result = build(files, db, workers=1 if mode == "etl-1-worker" else 2)
        figures["skipped"] = len(result.problems)
        figures["problems"] = result.problems[:5]
    wall = time.perf_counter() - start
    if mode != "floor":
        with duckdb.connect(str(db), read_only=True) as con:
            figures["documents"] = con.execute("select count(*) from documents").fetchone()[0]
            figures["paragraphs"] = con.execute("select count(*) from paragraphs").fetchone()[0]
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"mode": mode, "wall": wall, "peak_mb": max(own, children) / 1024, **figures}


def _measure(mode: str, files: list[Path], tmp: Path) -> dict:
    """One measurement in a fresh interpreter; a failed ETL run is reported, not raised."""
    listing = tmp / f"files-{mode}-{len(files)}.txt"
    listing.write_text("\n".join(str(p) for p in files), encoding="utf-8")
    db = tmp / f"{mode}-{len(files)}.duckdb"
    out = subprocess.run([sys.executable, "-m", "bench.bench_pdf", "--one", mode, str(listing), str(db)],
                         cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["no output"])[-1]
        return {"mode": mode, "failed": last}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _median(runs: list[dict]) -> dict:
    """The run with the median wall time, with every round's times and the highest peak memory."""
    done = sorted((r for r in runs if "wall" in r), key=lambda r: r["wall"])
    if len(done) < len(runs):
        return next(r for r in runs if "wall" not in r)
    middle = dict(done[(len(done) - 1) // 2])
    middle.update(wall=statistics.median(r["wall"] for r in done), walls=[r["wall"] for r in runs],
                  peak_mb=max(r["peak_mb"] for r in done))
    return middle


def _parallel_min_files() -> int:
    try:
        from etl.pipeline import PARALLEL_MIN_FILES
    except Exception:  # the ETL is being changed: the floor half still runs
        return 0
    return PARALLEL_MIN_FILES


def _pages(files: list[Path]) -> list[int]:
    import pymupdf

    counts = []
    for path in files:
        with pymupdf.open(path) as doc:
            counts.append(doc.page_count)
    return counts


def _machine() -> str:
    import pymupdf

    return describe(f"PyMuPDF {pymupdf.VersionBind}")


def _seconds(run: dict) -> str:
    return f"{run['wall']:.2f}" if "wall" in run else "failed"


def _ratio(run: dict, floor: dict) -> str:
    return f"{run['wall'] / floor['wall']:.1f}x" if "wall" in run and "wall" in floor else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=None, help="the first N sample PDFs by name (default: all)")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds; the median is reported")
    parser.add_argument("--samples", type=Path, default=SAMPLES, help=f"folder of PDFs (default: {SAMPLES})")
    parser.add_argument("--one", nargs=3, metavar=("MODE", "LISTING", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        mode, listing, db = args.one
        files = [Path(line) for line in Path(listing).read_text(encoding="utf-8").splitlines()]
        print(json.dumps(_run_one(mode, files, Path(db))))
        return

    files = sorted(args.samples.glob("*.pdf"))[: args.files]
    if not files:
        sys.exit(f"no PDF in {args.samples}")
    pages = _pages(files)
    print(f"machine: {_machine()}\n{len(files)} PDFs, {sum(pages)} pages, "
          f"{sum(p.stat().st_size for p in files) / 1e6:.1f} MB, from {args.samples}\n", flush=True)
    subsets = [files[: max(1, len(files) * num // den)] for num, den in FRACTIONS]
    measured: dict[tuple[int, str], list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for round_number in range(1, args.rounds + 1):  # rounds interleave, so a slow spell hits every run alike
            for subset in subsets:
                for mode in MODES:
                    run = _measure(mode, subset, Path(tmp))
                    measured.setdefault((len(subset), mode), []).append(run)
                    print(f"  round {round_number}, {len(subset)} files, {mode}: {_seconds(run)} s",
                          file=sys.stderr, flush=True)
    rows = [{"files": len(subset), "pages": sum(pages[: len(subset)]),
             "megabytes": sum(p.stat().st_size for p in subset) / 1e6,
             "runs": {mode: _median(measured[(len(subset), mode)]) for mode in MODES}} for subset in subsets]

    full = rows[-1]
    floor = full["runs"]["floor"]
    print(f"| run ({full['files']} PDFs, {full['pages']} pages, {full['megabytes']:.1f} MB) | wall (s) | pages/s "
          "| MB/s | peak memory (MB) | × floor | documents loaded / skipped |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    labels = {"floor": "PyMuPDF `get_text()` only (floor)", "etl-1-worker": "ETL, 1 worker",
              "etl-2-workers": "ETL, 2 workers"}
    for mode in MODES:
        run = full["runs"][mode]
        if "wall" not in run:
            print(f"| {labels[mode]} | failed: {run['failed'][:80]} | | | | | |")
            continue
        loaded = f"{run['documents']} / {run['skipped']}" if mode != "floor" else "–"
        print(f"| {labels[mode]} | {run['wall']:.2f} | {full['pages'] / run['wall']:,.0f} "
              f"| {full['megabytes'] / run['wall']:.1f} | {run['peak_mb']:.0f} | {_ratio(run, floor)} | {loaded} |")
    print("\nLinearity (the first files by name):\n")
    print("| files | pages | floor (s) | ETL 1 worker (s) | ETL 2 workers (s) | floor ms/page | ETL 1 worker ms/page "
          "| ETL 2 workers ms/page |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        runs = row["runs"]
        per_page = [f"{runs[m]['wall'] * 1000 / row['pages']:.1f}" if "wall" in runs[m] else "–" for m in MODES]
        print(f"| {row['files']} | {row['pages']} | {' | '.join(_seconds(runs[m]) for m in MODES)} "
              f"| {' | '.join(per_page)} |")
    serial = [row["files"] for row in rows if row["files"] < _parallel_min_files()]
    if serial:
        print(f"\nWith {', '.join(map(str, serial))} files the pipeline parses in one process whatever the "
              f"workers (fewer than {_parallel_min_files()} files).")
    if args.rounds > 1:
        print(f"\nMedians of {args.rounds} interleaved rounds; peak memory is the highest of the rounds.")
    failed = {r["runs"][m]["failed"] for r in rows for m in MODES if "failed" in r["runs"][m]}
    for message in sorted(failed):
        print(f"\nfailed: {message}")
    OUT.mkdir(parents=True, exist_ok=True)
    report = {"machine": _machine(), "date": time.strftime("%Y-%m-%d %H:%M"), "samples": str(args.samples),
              "rounds": args.rounds, "rows": rows}
    (OUT / "bench_pdf.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\nwrote {OUT / 'bench_pdf.json'}")


if __name__ == "__main__":
    main()
