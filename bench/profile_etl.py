"""cProfile of the ETL's main process on a folder (not a test): where the loading side spends its time.

    .venv/bin/python -m bench.profile_etl /tmp/scale/derived2500          # workers: the ETL's default

The workers (reading, parsing, extracting) run in other processes and are not profiled; what the
main process does meanwhile (waiting for their results, collecting rows, writing DuckDB, the
counterparts and indexes built once everything is in) is. Prints the wall time, the main
process's peak RSS and the top functions of etl/ and duckdb by cumulative time, with their share.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    from etl.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        build([args.folder], Path(tmp) / "profile.duckdb", workers=args.workers)
        profile.disable()
        wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.folder}: {wall:.1f} s, main process peak RSS {peak:.0f} MB")
    rows = []
    for (file, line, func), (_cc, _nc, tt, ct, _callers) in pstats.Stats(profile).stats.items():  # type: ignore[attr-defined]
        rel = file.replace(str(ROOT) + "/", "")
        if rel.startswith("etl/") or "duckdb" in func or func in ("wait", "result", "_wait_for_tstate_lock"):
            rows.append((ct, tt, f"{rel}:{func} (line {line})"))
        elif file == "~" and ("duckdb" in func or "DuckDB" in func or "acquire" in func):
            rows.append((ct, tt, func))
    print("  cumulative s   share   own s   function")
    for ct, tt, name in sorted(rows, reverse=True)[:args.top]:
        print(f"  {ct:11.2f}  {100 * ct / wall:5.1f} %  {tt:6.2f}   {name}")


if __name__ == "__main__":
    main()
