"""Where a filter change spends the browser's time: a Chrome CPU profile of each change.

Starts the app on the seed database (and the floor page of bench_pages.py), changes the same
sidebar filter as bench_pages.py, and prints the median milliseconds of script per category
(plotly, the rest of React, the multiselect widget's modules) over the runs.

    .venv/bin/python bench/profile_filter_change.py --page verbs --runs 5
"""

from __future__ import annotations

import argparse
import collections
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.bench_pages import FLOOR_APP, OUT, change_filter, seed_database, \
    settled_page  # noqa: E402
from dashboard import build, devserver  # noqa: E402

# chunks of Streamlit's frontend that only the multiselect widget loads
MULTISELECT_MODULES = ("useSyncComboBoxEnterTargetFocus", "useCollection", "useMenuTrigger",
                       "useFloatingOverlay", "Multiselect", "Input")


def categories(profile: dict) -> collections.Counter:
    """Milliseconds of the profile by category of the sampled stack."""
    nodes = {n["id"]: n for n in profile["nodes"]}
    parent = {c: n["id"] for n in profile["nodes"] for c in n.get("children", [])}
    spent: collections.Counter = collections.Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"]):
        stack, node = [], sample
        while node in nodes:
            stack.append(nodes[node]["callFrame"])
            node = parent.get(node)
        modules = {f["url"].rsplit("/", 1)[-1].split(".")[0] for f in stack}
        top = stack[0]["functionName"]
        if top in ("(idle)", "(program)", "(garbage collector)"):
            kind = top.strip("()")
        elif "PlotlyChart" in modules:
            kind = "plotly"
        elif modules & set(MULTISELECT_MODULES):
            kind = "multiselect"
        elif "react-dom" in modules:
            kind = "other React"
        else:
            kind = "other script"
        spent[kind] += delta / 1000
    return spent


def profile_change(browser, url: str) -> collections.Counter:
    """Profile from pressing Enter in the filter to the end of the rerun."""
    context, page = settled_page(browser, url)
    cdp = context.new_cdp_session(page)

    def start() -> None:
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 250})
        cdp.send("Profiler.start")

    change_filter(page, before_enter=start)
    page.locator('[data-test-script-state="notRunning"]').wait_for(state="attached")
    page.wait_for_timeout(300)
    spent = categories(cdp.send("Profiler.stop")["profile"])
    context.close()
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="verbs")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    floor_app = OUT / "floor_app.py"
    floor_app.write_text(FLOOR_APP, encoding="utf-8")
    servers = [devserver.start(floor_app, None, OUT / "floor.log"),
               devserver.start(build.REPO_ROOT / "app.py", seed_database(), OUT / "seed.log")]
    targets = {"floor": servers[0][1], args.page: f"{servers[1][1]}/{args.page}"}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=devserver.CHROMIUM,
                                        args=devserver.CHROMIUM_ARGS)
            for name, url in targets.items():
                runs = [profile_change(browser, url) for _ in range(args.runs)]
                kinds = sorted({k for r in runs for k in r if k != "idle"})
                medians = {k: statistics.median(r[k] for r in runs) for k in kinds}
                print(f"{name}: " + ", ".join(f"{k} {v:.0f} ms" for k, v in medians.items()))
            browser.close()
    finally:
        for proc, _ in servers:
            devserver.stop(proc)


if __name__ == "__main__":
    main()
