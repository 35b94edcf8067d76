"""When a reloaded page reaches its server: the frontend's health and host-config requests (not a test).

    .venv/bin/python bench/connect_timing.py bench/out/samples.duckdb --views overview,addressees

Before it opens its WebSocket, Streamlit's frontend asks the server for `_stcore/health` and
`_stcore/host-config`. For each of the floor's two pages (bench/floor_app.py: `/` and `/second`)
and each view of the app on DB, in one warm tab per app as bench_pages.py keeps them, this reloads
the page --runs times and prints, from the browser's resource timing (ms after the navigation
started), the median start and end of every such request, in the order they were made, and the
document's DOMContentLoaded.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.bench_pages import FLOOR, OUT, PAGES, Tab, View, start_server  # noqa: E402
from dashboard import build, devserver  # noqa: E402

REQUESTS = """() => performance.getEntriesByType("resource")
  .filter(e => e.name.includes("/_stcore/health") || e.name.includes("/_stcore/host-config"))
  .map(e => [new URL(e.name).pathname, e.startTime, e.responseEnd])"""
LOADED = "() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"


def reloads(browser, script: Path, db: Path | None, views: dict[str, tuple[str, str]],
            runs: int) -> None:
    """Print the median request timings of `runs` warm reloads of each view (name: (path, kind)),
    in one tab kept as bench_pages.py keeps it."""
    proc, url = start_server(script, db, OUT / "connect-timing.log")
    try:
        tab = Tab(browser, url)
        for name, (path, kind) in views.items():
            view = View(name, url, path, name, kind, kind)
            seen: list[list] = []
            loaded = []
            for run in range(runs + 1):  # the first reload warms the tab and learns the page
                tab.reload(view)
                if run:
                    seen.append(tab.page.evaluate(REQUESTS))
                    loaded.append(tab.page.evaluate(LOADED))
            print(f"{name}: DOMContentLoaded {statistics.median(loaded):.0f} ms")
            for i, (request, _, _) in enumerate(seen[-1]):
                kept = [run[i] for run in seen if len(run) > i and run[i][0] == request]
                print(f"  {request}: {statistics.median(r[1] for r in kept):.0f}"
                      f"–{statistics.median(r[2] for r in kept):.0f} ms ({len(kept)} runs)")
        tab.context.close()
    finally:
        devserver.stop(proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--views", default="overview,addressees")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=devserver.CHROMIUM, args=devserver.CHROMIUM_ARGS)
        reloads(browser, FLOOR, None, {"floor / First": ("/", "chart"),
                                       "floor / Second": ("/second", "chart")}, args.runs)
        reloads(browser, build.REPO_ROOT / "app.py", args.db,
                {v: (PAGES[v][0], PAGES[v][2]) for v in args.views.split(",")}, args.runs)
        browser.close()


if __name__ == "__main__":
    main()
