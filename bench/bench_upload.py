"""Benchmark: page loads in one browser session while another session uploads a long PDF.

Issue 11 asks that reading a 60-page PDF freezes the app for nobody else: no failed request and
no page slower than 2x its usual time. The longest sample is A/RES/80/110 (56 pages, 0.7 MB);
nothing longer is available here.

One warm tab (a context kept for the whole run, as in bench/bench_pages.py) reloads pages and
clicks between them in the sidebar; its first content is what bench_pages.py waits for (the first
chart's title, the headline figures, the results table's first cell), learnt in a warm-up round.
Each round measures every view once with no upload (reload, then sidebar navigation), then opens
a fresh context (a new session), gives the PDF to its uploader's input and goes on measuring the
views, in the same order, until that session shows what was read. A background thread watches
/proc for the reading process (`python -m dashboard.uploads`, a child of the server) every 20 ms:
a load counts as "during the upload" when its span (reload call or click -> first content drawn)
overlaps the reading process's lifetime. Each such load is divided by the median of the same
view and measure without the upload in the same run.

    .venv/bin/python bench/bench_upload.py                      # seed database, 5 rounds
    .venv/bin/python bench/bench_upload.py --db samples --rounds 8 --pdf ../shared/samples/pdf/A_RES_80_109.pdf

The raw loads go to bench/out/upload.json, the summary to bench/out/upload.md. Failed requests
(network failures and HTTP >= 400 in either context, apart from Streamlit's own deep-link
health probe) are counted; there must be none.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import signal
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.bench_pages import (OUT, PAGES, SAMPLES, TIMEOUT_MS, VIEWPORT, Tab, View,  # noqa: E402
                               chromium_version, content_time, samples_database, seed_database,
                               settle, start_server)
from bench.machine import describe  # noqa: E402
from dashboard import devserver  # noqa: E402

LONG_PDF = SAMPLES / "A_RES_80_110.pdf"
VIEWS = ("overview", "verbs", "addressees", "funding", "timeline", "explorer")
READER = "dashboard.uploads"  # the reading process's module (dashboard/uploads.py Readers.read)
PROBE = re.compile(r"/[a-z]+/_stcore/(health|host-config)$")  # Streamlit's deep-link probe (404)


class ReaderWatch(threading.Thread):
    """Polls /proc for reading processes; keeps each one's (first seen, last seen) wall time."""

    def __init__(self, every_s: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.every_s = every_s
        self.lives: dict[int, list[float]] = {}
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            now = time.time()
            for entry in os.scandir("/proc"):
                if not entry.name.isdigit():
                    continue
                try:
                    cmd = Path(entry.path, "cmdline").read_bytes().split(b"\0")
                except OSError:
                    continue
                if b"-m" in cmd and READER.encode() in cmd:
                    self.lives.setdefault(int(entry.name), [now, now])[1] = now
            time.sleep(self.every_s)

    def stop(self) -> None:
        self._done.set()
        self.join()

    def overlaps(self, start: float, end: float) -> bool:
        """Whether a reading process was running at some time between start and end."""
        return any(s <= end and e >= start for s, e in self.lives.values())


@dataclass
class Failures:
    """Failed requests of the watched tabs."""

    seen: list[str] = field(default_factory=list)

    def watch(self, page, name: str) -> None:
        page.on("requestfailed", lambda r: self._add(name, r.url, r.failure or "failed"))
        page.on("response", lambda r: r.status >= 400 and self._add(name, r.url, f"HTTP {r.status}"))

    def _add(self, name: str, url: str, why: str) -> None:
        if not PROBE.search(url) and "fonts.gstatic.com" not in url:  # the favicon: not our server
            self.seen.append(f"{name}: {url}: {why}")


def reload_once(tab: Tab, view: View) -> tuple[float, float, float]:
    """(seconds, span start, span end) of one reload of the view to its learnt first content."""
    if tab.current != view.name:
        tab.open(view)
    started = time.time()
    tab.page.reload(wait_until="commit")
    drawn = content_time(tab.page, *tab.expected[(view.name, "reload")]) / 1000
    settle(tab.page)
    return drawn - started, started, drawn


def navigate_once(tab: Tab, view: View) -> tuple[float, float, float]:
    """(seconds, span start, span end) of one sidebar click to the view's learnt first content."""
    if tab.current == view.name:
        tab.detour(view)
    tab.page.get_by_test_id("stSidebarNav").get_by_role("link", name=view.link, exact=True).click()
    tab.current = view.name
    drawn = content_time(tab.page, *tab.expected[(view.name, "navigation")]) / 1000
    clicked = tab.page.evaluate("window.__benchClick") / 1000
    settle(tab.page)
    return drawn - clicked, clicked, drawn


MEASURES = {"reload": reload_once, "navigation": navigate_once}


def start_upload(browser, base: str, pdf: Path, failures: Failures, n: int):
    """A fresh session on the Add documents page with the PDF given to its uploader."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    failures.watch(page, f"upload {n}")
    page.goto(f"{base}/upload")
    page.get_by_test_id("stFileUploaderDropzoneInput").wait_for(state="attached", timeout=TIMEOUT_MS)
    settle(page)
    started = time.time()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(pdf))
    return context, page, started


def uploaded(page) -> str | None:
    """The upload's success line once the session shows what was read, else None."""
    if page.get_by_role("heading", name="What was read").count() == 0:
        return None
    settle(page)
    return page.get_by_test_id("stAlert").first.inner_text().strip()


def run(base: str, views: list[View], rounds: int, pdf: Path) -> dict:
    """Every load of every view, with and without an upload in another session."""
    loads: list[dict] = []
    uploads: list[dict] = []
    failures = Failures()
    watch = ReaderWatch()
    watch.start()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=devserver.CHROMIUM, args=devserver.CHROMIUM_ARGS)
        tab = Tab(browser, base)
        failures.watch(tab.page, "pages")
        tab.open(views[-1])  # warm-up: learn each view's first content, load every page's code
        for view in views:
            tab.reload(view)
        for view in views:
            if tab.current == view.name:
                tab.detour(view)
            tab.navigate(view)
        steps = [(v, m) for m in MEASURES for v in views]
        cursor = 0  # uploads go on through the steps where the last one stopped: all get their turn
        for round_no in range(1, rounds + 1):
            for view, measure in steps:
                seconds, start, end = MEASURES[measure](tab, view)
                loads.append({"round": round_no, "view": view.name, "measure": measure,
                              "seconds": round(seconds, 4), "upload": False,
                              "reading": watch.overlaps(start, end)})
            context, page, started = start_upload(browser, base, pdf, failures, round_no)
            result = None
            while result is None:
                view, measure = steps[cursor % len(steps)]
                seconds, start, end = MEASURES[measure](tab, view)
                loads.append({"round": round_no, "view": view.name, "measure": measure,
                              "seconds": round(seconds, 4), "upload": True,
                              "reading": watch.overlaps(start, end)})
                cursor += 1
                result = uploaded(page)
                if time.time() - started > 600:
                    raise RuntimeError("the upload did not finish in 10 minutes")
            lives = [life for life in watch.lives.values() if life[1] >= started]
            uploads.append({"round": round_no, "result": result,
                            "shown_s": round(time.time() - started, 2),
                            "reading_s": round(max((e - s for s, e in lives), default=0), 2)})
            context.close()
            during = sum(load["reading"] for load in loads if load["round"] == round_no)
            print(f"round {round_no}/{rounds}: {result}; reading {uploads[-1]['reading_s']} s, "
                  f"{during} loads during it", flush=True)
        browser.close()
    watch.stop()
    return {"first_content": {f"{v} ({m})": k for (v, m), k in tab.expected.items()},
            "loads": loads, "uploads": uploads, "failed": failures.seen}


def summarise(found: dict) -> tuple[str, dict]:
    """The table for the README: per view and measure, usual time, loads during the upload and
    their worst ratio; then the max and median ratio of them all."""
    usual: dict[tuple[str, str], list[float]] = {}
    for load in found["loads"]:
        if not load["upload"] and not load["reading"]:
            usual.setdefault((load["view"], load["measure"]), []).append(load["seconds"])
    medians = {k: statistics.median(v) for k, v in usual.items()}
    during = [dict(load, ratio=load["seconds"] / medians[(load["view"], load["measure"])])
              for load in found["loads"] if load["reading"]]
    lines = ["| view | measure | usual (s, median) | loads during the upload | their median (s) | worst (s) | worst × usual |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for (view, measure), median in medians.items():
        mine = [d for d in during if (d["view"], d["measure"]) == (view, measure)]
        if mine:
            worst = max(mine, key=lambda d: d["ratio"])
            lines.append(f"| {view.split(' / ')[-1]} | {measure} | {median:.2f} | {len(mine)} | "
                         f"{statistics.median(d['seconds'] for d in mine):.2f} | "
                         f"{worst['seconds']:.2f} | {worst['ratio']:.2f} |")
        else:
            lines.append(f"| {view.split(' / ')[-1]} | {measure} | {median:.2f} | 0 | – | – | – |")
    ratios = [d["ratio"] for d in during]
    stats = {"loads_during": len(ratios),
             "max_ratio": round(max(ratios), 2) if ratios else None,
             "median_ratio": round(statistics.median(ratios), 2) if ratios else None,
             "over_2x": sum(r > 2 for r in ratios), "failed_requests": len(found["failed"])}
    reading = [u["reading_s"] for u in found["uploads"]]
    text = "\n".join(lines) + (
        f"\n\n{stats['loads_during']} page loads overlapped the reading of the PDF "
        f"({len(reading)} uploads, reading {min(reading):.1f}–{max(reading):.1f} s each): "
        f"max {stats['max_ratio']}× and median {stats['median_ratio']}× the same page's usual "
        f"time, {stats['over_2x']} above 2×; {stats['failed_requests']} failed requests.")
    return text, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds: the views without, then with an upload")
    parser.add_argument("--db", default="seed", choices=("seed", "samples"), help="the shared database")
    parser.add_argument("--views", default=",".join(VIEWS), help="comma-separated pages")
    parser.add_argument("--pdf", type=Path, default=LONG_PDF, help="the PDF to upload")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the server on `kill` too
    if not args.pdf.exists():
        sys.exit(f"no PDF at {args.pdf}")
    OUT.mkdir(parents=True, exist_ok=True)
    db = seed_database() if args.db == "seed" else samples_database()
    import pymupdf

    with pymupdf.open(args.pdf) as doc:
        pages = doc.page_count
    root = Path(tempfile.mkdtemp(prefix="bench-uploads-"))
    os.environ["RESOLUTIONS_UPLOAD_DIR"] = str(root)  # the server's sessions' folders
    proc, base = start_server(Path(__file__).resolve().parent.parent / "app.py", db, OUT / "upload.log")
    started = time.perf_counter()
    try:
        views = [View(f"{args.db} / {PAGES[p][1]}", base, PAGES[p][0], PAGES[p][1], *PAGES[p][2:])
                 for p in args.views.split(",") if p]
        found = run(base, views, args.rounds, args.pdf)
    finally:
        devserver.stop(proc)
    minutes = (time.perf_counter() - started) / 60
    text, stats = summarise(found)
    machine = describe(f"Chromium {chromium_version()}")
    load = os.getloadavg()[0]
    text = (f"Upload of {args.pdf.name} ({pages} pages, {args.pdf.stat().st_size / 1e6:.1f} MB) "
            f"in one session, {args.db} database; pages of another session:\n\n{text}\n\n"
            f"{args.rounds} rounds, {machine}, {dt.date.today():%d %b %Y} ({minutes:.0f} min, "
            f"load average {load:.1f} at the end).")
    if found["failed"]:
        text += "\n\nFailed requests:\n" + "\n".join(found["failed"])
    print(text)
    (OUT / "upload.md").write_text(text + "\n", encoding="utf-8")
    (OUT / "upload.json").write_text(json.dumps(
        {"machine": machine, "date": dt.date.today().isoformat(), "pdf": args.pdf.name,
         "pages": pages, "db": args.db, "rounds": args.rounds, "stats": stats,
         **found},
        indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
