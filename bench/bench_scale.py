"""ETL at scale (not a test): `python -m etl` on the 265 sample PDFs and on 1,000-5,000 derived documents.

    .venv/bin/python -m bench.bench_scale                        # 265 PDFs, then 1000 2500 5000 derived
    .venv/bin/python -m bench.bench_scale --sizes 1000 --runs 1 --keep /tmp/scale
    .venv/bin/python -m bench.bench_scale --no-pdfs --sizes 1000 2500 --workers 1   # a machine to share

The derived documents come from bench/sample_corpus.py (text copies of the samples, renumbered,
shifted in sessions and years, two preambles swapped), written into a temporary folder. Each run is
the command a user types, `python -m etl FOLDER --db DB` (workers: the ETL's default), in a fresh
process, timed from its start to its exit; its process tree (the ETL and its worker processes) is
polled through /proc every 50 ms for the peak of the summed RSS and of the largest single process;
its CPU seconds (user + system: the ETL's own from wait4, each other process's as last polled) are a figure the
other work on a shared machine disturbs far less than the wall time.
The machine may be shared: every size is run `--runs` times (default 2) and the lower wall time is
kept (the table says so); the other runs are printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import describe
from bench.sample_corpus import SAMPLES, make_corpus

ROOT = Path(__file__).resolve().parent.parent
PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree(root: int) -> list[int]:
    """root and all its descendants (from /proc/*/stat)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += parents.get(pid, [])
    return out


TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError):
        return 0.0


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError):
        return 0


def run_etl(folder: Path, db: Path, etl_workers: int | None = None) -> dict:
    """One `python -m etl folder --db db`: wall time, peak summed and single RSS, database size."""
    if db.exists():
        db.unlink()
    errors = tempfile.TemporaryFile(mode="w+")  # (a pipe left unread would stall the progress bar)
    started = time.perf_counter()
    command = [sys.executable, "-m", "etl", str(folder), "--db", str(db)]
    if etl_workers is not None:
        command += ["--workers", str(etl_workers)]
    proc = subprocess.Popen(command, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=errors, text=True)
    peak_sum = peak_one = 0
    workers = 0
    cpu: dict[int, float] = {}  # pid -> CPU seconds last seen (the workers are the forkserver's)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        pids = _tree(proc.pid)
        cpu.update({p: _cpu(p) for p in pids if p != proc.pid})
        sizes = [_rss(p) for p in pids]
        peak_sum, peak_one = max(peak_sum, sum(sizes)), max(peak_one, max(sizes, default=0))
        workers = max(workers, len(pids) - 1)
        time.sleep(0.05)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    errors.seek(0)
    err = errors.read()
    if proc.returncode:
        raise RuntimeError(f"etl exited {proc.returncode}: {err[-2000:]}")
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0]
                  for t in ("documents", "instruments", "paragraphs")}
    return {"wall": round(wall, 2), "cpu": round(usage.ru_utime + usage.ru_stime + sum(cpu.values()), 1), "peak_sum_mb": round(peak_sum / 2**20), "peak_one_mb": round(peak_one / 2**20),
            "children": workers, "db_mb": round(db.stat().st_size / 1e6, 1), **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 2500, 5000])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--no-pdfs", action="store_true", help="skip the 265 sample PDFs")
    parser.add_argument("--keep", type=Path, help="folder for the corpora and databases (else a temporary one)")
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--workers", type=int, help="the ETL's --workers (else its default: all cores)")
    args = parser.parse_args()
    print(f"machine: {describe()}; load before: {os.getloadavg()[0]:.2f}", flush=True)
    tmp = tempfile.TemporaryDirectory() if args.keep is None else None
    work = Path(tmp.name) if tmp else args.keep
    work.mkdir(parents=True, exist_ok=True)
    corpora: list[tuple[str, Path, float]] = []
    if not args.no_pdfs:
        pdfs = sorted(args.samples.glob("*.pdf"))
        corpora.append(("265 sample PDFs", args.samples, sum(p.stat().st_size for p in pdfs) / 1e6))
    if args.sizes:
        biggest = work / f"derived{max(args.sizes)}"
        all_paths = sorted(biggest.glob("*.txt"), key=lambda p: p.stat().st_mtime_ns)
        if len(all_paths) != max(args.sizes):  # (a --keep folder already written is reused)
            all_paths = make_corpus(max(args.sizes), biggest, args.samples)
        for n in sorted(args.sizes):
            folder = biggest if n == max(args.sizes) else work / f"derived{n}"
            if folder != biggest:  # the first n documents, hard-linked
                folder.mkdir(exist_ok=True)
                for p in all_paths[:n]:
                    if not (folder / p.name).exists():
                        os.link(p, folder / p.name)
            corpora.append((f"{n} derived", folder, sum(p.stat().st_size for p in all_paths[:n]) / 1e6))
    results = []
    for label, folder, megabytes in corpora:
        runs = []
        for r in range(args.runs):
            load_before = round(os.getloadavg()[0], 2)
            got = run_etl(folder, work / f"{label.split()[0]}.duckdb", args.workers)
            got["load_before"], got["load"] = load_before, round(os.getloadavg()[0], 2)
            runs.append(got)
            print(f"{label} run {r + 1}: {json.dumps(got)}", flush=True)
        best = min(runs, key=lambda g: g["wall"])
        results.append((label, megabytes, best, runs))
    workers = f"--workers {args.workers}" if args.workers is not None else "workers: the ETL's default"
    print(f"\nmachine: {describe()}; {workers}; lower wall time of {args.runs} runs each\n")
    print("| input | MB | documents | paragraphs | wall (s) | CPU (s) | documents/s | paragraphs/s "
          "| CPU ms/document | peak RSS, process tree (MB) | largest process (MB) | database (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, megabytes, b, runs in results:
        others = ", ".join(f"{g['wall']:.1f} s at load {g['load_before']}-{g['load']}" for g in runs)
        print(f"| {label} | {megabytes:.1f} | {b['documents']:,} | {b['paragraphs']:,} | {b['wall']:.1f} "
              f"| {b['cpu']:.0f} | {b['documents'] / b['wall']:.1f} | {b['paragraphs'] / b['wall']:,.0f} "
              f"| {1000 * b['cpu'] / b['documents']:.1f} | {b['peak_sum_mb']} | {b['peak_one_mb']} "
              f"| {b['db_mb']} |  <!-- runs: {others} -->")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
