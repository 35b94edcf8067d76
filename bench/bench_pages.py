"""Benchmark: warm reload and sidebar navigation to each page's first content, in one warm tab.

A user meets the app's speed in a browser tab that is already open: reloading a page, or clicking
another page in the sidebar. So one browser context and one tab per app are kept for the whole run
(HTTP cache, compiled JavaScript and fonts warm), and every page is measured two ways:

- reload: page.reload() of the page's URL, to the page's first content drawn;
- navigation: a click on the page's link in the sidebar nav, from the page measured before it,
  to the page's first content drawn, in a tab that has shown every page since it was last
  loaded (so the code of every kind of element is loaded: see measure()).

"First content" is, per page: the first chart's title drawn in its SVG (Verbs, Addressees,
Funding, Timeline; Lineage's neighbourhood graph, or its headline figures when the database has no
citation link to draw); the headline figures (Overview, and Compare's counts of a comparison
opened by its URL — a sidebar click opens Compare with no texts chosen: its two pickers); the
results table's first row painted on the data grid's canvas (Explorer: the grid draws its cells on
a canvas, and the copy of the cells it keeps in the DOM for screen readers comes about 0.3 s after
them). The floor is bench/floor_app.py, two pages with one plotly
chart each under st.navigation, served with the same flags, measured the same way (navigation
between its two pages, reload of each); the table gives its two pages together (the "floor" row,
what every view is divided by) and each on its own (a page at a path reloads slower than the one
at /: bench/connect_timing.py).

Rounds are interleaved: each round reloads every view once, then navigates to every view once,
with the floor before every FLOOR_EVERY views, so that a slower spell of the machine falls on the
floor and the views alike; a warm-up round (not counted) fills the caches after each view's first
content has been noted. The machine may be shared: each measurement waits (up to 3 s) for other
processes to leave the CPU alone for half a second, and is taken again (up to TRIES times) when
they used more than QUIET.limit cores during it; the raw output keeps that load beside every
time. Times are taken in the browser: Date.now() in the first animation frame in which the
content is in the DOM, minus the click's timestamp (navigation) or the moment page.reload() was
called (reload).

    .venv/bin/python bench/bench_pages.py                       # seed + samples, 9 rounds
    .venv/bin/python bench/bench_pages.py --dbs seed --runs 5 --views overview,verbs
    .venv/bin/python bench/bench_pages.py --app scratch=/tmp/scratch/app.py   # A/B with a copy

Databases are built into bench/out/ (git-ignored) when missing; the raw time of every round goes to
bench/out/pages.json, the table to bench/out/pages.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from bench.machine import describe  # noqa: E402
from dashboard import build, devserver  # noqa: E402

OUT = build.REPO_ROOT / "bench" / "out"
FLOOR = build.REPO_ROOT / "bench" / "floor_app.py"
SAMPLES = build.REPO_ROOT.parent / "shared" / "samples" / "pdf"
VIEWPORT = {"width": 1280, "height": 800}
FLOOR_EVERY = 4
TIMEOUT_MS = 60_000
SETTLE_S = 0.3  # after a run has finished: the sidebar filters and the URL update come last

# What a page's first content looks like in the DOM: a string once it is drawn, else null.
SIGNATURES = """
window.__benchSig = {
  chart: () => document.querySelector(
      '[data-testid="stMain"] [data-testid="stPlotlyChart"] .main-svg .gtitle')?.textContent ?? null,
  metrics: () => {
    const values = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stMetricValue"]')];
    return values.length ? values.map(v => v.textContent).join(" | ") : null;
  },
  // the data grid paints its cells on a canvas (its accessible copy of the cells comes about
  // 0.3 s later): drawn = a dark pixel in the first data row's band, named by the table's key
  table: () => {
    const grid = document.querySelector('[data-testid="stMain"] [data-testid="stDataFrame"]');
    const key = [...(grid?.closest('[class*="st-key-"]')?.classList ?? [])].find(c => c.startsWith("st-key-"));
    if (!grid || !key) return null;
    const dpr = window.devicePixelRatio || 1;
    for (const canvas of grid.querySelectorAll("canvas")) {
      if (canvas.height < 70 * dpr) continue;
      const band = canvas.getContext("2d").getImageData(0, Math.round(40 * dpr), canvas.width,
                                                        Math.round(25 * dpr)).data;
      for (let i = 0; i < band.length; i += 4) {
        if (band[i + 3] > 0 && band[i] < 128) return `${key}: rows drawn`;
      }
    }
    return null;
  },
  match: () => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stMarkdownContainer"]')]
      .find(e => e.textContent.includes("open \u2197"))?.textContent.slice(0, 80) ?? null,
  pickers: () => {
    const labels = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stSelectbox"] label')];
    return labels.length ? labels.map(l => l.textContent).join(" | ") : null;
  },
};
window.addEventListener("click", () => { window.__benchClick = Date.now(); }, true);
"""
WAIT = """([kind, expected]) => {
  const found = window.__benchSig && window.__benchSig[kind]();
  return found !== null && found !== undefined && (expected === null || found === expected)
      ? Date.now() : false;
}"""
FINISHED = '[data-test-script-state="notRunning"]'


@dataclass(frozen=True)
class View:
    """One page of one app: where it is, its sidebar link, what its first content is."""

    name: str  # as printed: "seed / Verbs"
    base: str  # the server's URL
    path: str  # "/verbs", with the query string for Compare
    link: str  # the sidebar link's text
    reload_kind: str  # a key of SIGNATURES
    nav_kind: str
    fallback: str | None = None  # the kind to use when the page shows no `reload_kind`


# page -> (path, link, kind on reload, kind on navigation, fallback kind)
PAGES = {
    "overview": ("/", "Overview", "metrics", "metrics", None),
    "verbs": ("/verbs", "Verbs", "chart", "chart", None),
    "addressees": ("/addressees", "Addressees", "chart", "chart", None),
    "funding": ("/funding", "Funding", "chart", "chart", None),
    "timeline": ("/timeline", "Timeline", "chart", "chart", None),
    "trends": ("/trends", "Trends", "chart", "chart", None),
    "reports": ("/reports", "Reports due", "chart", "chart", "metrics"),
    "compare": ("/compare", "Compare", "metrics", "pickers", None),
    "lineage": ("/lineage", "Lineage", "chart", "chart", "metrics"),
    # reloaded with a search (a sidebar click leaves the query string out, as for Compare)
    # its first content is then the first highlighted match ("… · open ↗"), the table after them
    "explorer": ("/explorer?q=secretary-general", "Explorer", "match", "table", "table"),
}
# two instruments to compare in each database: a draft and its adopted text where there is one
COMPARE_PAIRS = [("A_C.3_80_L.19:i1", "A_RES_80_184:i1"),
                 ("000_729240fe4f2efc64:i1", "000_729240fe4f2efc64:i2")]


# ---------------------------------------------------------------------------------------------
# databases and servers

def seed_database() -> Path:
    """The seed report's database, built once."""
    db = OUT / "seed.duckdb"
    if not db.exists():
        build.build_in_process(db)
    return db


def samples_database(samples: Path = SAMPLES) -> Path:
    """The seed plus the 265 sample PDFs (../shared/samples/pdf), built once."""
    db = OUT / "samples.duckdb"
    if not db.exists():
        from etl.pipeline import build as etl_build

        started = time.perf_counter()
        etl_build([build.SEED_DIR, samples], db)
        print(f"built {db.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return db


def derived_database(n: int, folder: Path | None, samples: Path = SAMPLES) -> Path:
    """The seed plus n documents derived from the samples (bench/sample_corpus.py), built once;
    from `folder` when given (a corpus bench/bench_scale.py --keep wrote), else a temporary one."""
    db = OUT / f"derived{n}.duckdb"
    if not db.exists():
        import tempfile

        from bench.sample_corpus import make_corpus
        from etl.pipeline import build as etl_build

        with tempfile.TemporaryDirectory() as tmp:
            if folder is None:
                folder = make_corpus(n, Path(tmp) / f"derived{n}", samples)[0].parent
            started = time.perf_counter()
            etl_build([build.SEED_DIR, folder], db)
        print(f"built {db.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return db


def compare_query(db: Path) -> str:
    """?old=…&new=… for the first pair of COMPARE_PAIRS found in the database."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        have = {r[0] for r in con.execute("select instrument_id from instruments").fetchall()}
        first_two = sorted(have)[:2]
    old, new = next(((o, n) for o, n in COMPARE_PAIRS if o in have and n in have), first_two)
    return "?" + urllib.parse.urlencode({"old": old, "new": new})


def start_server(script: Path, db: Path | None, log: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run script` (devserver's flags) from the script's checkout, on a free port."""
    port = devserver.free_port()
    env = dict(os.environ)
    if db is not None:
        env["RESOLUTIONS_DB"] = str(db)
    root = script.parent.parent if script.parent.name == "bench" else script.parent
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script),
                             "--server.port", str(port), *devserver.SERVER_FLAGS],
                            cwd=root, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"streamlit did not start: {log.read_text()[-2000:]}")


# ---------------------------------------------------------------------------------------------
# measuring

def content_time(page: Page, kind: str, expected: str | None) -> float:
    """Date.now() (ms) of the first animation frame in which the content of `kind` is drawn."""
    try:
        return page.wait_for_function(WAIT, arg=[kind, expected], polling="raf",
                                      timeout=TIMEOUT_MS).json_value()
    except PlaywrightTimeout:
        shows = page.evaluate(f"window.__benchSig.{kind}()")
        raise RuntimeError(f"{page.evaluate('location.href')}: waited for {kind} {expected!r}, "
                           f"the page shows {shows!r}") from None


def settle(page: Page) -> None:
    """Wait for the script run to finish, then for its last messages to be drawn."""
    expect(page.locator(FINISHED)).to_be_attached(timeout=TIMEOUT_MS)
    time.sleep(SETTLE_S)


def signature(page: Page, kinds: list[str]) -> tuple[str, str]:
    """The first of `kinds` the settled page shows, and what it shows."""
    for kind in kinds:
        found = page.evaluate(f"window.__benchSig.{kind}()")
        if found is not None:
            return kind, found
    raise RuntimeError(f"{page.url} shows none of {kinds}")


class Quiet:
    """How much CPU other processes take (this machine is shared): in cores, over a window.

    Busy time of the whole machine (/proc/stat) minus that of this process and its descendants
    (the servers, the Playwright driver, Chromium), in clock ticks.
    """

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.tick = os.sysconf("SC_CLK_TCK")

    @staticmethod
    def _tree() -> dict[int, int]:
        """pid -> ticks used, for this process and its descendants."""
        parents, ticks = {}, {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid = int(entry.name)
            parents[pid] = int(fields[1])
            ticks[pid] = int(fields[11]) + int(fields[12])
        mine, todo = {}, [os.getpid()]
        children: dict[int, list[int]] = {}
        for pid, ppid in parents.items():
            children.setdefault(ppid, []).append(pid)
        while todo:
            pid = todo.pop()
            mine[pid] = ticks.get(pid, 0)
            todo += children.get(pid, [])
        return mine

    def snapshot(self) -> tuple[float, int, dict[int, int]]:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        busy = sum(values) - values[3] - values[4]  # less idle and iowait
        return time.monotonic(), busy, self._tree()

    def foreign(self, a, b) -> float:
        """Cores used by other processes between two snapshots."""
        mine = sum(t - a[2].get(pid, 0) for pid, t in b[2].items())
        return max(0.0, (b[1] - a[1] - mine) / self.tick / max(b[0] - a[0], 1e-3))

    def wait(self, window: float = 0.5, patience: float = 3) -> None:
        """Return once other processes have used less than `limit` cores for `window` seconds
        (or after `patience` seconds)."""
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            a = self.snapshot()
            time.sleep(window)
            if self.foreign(a, self.snapshot()) < self.limit:
                return


QUIET = Quiet(limit=0.25)
TRIES = 2  # measurements of one view and measure, until one finds the machine quiet


class Tab:
    """One warm tab on one app; remembers each view's first content as learnt in the warm-up."""

    def __init__(self, browser, base: str) -> None:
        self.context = browser.new_context(viewport=VIEWPORT)
        self.context.add_init_script(SIGNATURES)
        self.page = self.context.new_page()
        self.base = base
        self.expected: dict[tuple[str, str], tuple[str, str]] = {}  # (view, measure) -> kind, text
        self.current = ""  # the view the tab shows

    def open(self, view: View) -> None:
        """Go to the view's URL (outside any measurement)."""
        self.page.goto(view.base + view.path)
        content_time(self.page, view.fallback or view.reload_kind, None)
        settle(self.page)
        self.current = view.name

    def detour(self, view: View) -> None:
        """Click another page's sidebar link (not measured), so that `view` can be clicked."""
        nav = self.page.get_by_test_id("stSidebarNav")
        links = [t for t in nav.get_by_role("link").all_inner_texts() if t.strip() != view.link]
        nav.get_by_role("link", name=links[0].strip(), exact=True).click()
        self.page.wait_for_function("(p) => location.pathname !== p",
                                    arg=urllib.parse.urlsplit(view.path).path, timeout=TIMEOUT_MS)
        settle(self.page)
        time.sleep(0.5)
        self.current = links[0].strip()

    def visit(self, view: View) -> None:
        """Click the view's sidebar link and wait for its run to finish (not measured)."""
        if self.current == view.name:
            return
        self.page.get_by_test_id("stSidebarNav").get_by_role("link", name=view.link,
                                                             exact=True).click()
        self.page.wait_for_function("(p) => location.pathname === p",
                                    arg=urllib.parse.urlsplit(view.path).path, timeout=TIMEOUT_MS)
        settle(self.page)
        time.sleep(0.5)
        self.current = view.name

    def _learn(self, view: View, measure: str, kinds: list[str]) -> None:
        """Note what the page shows once its run has finished and nothing changes any more."""
        settle(self.page)
        found, previous = signature(self.page, kinds), None
        while found != previous:
            time.sleep(1.0)
            settle(self.page)
            found, previous = signature(self.page, kinds), found
        self.expected[(view.name, measure)] = found

    def navigate(self, view: View) -> tuple[float, float] | None:
        """Seconds from the click on the view's sidebar link to its first content, and the cores
        other processes used meanwhile (None while warming up)."""
        learnt = self.expected.get((view.name, "navigation"))
        for attempt in range(TRIES):
            if attempt:
                self.detour(view)
            QUIET.wait()
            before = QUIET.snapshot()
            self.page.get_by_test_id("stSidebarNav").get_by_role(
                "link", name=view.link, exact=True).click()
            self.current = view.name
            if learnt is None:  # warm-up: wait for the page, then note what it shows
                self.page.wait_for_function("(p) => location.pathname === p",
                                            arg=urllib.parse.urlsplit(view.path).path,
                                            timeout=TIMEOUT_MS)
                content_time(self.page, view.fallback or view.nav_kind, None)
                self._learn(view, "navigation", [k for k in (view.nav_kind, view.fallback) if k])
                return None
            drawn = content_time(self.page, *learnt)
            load = QUIET.foreign(before, QUIET.snapshot())
            elapsed = (drawn - self.page.evaluate("window.__benchClick")) / 1000
            settle(self.page)
            if load < QUIET.limit:
                break
        return elapsed, load

    def reload(self, view: View) -> tuple[float, float] | None:
        """Seconds from page.reload() to the view's first content, and the cores other
        processes used meanwhile (None while warming up)."""
        if self.current != view.name or urllib.parse.urlsplit(view.path).query:
            self.open(view)  # (a sidebar click leaves the query out)
        learnt = self.expected.get((view.name, "reload"))
        for _ in range(TRIES):
            QUIET.wait()
            before = QUIET.snapshot()
            started = time.time()
            self.page.reload(wait_until="commit")
            if learnt is None:
                content_time(self.page, view.fallback or view.reload_kind, None)
                self._learn(view, "reload", [k for k in (view.reload_kind, view.fallback) if k])
                return None
            drawn = content_time(self.page, *learnt)
            load = QUIET.foreign(before, QUIET.snapshot())
            elapsed = drawn / 1000 - started
            settle(self.page)
            if load < QUIET.limit:
                break
        return elapsed, load


def measure(tabs: dict[str, Tab], apps: dict[str, list[View]], floors: list[View],
            runs: int) -> dict[str, dict[str, list[float]]]:
    """Reload and navigation times of every view, `runs` rounds after one warm-up round.

    A round reloads each view once, in order, then navigates to each once, in order, each by a
    click from the one before it in its tab; one of the floor's two pages (the one its tab is
    not on) before every FLOOR_EVERY views. Before the navigations each tab clicks through all
    of its pages once (not measured): a page's first chart or table in a freshly loaded
    document also loads that element's code (plotly.js is 4.7 MB), which the floor, chart to
    chart, never pays; that one-off cost is left to bench/profile_pages.py.
    """
    order = [(app, v) for app, app_views in apps.items() for v in app_views]
    samples: dict[str, dict[str, list[float]]] = {}

    def steps():
        for i, (app, view) in enumerate(order):
            if i % FLOOR_EVERY == 0:
                floor_tab = tabs["floor"]
                yield "floor", floors[floor_tab.current == floors[0].name]
            yield app, view

    def keep(tab_name: str, view: View, measure_name: str, got_time) -> None:
        seconds, load = got_time
        # the floor's two pages together are the yardstick; each also on its own, since a page
        # at a path (/second) reloads slower than the one at / (bench/connect_timing.py)
        for name in (["floor"] if tab_name == "floor" else []) + [view.name]:
            got = samples.setdefault(name, {"reload": [], "navigation": [],
                                            "reload_load": [], "navigation_load": []})
            got[measure_name].append(round(seconds, 4))
            got[f"{measure_name}_load"].append(round(load, 2))

    for name, tab in tabs.items():  # note what each view's first content looks like
        views = floors if name == "floor" else apps[name]
        tab.open(views[-1])
        for view in views:
            tab.reload(view)
        for view in views:
            if tab.current == view.name:
                tab.detour(view)
            tab.navigate(view)
    for round_no in range(runs + 1):
        started = time.perf_counter()
        for tab_name, view in steps():
            got = tabs[tab_name].reload(view)
            if round_no:
                keep(tab_name, view, "reload", got)
        for tab_name, tab in tabs.items():  # a lap: every page's code loaded in the document
            for view in (floors if tab_name == "floor" else apps[tab_name]):
                tab.visit(view)
        for tab_name, view in steps():
            tab = tabs[tab_name]
            if tab.current == view.name:  # a click needs another page to come from
                tab.detour(view)
            got = tab.navigate(view)
            if round_no:
                keep(tab_name, view, "navigation", got)
        label = "warm-up" if round_no == 0 else f"round {round_no}/{runs}"
        print(f"{label} done in {time.perf_counter() - started:.0f} s", flush=True)
    return samples


# ---------------------------------------------------------------------------------------------
# reporting

def is_floor(name: str) -> bool:
    """Whether a row of the samples is the floor's ("floor", "floor / First", …)."""
    return name.split(" / ")[0] == "floor"


def floor_first(samples: dict[str, dict[str, list[float]]]) -> list[tuple[str, dict[str, list[float]]]]:
    """The samples' items, the floor's rows first, each group in the order measured."""
    return sorted(samples.items(), key=lambda item: not is_floor(item[0]))


def median(values: list[float]) -> float | None:
    """The median, or None for a measure never taken (with few views the floor's two pages need
    not both be reloaded and clicked)."""
    return statistics.median(values) if values else None


def seconds_and_ratio(value: float | None, floor: float | None) -> str:
    """Two table cells: the seconds and their multiple of the floor, "–" where either is missing."""
    if value is None:
        return "– | –"
    return f"{value:.2f} | " + (f"{value / floor:.2f}" if floor else "–")


def table(samples: dict[str, dict[str, list[float]]]) -> str:
    """Markdown: median reload and navigation per view, and each as a multiple of the floor's."""
    floor = {m: median(samples["floor"][m]) for m in ("reload", "navigation")}
    lines = ["| view | warm reload to first content (s) | × floor |"
             " sidebar navigation to first content (s) | × floor |",
             "|---|---:|---:|---:|---:|"]
    for name, got in floor_first(samples):
        cells = [seconds_and_ratio(median(got[m]), floor[m]) for m in ("reload", "navigation")]
        lines.append(f"| {name} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def ratios(samples: dict[str, dict[str, list[float]]]) -> str:
    """Markdown: each page of every database against the same page of the first database that is
    not the seed (e.g. derived / samples), by the medians."""
    apps = list(dict.fromkeys(name.split(" / ")[0] for name in samples if not is_floor(name)))
    base = next((a for a in apps if a != "seed"), None)
    others = [a for a in apps if a not in ("seed", base)]
    if base is None or not others:
        return ""
    lines = ["| page | " + " | ".join(f"{o} / {base}, reload | {o} / {base}, navigation" for o in others)
             + " |", "|---|" + "---:|---:|" * len(others)]
    for name in samples:
        if not name.startswith(base + " / "):
            continue
        page = name.split(" / ", 1)[1]
        cells = []
        for o in others:
            other = samples.get(f"{o} / {page}")
            for m in ("reload", "navigation"):
                mine, theirs = median(samples[name][m]), median(other[m]) if other else None
                cells.append(f"{theirs / mine:.2f}" if mine and theirs else "–")
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def spread(samples: dict[str, dict[str, list[float]]]) -> str:
    """One line per view: min–max of each measure over the rounds, and how many were taken while
    other processes were busy (after TRIES tries)."""
    lines = []
    for name, g in floor_first(samples):
        busy = sum(load >= QUIET.limit for m in ("reload", "navigation") for load in g[f"{m}_load"])
        ranges = ", ".join(f"{m} {min(g[m]):.2f}–{max(g[m]):.2f} s" if g[m] else f"{m} –"
                           for m in ("reload", "navigation"))
        lines.append(f"{name}: {ranges}"
                     + (f" ({busy} of {2 * len(g['reload'])} with the machine busy)" if busy
                        else ""))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="measured rounds (after a warm-up)")
    parser.add_argument("--dbs", default="seed,samples",
                        help="seed, samples and/or derived (the seed + --derived documents)")
    parser.add_argument("--derived", type=int, default=5000,
                        help="how many derived documents the derived database holds")
    parser.add_argument("--derived-from", type=Path, default=None,
                        help="a folder of derived documents already written (bench/bench_scale.py --keep)")
    parser.add_argument("--views", default=",".join(PAGES), help="comma-separated pages")
    parser.add_argument("--samples", type=Path, default=SAMPLES,
                        help="the sample PDFs' folder (default ../shared/samples/pdf)")
    parser.add_argument("--app", action="append", default=[], metavar="LABEL=PATH",
                        help="also measure another checkout's app.py (for before/after)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the servers on `kill` too
    OUT.mkdir(parents=True, exist_ok=True)
    makers = {"seed": seed_database, "samples": lambda: samples_database(args.samples),
              "derived": lambda: derived_database(args.derived, args.derived_from, args.samples)}
    dbs = {name: makers[name]() for name in args.dbs.split(",") if name}
    scripts = {"": build.REPO_ROOT / "app.py"} | {
        label: Path(path).resolve() for label, path in (a.split("=", 1) for a in args.app)}
    servers = []
    try:
        proc, floor_url = start_server(FLOOR, None, OUT / "floor.log")
        servers.append(proc)
        floors = [View(f"floor / {p}", floor_url, path, p, "chart", "chart")
                  for p, path in (("First", "/"), ("Second", "/second"))]
        apps: dict[str, list[View]] = {}
        bases: dict[str, str] = {}
        for label, script in scripts.items():
            for db_name, db in dbs.items():
                app = f"{label} {db_name}".strip()
                proc, bases[app] = start_server(script, db, OUT / f"{app.replace(' ', '-')}.log")
                servers.append(proc)
                apps[app] = [
                    View(f"{app} / {link}", bases[app],
                         path + (compare_query(db) if page == "compare" else ""), link,
                         reload_kind, nav_kind, fallback)
                    for page, (path, link, reload_kind, nav_kind, fallback) in PAGES.items()
                    if page in args.views.split(",")]
        started = time.perf_counter()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=devserver.CHROMIUM,
                                        args=devserver.CHROMIUM_ARGS)
            tabs = {"floor": Tab(browser, floor_url)} | {a: Tab(browser, bases[a]) for a in apps}
            samples = measure(tabs, apps, floors, args.runs)
            expected = {f"{v} ({m})": k for t in tabs.values() for (v, m), k in t.expected.items()}
            browser.close()
        minutes = (time.perf_counter() - started) / 60
    finally:
        for proc in servers:
            devserver.stop(proc)
    machine = describe(f"Chromium {chromium_version()}")
    text = (f"{table(samples)}\n\n{ratios(samples)}\n\nMedians of {args.runs} warm rounds, {machine}, "
            f"{dt.date.today():%d %b %Y} ({minutes:.0f} min).\n\n{spread(samples)}")
    print(text)
    (OUT / "pages.md").write_text(text + "\n", encoding="utf-8")
    (OUT / "pages.json").write_text(json.dumps(
        {"machine": machine, "date": dt.date.today().isoformat(), "runs": args.runs,
         "first_content": expected, "samples": samples}, indent=1), encoding="utf-8")


def chromium_version() -> str:
    out = subprocess.run([devserver.CHROMIUM, "--version"], capture_output=True, text=True)
    return out.stdout.split()[1] if out.returncode == 0 and len(out.stdout.split()) > 1 else "?"


# ---------------------------------------------------------------------------------------------
# kept for bench/profile_filter_change.py (a sidebar filter change on a one-page floor)

FILTER_LABEL, FILTER_VALUE = "Acting body", "General Assembly"
# the first chart's text (ticks, bar labels, title): the app's bars carry their labels above them,
# not as axis ticks, so the whole chart's text is what a filter change is seen to change
TICKS = 'document.querySelector(\'[data-testid="stPlotlyChart"] .svg-container\')'
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


def settled_page(browser, url: str):
    """A fresh context with the page loaded, its first chart drawn and its script run finished."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(url)
    expect(page.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first).to_be_visible(
        timeout=TIMEOUT_MS)
    expect(page.locator(FINISHED)).to_be_attached()
    return context, page


def change_filter(page: Page, before_enter=lambda: None) -> float:
    """Choose FILTER_VALUE in the sidebar filter; seconds from Enter to the first chart redrawn."""
    before = page.evaluate(f"{TICKS}?.textContent")
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name=FILTER_LABEL)
    if box.count() == 0:  # the app draws it once its sidebar section is opened
        from dashboard import filters  # here: the benchmarks that never need it skip its imports

        page.get_by_test_id("stSidebar").get_by_test_id("stExpander") \
            .filter(has_text=filters.section_of(FILTER_LABEL)).locator("summary").click()
        expect(box).to_be_visible(timeout=TIMEOUT_MS)
        page.wait_for_timeout(150)  # then the end of the run that drew it
        expect(page.locator(FINISHED)).to_be_attached()
        before = page.evaluate(f"{TICKS}?.textContent")
    box.scroll_into_view_if_needed()  # a click that scrolls the sidebar closes the list it opens
    box.click()
    box.fill(FILTER_VALUE)
    before_enter()
    started = time.perf_counter()
    box.press("Enter")
    page.wait_for_function(f"(old) => {TICKS} && {TICKS}.textContent !== old", arg=before,
                           timeout=TIMEOUT_MS, polling="raf")
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
