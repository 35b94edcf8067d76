"""Every page of the app on one or more databases, once each (not a test): errors and slow runs.

    .venv/bin/python bench/check_pages.py bench/out/samples.duckdb bench/out/derived5000.duckdb

For each database: starts the app, opens every page of bench_pages.PAGES in one tab (goto, a warm
second visit after a first one that fills the caches), and prints the seconds to the script run's
end (`data-test-script-state="notRunning"`), any exception Streamlit shows (`stException`), error
boxes (`stAlert` with an error icon) and whether the page's first content (bench_pages.SIGNATURES)
is there. Pages whose warm run takes more than --slow seconds are flagged.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.bench_pages import (FINISHED, OUT, PAGES, SIGNATURES, TIMEOUT_MS, VIEWPORT,  # noqa: E402
                               compare_query, start_server)
from dashboard import build, devserver  # noqa: E402


def visit(page, url: str) -> float:
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_timeout(300)  # the state attribute says notRunning before the run starts
    page.locator(FINISHED).wait_for(state="attached", timeout=TIMEOUT_MS * 3)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dbs", nargs="+", type=Path)
    parser.add_argument("--slow", type=float, default=5.0)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=devserver.CHROMIUM, args=devserver.CHROMIUM_ARGS)
        for db in args.dbs:
            proc, base = start_server(build.REPO_ROOT / "app.py", db, OUT / f"check-{db.stem}.log")
            try:
                context = browser.new_context(viewport=VIEWPORT)
                context.add_init_script(SIGNATURES)
                page = context.new_page()
                for name, (path, _link, kind, _nav, fallback) in PAGES.items():
                    url = base + path + (compare_query(db) if name == "compare" else "")
                    cold = visit(page, url)
                    warm = visit(page, url)
                    errors = page.locator('[data-testid="stMain"] [data-testid="stException"]').all_inner_texts()
                    alerts = [t for t in page.locator('[data-testid="stMain"] [data-testid="stAlert"]')
                              .all_inner_texts() if "rror" in t]
                    shows = page.evaluate(f"window.__benchSig.{kind}()")
                    if shows is None and fallback:
                        shows = page.evaluate(f"window.__benchSig.{fallback}()")
                    flag = " SLOW" if warm > args.slow else ""
                    print(f"{db.stem} / {name}: first visit {cold:.2f} s, warm visit {warm:.2f} s{flag}; "
                          f"first content {str(shows)[:60]!r}"
                          + (f"; EXCEPTION {errors[0][:300]!r}" if errors else "")
                          + (f"; error box {alerts[0][:200]!r}" if alerts else ""), flush=True)
                context.close()
            finally:
                devserver.stop(proc)
        browser.close()


if __name__ == "__main__":
    main()
