"""Where a warm reload and a sidebar navigation spend their time, server and browser side.

Starts the floor (bench/floor_app.py) and the app (APP, default app.py of this checkout) under
bench/probe_server.py, keeps one warm tab per app (as bench_pages.py does), and for each view and
measure records, on one clock (epoch ms; the server's time.time() and the browser's Date.now()):

- the browser: the document's response and DOMContentLoaded (reload), the WebSocket's opening,
  the rerun request sent, each ForwardMsg as the network delivered it (CDP, decoded) and as the
  page's main thread got to it, the first content drawn (as bench_pages.py), long tasks, and a
  V8 CPU profile split by what ran (plotly, React, Streamlit's bundle, the data grid, idle);
- the server: the script run and the app's functions inside it (bench/probe_server.py SPANS),
  and each message written, with its size.

Prints the medians of every milestone and span over the runs.

    .venv/bin/python bench/profile_pages.py --views verbs,overview --runs 5
    .venv/bin/python bench/profile_pages.py --app /tmp/scratch/app.py --db bench/out/seed.duckdb
"""

from __future__ import annotations

import argparse
import base64
import collections
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.bench_pages import (FINISHED, OUT, PAGES, QUIET, SIGNATURES, TIMEOUT_MS,  # noqa: E402
                               VIEWPORT, compare_query, content_time, seed_database)
from dashboard import build, devserver  # noqa: E402

PROBE = """
window.__probe = {frames: [], sent: [], states: [], long: []};
(() => {
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      window.__probe.wsCreated = Date.now();
      this.addEventListener("open", () => { window.__probe.wsOpen = Date.now(); });
      this.addEventListener("message", (e) => {
        window.__probe.frames.push([Date.now(), e.data.byteLength]); });
    }
    send(data) { window.__probe.sent.push([Date.now(), data.byteLength ?? data.length]);
                 return super.send(data); }
  };
  new PerformanceObserver((list) => { for (const e of list.getEntries())
      window.__probe.long.push([performance.timeOrigin + e.startTime, e.duration]); })
    .observe({type: "longtask", buffered: true});
  const watch = () => {
    const el = document.querySelector("[data-test-script-state]");
    if (!el) return setTimeout(watch, 5);
    window.__probe.states.push([Date.now(), el.dataset.testScriptState]);
    new MutationObserver(() => window.__probe.states.push([Date.now(), el.dataset.testScriptState]))
      .observe(el, {attributes: true, attributeFilter: ["data-test-script-state"]});
  };
  document.addEventListener("DOMContentLoaded", watch);
  // when the first content's element is mounted by React, before plotly or the grid draw in it
  const MOUNTS = {"chart mounted": '[data-testid="stMain"] [data-testid="stPlotlyChart"]',
                  "chart svg": '[data-testid="stMain"] [data-testid="stPlotlyChart"] .main-svg',
                  "metric mounted": '[data-testid="stMain"] [data-testid="stMetricValue"]',
                  "main first element": '[data-testid="stMain"] [data-testid="stElementContainer"]',
                  // the app's filter sections (their widgets only when open), the floor's widgets
                  "sidebar filters": '[data-testid="stSidebarUserContent"] [data-testid="stExpander"], '
                                     + '[data-testid="stSidebarUserContent"] [data-testid="stMultiSelect"]',
                  "sidebar nav": '[data-testid="stSidebarNav"] a'};
  window.__probe.mounts = {};
  window.__probe.resetMounts = () => { window.__probe.mounts = {}; };
  new MutationObserver(() => { for (const [k, sel] of Object.entries(MOUNTS))
      if (!(k in window.__probe.mounts) && document.querySelector(sel))
        window.__probe.mounts[k] = Date.now(); })
    .observe(document, {subtree: true, childList: true});
})();
"""
CATEGORY_MODULES = {"PlotlyChart": "plotly", "react-dom": "React", "DataFrame": "data grid",
                    "index": "Streamlit bundle"}


def start(script: Path, db: Path | None, log: Path, probe_log: Path, prof_dir: Path | None):
    """`streamlit run script` under probe_server.py; returns (process, url)."""
    port = devserver.free_port()
    env = dict(os.environ, BENCH_PROBE_LOG=str(probe_log))
    if db is not None:
        env["RESOLUTIONS_DB"] = str(db)
    if prof_dir is not None:
        env["BENCH_PROBE_CPROFILE"] = str(prof_dir)
    root = script.parent.parent if script.parent.name == "bench" else script.parent
    proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("probe_server.py")),
                             "run", str(script), "--server.port", str(port),
                             *devserver.SERVER_FLAGS],
                            cwd=root, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    import urllib.request
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(log.read_text()[-2000:])


class Probe:
    """One warm tab with the probe, its CDP session (network frames, CPU profile)."""

    def __init__(self, browser, probe_log: Path) -> None:
        self.context = browser.new_context(viewport=VIEWPORT)
        self.context.add_init_script(SIGNATURES + PROBE)
        self.page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)
        self.frames: list[tuple[float, bytes]] = []  # (monotonic s, payload)
        self.offset = None  # epoch s - monotonic s
        self.cdp.on("Network.webSocketFrameReceived", self._frame)
        self.cdp.on("Network.requestWillBeSent", self._request)
        self.cdp.send("Network.enable")
        self.cdp.send("Profiler.enable")
        self.cdp.send("Profiler.setSamplingInterval", {"interval": 200})
        self.log = probe_log

    def _request(self, event) -> None:
        if self.offset is None and "wallTime" in event:
            self.offset = event["wallTime"] - event["timestamp"]

    def _frame(self, event) -> None:
        response = event["response"]
        if response["opcode"] == 2:
            self.frames.append((event["timestamp"], base64.b64decode(response["payloadData"])))

    def server_events(self, since: int) -> list[dict]:
        with self.log.open() as f:
            f.seek(since)
            return [json.loads(line) for line in f if line.strip()]

    def log_size(self) -> int:
        return self.log.stat().st_size


def decode(payload: bytes) -> tuple[str, str]:
    """A ForwardMsg's type and, for a delta, its element's type."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg.FromString(payload)
    kind = msg.WhichOneof("type") or ""
    element = ""
    if kind == "delta":
        which = msg.delta.WhichOneof("type")
        element = msg.delta.new_element.WhichOneof("type") if which == "new_element" else which
    return kind, element or ""


def cpu_split(profile: dict, start_ms: float, end_ms: float, offset: float) -> dict[str, float]:
    """Milliseconds of the CPU profile between two epoch times, by what ran."""
    nodes = {n["id"]: n for n in profile["nodes"]}
    parent = {c: n["id"] for n in profile["nodes"] for c in n.get("children", [])}
    spent: collections.Counter = collections.Counter()
    t = profile["startTime"]  # µs, monotonic
    for sample, delta in zip(profile["samples"], profile["timeDeltas"]):
        t += delta
        epoch_ms = (t / 1e6 + offset) * 1000
        if not start_ms <= epoch_ms <= end_ms:
            continue
        top = nodes[sample]["callFrame"]
        name = top["functionName"]
        if name in ("(idle)", "(program)", "(garbage collector)"):
            kind = name.strip("()")
        else:
            kind = "other script"
            node = sample
            while node in nodes:
                module = nodes[node]["callFrame"]["url"].rsplit("/", 1)[-1].split(".")[0]
                if module in CATEGORY_MODULES:
                    kind = CATEGORY_MODULES[module]
                    if kind != "Streamlit bundle":
                        break
                node = parent.get(node)
        spent[kind] += delta / 1000
    return dict(spent)


def record(probe: Probe, view_name: str, measure: str, t0_ms: float, drawn_ms: float,
           since: int, profile: dict) -> dict:
    """Milestones (ms after t0), server spans and message counts of one measurement."""
    page_probe = probe.page.evaluate("window.__probe")
    timing = probe.page.evaluate("(() => { const n = performance.getEntriesByType('navigation')[0];"
                                 " return n ? [performance.timeOrigin + n.responseEnd,"
                                 " performance.timeOrigin + n.domContentLoadedEventEnd] : null })()")
    events = probe.server_events(since)
    runs = [e for e in events if e["ev"] == "run"]
    spans = [e for e in events if e["ev"] == "span"]
    msgs = [e for e in events if e["ev"] == "msg"]
    rel = lambda ms: round(ms - t0_ms, 1)  # noqa: E731
    out: dict = {"view": view_name, "measure": measure, "drawn": rel(drawn_ms)}
    if measure == "reload" and timing:
        out["document responseEnd"], out["DOMContentLoaded"] = rel(timing[0]), rel(timing[1])
        if "wsOpen" in page_probe:
            out["websocket open"] = rel(page_probe["wsOpen"])
    sent = [s for s in page_probe["sent"] if s[0] >= t0_ms - 1]
    if sent:
        out["first BackMsg sent"] = rel(sent[0][0])
    if runs:
        out["server run start"] = rel(runs[0]["t0"] * 1000)
        out["server run end"] = rel(runs[-1]["t1"] * 1000)
        out["server runs"] = len(runs)
    # frames as the network delivered them (CDP) and as the main thread took them (JS)
    net = [(ts, decode(p), len(p)) for ts, p in probe.frames]
    js = page_probe["frames"][-len(net):] if net else []
    first_content = None
    for i, (ts, (kind, element), size) in enumerate(net):
        arrived = (ts + probe.offset) * 1000
        if arrived < t0_ms - 1:
            continue
        if element in ("plotly_chart", "metric", "arrow_data_frame", "selectbox") and \
                first_content is None:
            first_content = i
            out[f"{element} msg received"] = rel(arrived)
            if i < len(js):
                out[f"{element} msg handled"] = rel(js[i][0])
            out["msgs before it"] = i
            out["bytes before it"] = sum(s for _, _, s in net[:i])
    for k, t in page_probe.get("mounts", {}).items():
        out[k] = rel(t)
    out["msgs"] = len(net)
    out["bytes"] = sum(s for _, _, s in net)
    written = [m for m in msgs if m["element"] in ("plotly_chart", "metric", "arrow_data_frame",
                                                   "selectbox")]
    if written:
        out[f"{written[0]['element']} msg written"] = rel(written[0]["t"] * 1000)
    finished = [m for m in msgs if m["type"] == "script_finished"]
    if finished:
        out["script_finished written"] = rel(finished[0]["t"] * 1000)
    totals: collections.Counter = collections.Counter()
    for s in spans:
        totals[s["name"]] += (s["t1"] - s["t0"]) * 1000
    out["spans"] = {k: round(v, 1) for k, v in totals.items()}
    out["serialize ms"] = round(sum(m["ser_ms"] for m in msgs), 1)
    long_tasks = [(s, d) for s, d in page_probe["long"] if t0_ms <= s <= drawn_ms]
    out["long tasks before drawn"] = [round(d) for _, d in long_tasks]
    out["cpu to drawn"] = {k: round(v) for k, v in
                           cpu_split(profile, t0_ms, drawn_ms, probe.offset).items()} \
        if profile else {}
    return out


def measure_once(probe: Probe, base: str, view: str, link: str, path: str, kind: str,
                 expected: str | None, measure: str, cpu: bool) -> dict:
    """One reload or navigation, recorded."""
    QUIET.wait()  # the machine may be shared: start when other processes leave the CPU alone
    if measure == "reload" and not probe.page.url.endswith(path):  # a click left the query out
        probe.page.goto(base + path)
        probe.page.locator(FINISHED).wait_for(state="attached", timeout=TIMEOUT_MS)
        time.sleep(0.6)
    before = QUIET.snapshot()
    probe.frames.clear()
    since = probe.log_size()
    if cpu:
        probe.cdp.send("Profiler.start")
    if measure == "reload":
        t0_ms = time.time() * 1000
        probe.page.reload(wait_until="commit")
    else:
        probe.page.evaluate("window.__probe.sent = []; window.__probe.frames = [];"
                            " window.__probe.long = []; window.__probe.resetMounts()")
        probe.page.get_by_test_id("stSidebarNav").get_by_role("link", name=link,
                                                               exact=True).click()
        t0_ms = probe.page.evaluate("window.__benchClick")
    drawn = content_time(probe.page, kind, expected)
    load = QUIET.foreign(before, QUIET.snapshot())
    probe.page.locator(FINISHED).wait_for(state="attached", timeout=TIMEOUT_MS)
    time.sleep(0.6)
    profile = probe.cdp.send("Profiler.stop")["profile"] if cpu else None
    return record(probe, view, measure, t0_ms, drawn, since, profile) | {"other cores": load}


def summarize(rows: list[dict]) -> None:
    """Print the median of every milestone per (view, measure)."""
    groups: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    for r in rows:
        groups[(r["view"], r["measure"])].append(r)
    for (view, measure), got in groups.items():
        print(f"\n## {view} — {measure} ({len(got)} runs; ms after the "
              f"{'reload call' if measure == 'reload' else 'click'}, medians)")
        keys = [k for k in got[0] if k not in ("view", "measure", "spans", "cpu to drawn",
                                               "long tasks before drawn")]
        for k in keys:
            values = [r[k] for r in got if k in r and isinstance(r[k], (int, float))]
            if values:
                print(f"  {k}: {statistics.median(values):.1f}"
                      f"  ({min(values):.0f}–{max(values):.0f})")
        for part in ("spans", "cpu to drawn"):
            names = sorted({n for r in got for n in r[part]})
            line = ", ".join(f"{n} {statistics.median(r[part].get(n, 0) for r in got):.1f}"
                             for n in names)
            print(f"  {part}: {line}")
        print(f"  long tasks before drawn: {[r['long tasks before drawn'] for r in got]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--views", default="verbs,overview")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--app", default=str(build.REPO_ROOT / "app.py"))
    parser.add_argument("--db", default=None, help="default: the seed database")
    parser.add_argument("--cprofile", action="store_true", help="cProfile every script run")
    parser.add_argument("--cpu", action="store_true",
                        help="V8 CPU profile of each measurement (slows the browser down)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    db = Path(args.db) if args.db else seed_database()
    logs = {name: OUT / f"probe-{name}.jsonl" for name in ("floor", "app")}
    for log in logs.values():
        log.write_text("")
    prof = OUT / "cprofile" if args.cprofile else None
    servers = [start(build.REPO_ROOT / "bench" / "floor_app.py", None, OUT / "probe-floor.log",
                     logs["floor"], None),
               start(Path(args.app).resolve(), db, OUT / "probe-app.log", logs["app"], prof)]
    views = [v for v in args.views.split(",") if v]
    rows: list[dict] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=devserver.CHROMIUM,
                                        args=devserver.CHROMIUM_ARGS)
            floor, app = Probe(browser, logs["floor"]), Probe(browser, logs["app"])
            floor_url, app_url = servers[0][1], servers[1][1]
            # (probe, base URL, name, sidebar link, path, first content on reload, on a click)
            targets = [(floor, floor_url, "floor / First", "First", "/", "chart", "chart"),
                       (floor, floor_url, "floor / Second", "Second", "/second", "chart", "chart")]
            for v in views:
                path, link, kind, nav_kind, _ = PAGES[v]
                path += compare_query(db) if v == "compare" else ""  # as bench_pages.py opens it
                targets.append((app, app_url, f"app / {link}", link, path, kind, nav_kind))
            # the tabs start on a page that is none of the views: the app on Explorer
            floor.page.goto(floor_url + "/second")
            app.page.goto(app_url + ("/explorer" if "explorer" not in views else "/timeline"))
            for probe in (floor, app):
                probe.page.locator(FINISHED).wait_for(state="attached")
            time.sleep(2)
            expected: dict[tuple[str, str], str] = {}
            for round_no in range(args.runs + 1):
                for probe, base, name, link, path, kind, nav_kind in targets:
                    for measure in ("navigation", "reload"):
                        shows = nav_kind if measure == "navigation" else kind
                        row = measure_once(probe, base, name, link, path, shows,
                                           expected.get((name, measure)), measure, args.cpu)
                        if round_no == 0:  # warm-up: note the content drawn
                            expected[(name, measure)] = probe.page.evaluate(
                                f"window.__benchSig.{shows}()")
                        else:
                            rows.append(row)
                print(f"round {round_no} done", flush=True)
            browser.close()
    finally:
        for proc, _ in servers:
            devserver.stop(proc)
    (OUT / "profile_pages.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    summarize(rows)


if __name__ == "__main__":
    main()
