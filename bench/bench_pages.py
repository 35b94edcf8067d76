"""Benchmark: page load to first chart and filter change to updated chart, in a real browser.

Measures the dashboard on the seed database and on an N-document database (N copies of the seed
report), each beside the floor: a minimal Streamlit page with one plotly chart and one sidebar
filter (FLOOR_APP, written to bench/out/floor_app.py).

    .venv/bin/python bench/bench_pages.py               # 1000 documents, 9 warm rounds
    .venv/bin/python bench/bench_pages.py --docs 200 --runs 3

Databases and the corpus are kept in bench/out/ (git-ignored) and reused when present.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from bench.corpus import make_corpus  # noqa: E402
from dashboard import build, devserver  # noqa: E402

OUT = build.REPO_ROOT / "bench" / "out"
PAGES = ["verbs", "addressees", "funding", "timeline"]
FILTER_LABEL, FILTER_VALUE = "Acting body", "General Assembly"
DRILL_HEADER = re.compile(r"^\d+ paragraphs? — ")
TICKS = 'document.querySelector(\'[data-testid="stPlotlyChart"] .yaxislayer-above\')'
FLOOR_APP = '''"""Benchmark floor: one plotly chart and one sidebar filter."""
import plotly.graph_objects as go
import streamlit as st

BODIES = ["General Assembly", "Economic and Social Council", "Commission"]
COUNTS = {"General Assembly": 12, "Economic and Social Council": 7, "Commission": 4}
chosen = st.sidebar.multiselect("Acting body", BODIES) or BODIES
st.title("Floor")
st.plotly_chart(go.Figure(go.Bar(x=[COUNTS[b] for b in chosen], y=chosen, orientation="h")),
                key="floor_chart")
'''


def seed_database() -> Path:
    """The seed report's database, built once."""
    db = OUT / "seed.duckdb"
    if not db.exists():
        build.build_in_process(db)
    return db


def corpus_database(n_docs: int) -> Path:
    """A database of n_docs copies of the seed (each differs by trailing newlines only)."""
    db = OUT / f"resolutions-{n_docs}.duckdb"
    if db.exists():
        return db
    corpus = OUT / f"corpus-{n_docs}"
    corpus.mkdir(parents=True, exist_ok=True)
    make_corpus(n_docs, corpus)  # distinct documents: shifted symbols, years and host cities
    started = time.perf_counter()
    result = build.run_build(db, corpus, timeout=3600)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    print(f"built {db.name} in {time.perf_counter() - started:.1f} s", flush=True)
    return db


def first_chart(page: Page):
    return page.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first


def load_time(browser, url: str) -> float:
    """Seconds from navigation to the first chart drawn, in a fresh browser context."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    expect(first_chart(page)).to_be_visible(timeout=60_000)
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


def settled_page(browser, url: str):
    """A fresh context with the page loaded, its first chart drawn and its script run finished."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(url)
    expect(first_chart(page)).to_be_visible(timeout=60_000)
    expect(page.locator('[data-test-script-state="notRunning"]')).to_be_attached()
    return context, page


def change_filter(page: Page, before_enter: Callable[[], None] = lambda: None) -> float:
    """Choose FILTER_VALUE in the sidebar filter; seconds from Enter to the first chart redrawn
    with new axis labels. `before_enter` runs just before Enter is pressed."""
    before = page.evaluate(f"{TICKS}?.textContent")
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name=FILTER_LABEL)
    box.click()
    box.fill(FILTER_VALUE)
    before_enter()
    started = time.perf_counter()
    box.press("Enter")
    page.wait_for_function(f"(old) => {TICKS} && {TICKS}.textContent !== old", arg=before,
                           timeout=60_000, polling="raf")
    return time.perf_counter() - started


def filter_time(browser, url: str) -> float:
    """Seconds from choosing a sidebar filter value to the first chart redrawn with new data."""
    context, page = settled_page(browser, url)
    elapsed = change_filter(page)
    context.close()
    return elapsed


def drill_time(browser, url: str) -> float:
    """Seconds from clicking the first chart's first bar to its drill-down listed under the chart."""
    context, page = settled_page(browser, url)
    bar = page.get_by_test_id("stPlotlyChart").first.locator("g.point path").first
    box = bar.bounding_box()
    started = time.perf_counter()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.get_by_text(DRILL_HEADER).first).to_be_visible(timeout=60_000)
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


def measure(browser, urls: dict[str, str], runs: int) -> dict[str, dict]:
    """Cold (first) and warm (median of the others) load, filter-change and drill-down times.

    Targets are measured in rounds, each target once per round, so that a slower spell of the
    machine (which moves timings by 10-20 % here) falls on the floor and the views alike.
    """
    samples: dict[str, dict[str, list[float]]] = {name: {"load": [], "filter": [], "drill": []}
                                                  for name in urls}
    for round_no in range(runs + 1):
        for name, url in urls.items():
            samples[name]["load"].append(load_time(browser, url))
        for name, url in urls.items():
            samples[name]["filter"].append(filter_time(browser, url))
        for name, url in urls.items():
            if round_no and name != "floor":
                samples[name]["drill"].append(drill_time(browser, url))
        print(f"round {round_no + 1}/{runs + 1} done", flush=True)
    results = {}
    for name, got in samples.items():
        results[name] = {"load_cold": got["load"][0], "load": statistics.median(got["load"][1:]),
                         "filter_cold": got["filter"][0],
                         "filter": statistics.median(got["filter"][1:])}
        if got["drill"]:
            results[name]["drill"] = statistics.median(got["drill"])
        results[name]["samples"] = got
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents in the big database")
    parser.add_argument("--runs", type=int, default=9, help="warm rounds")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated pages")
    args = parser.parse_args()
    args.pages = [p for p in args.pages.split(",") if p]
    OUT.mkdir(parents=True, exist_ok=True)
    targets = {"seed": seed_database(), f"{args.docs} docs": corpus_database(args.docs)}
    servers = []
    try:
        floor_app = OUT / "floor_app.py"
        floor_app.write_text(FLOOR_APP, encoding="utf-8")
        floor_proc, floor_url = devserver.start(floor_app, None, OUT / "floor.log")
        servers.append(floor_proc)
        urls = {}
        for name, db in targets.items():
            proc, url = devserver.start(build.REPO_ROOT / "app.py", db, OUT / f"{db.stem}.log")
            servers.append(proc)
            urls[name] = url
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=devserver.CHROMIUM,
                                        args=devserver.CHROMIUM_ARGS)
            views = {"floor": floor_url} | {f"{name} / {page}": f"{url}/{page}"
                                            for name, url in urls.items() for page in args.pages}
            results = measure(browser, views, args.runs)
            browser.close()
    finally:
        for proc in servers:
            devserver.stop(proc)
    report(results, args)


def report(results: dict[str, dict], args) -> None:
    """Print a Markdown table and save the raw numbers."""
    floor = results["floor"]
    lines = ["| view | load to first chart (s) | × floor | filter change (s) | × floor |"
             " first load, cold (s) | first filter change, cold (s) | bar click to drill-down (s) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in results.items():
        drill = f"{r['drill']:.2f}" if "drill" in r else "–"
        lines.append(f"| {name} | {r['load']:.2f} | {r['load'] / floor['load']:.2f} | "
                     f"{r['filter']:.2f} | {r['filter'] / floor['filter']:.2f} | "
                     f"{r['load_cold']:.2f} | {r['filter_cold']:.2f} | {drill} |")
    for page in args.pages:
        seed, big = results[f"seed / {page}"], results[f"{args.docs} docs / {page}"]
        lines.append(f"\n{page}: {args.docs} docs vs seed — "
                     f"load ×{big['load'] / seed['load']:.2f},"
                     f" filter change ×{big['filter'] / seed['filter']:.2f}")
    text = "\n".join(lines)
    print(text)
    (OUT / "results.md").write_text(text + "\n", encoding="utf-8")
    (OUT / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
