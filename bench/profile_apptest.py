"""One page's script run timed in-process with AppTest, cold and warm (not a test).

    .venv/bin/python bench/profile_apptest.py bench/out/derived5000.duckdb pages/verbs.py
    .venv/bin/python bench/profile_apptest.py DB pages/explorer.py --query q=secretary-general

Runs the app on DB (RESOLUTIONS_DB), switches to the page and runs it in three new sessions: the first
(cold caches), then two with the process's caches warm, as a warm reload is on the
server (a new session each time), and prints the seconds. AppTest runs the script in a thread of
its own, which cProfile here does not see: for the functions responsible use
`bench/profile_pages.py --cprofile` (each script run in the server profiled into
bench/out/cprofile/).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("page")
    parser.add_argument("--query", action="append", default=[], help="KEY=VALUE query parameters")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    os.environ["RESOLUTIONS_DB"] = str(args.db.resolve())
    os.chdir(ROOT)
    from streamlit.testing.v1 import AppTest

    times = []
    profile = cProfile.Profile()
    for i in range(3):  # a new session each time, as a reload is: process caches warm, session state not
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.run()
        for pair in args.query:
            key, value = pair.split("=", 1)
            at.query_params[key] = value
        started = time.perf_counter()
        if i == 2:
            profile.enable()
        at.switch_page(args.page).run()
        if i == 2:
            profile.disable()
        times.append(time.perf_counter() - started)
    errors = [e.value for e in at.exception] if at.exception else []
    print(f"{args.page} on {args.db.name}: cold {times[0]:.2f} s, warm {times[1]:.2f} s, "
          f"warm under cProfile {times[2]:.2f} s" + (f"; EXCEPTION {errors[0][:300]}" if errors else ""))
    stats = pstats.Stats(profile)
    total = times[2]
    rows = []
    for (file, line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rel = file.replace(str(ROOT) + "/", "")
        if any(part in file for part in ("/dashboard/", "/pages/", "app.py")) or (
                "duckdb" in file and func in ("execute", "sql", "df", "fetchdf", "fetchall", "arrow")) or \
                func in ("read_sql", "merge", "groupby", "apply", "explode"):
            rows.append((ct, f"{rel}:{func} (line {line})"))
    for ct, name in sorted(rows, reverse=True)[:args.top]:
        print(f"  {ct:7.2f} s  {100 * ct / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
