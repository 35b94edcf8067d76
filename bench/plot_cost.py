"""What plotly alone takes to draw each page's first chart, against the floor's chart (not a test).

    .venv/bin/python bench/plot_cost.py bench/out/samples.duckdb --views addressees,verbs,reports

Opens each page of the app (bench_pages.PAGES names) on DB, takes the figure its first chart was
drawn from (the plot's data and layout, as plotly.js holds them), then, in a static page that
loads only the plotly.js of the installed plotly package (file://, offline), times
Plotly.newPlot of it: warm (the median of --runs plots in one document) and cold (the first plot
in a freshly loaded document, the median of --runs reloads), each as drawn and without its
category labels (its text trace charts.LABELS_TRACE, or annotations in the y axis' coordinates),
beside the floor's chart
(bench/floor_app.py's first page, drawn by it). Prints one line per chart, in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import plotly  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from bench.bench_pages import FLOOR, OUT, PAGES, TIMEOUT_MS, VIEWPORT, start_server  # noqa: E402
from dashboard import build, devserver  # noqa: E402
from dashboard.charts import LABELS_TRACE  # noqa: E402

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
FIRST_CHART = '[data-testid="stMain"] [data-testid="stPlotlyChart"]'
# one plot of figure f in the div #g; without its category labels when `bare`; resolves to ms
PLOT = """async ([f, bare, labels]) => {
  const layout = JSON.parse(JSON.stringify(f.layout));
  let data = JSON.parse(JSON.stringify(f.data));
  if (bare && layout.annotations) layout.annotations = layout.annotations.filter(a => a.yref !== "y");
  if (bare) data = data.filter(t => t.name !== labels);
  Plotly.purge("g");
  const started = performance.now();
  await Plotly.newPlot("g", data, layout);
  return performance.now() - started;
}"""


def drawn_figures(browser, script: Path, db: Path | None, paths: dict[str, str]) -> dict[str, dict]:
    """The figure of the first chart at each of `paths` (name: URL path), as `script` drew it."""
    proc, url = start_server(script, db, OUT / "plot-cost.log")
    try:
        page = browser.new_page(viewport=VIEWPORT)
        figures = {}
        for view, path in paths.items():
            page.goto(url + path)
            page.locator(f"{FIRST_CHART} .main-svg .gtitle").first.wait_for(timeout=TIMEOUT_MS)
            figures[view] = page.evaluate(f"""() => {{
                const gd = document.querySelector('{FIRST_CHART} .js-plotly-plot');
                return {{data: gd.data, layout: gd.layout}}; }}""")
        return figures
    finally:
        devserver.stop(proc)


def timings(page, figure: dict, runs: int, bare: bool) -> tuple[float, float]:
    """(warm, cold) median milliseconds of Plotly.newPlot(figure)."""
    warm = [page.evaluate(PLOT, [figure, bare, LABELS_TRACE]) for _ in range(runs + 1)][1:]
    cold = []
    for _ in range(runs + 1):
        page.reload()
        cold.append(page.evaluate(PLOT, [figure, bare, LABELS_TRACE]))
    return statistics.median(warm), statistics.median(cold[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--views", default="addressees,verbs,reports,funding")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=devserver.CHROMIUM, args=devserver.CHROMIUM_ARGS)
        figures = drawn_figures(browser, build.REPO_ROOT / "app.py", args.db,
                                {v: PAGES[v][0] for v in args.views.split(",")})
        figures |= drawn_figures(browser, FLOOR, None, {"floor": "/"})
        html = Path(tmp) / "plot.html"
        html.write_text(f"<html><body><div id='g' style='width:{VIEWPORT['width'] - 80}px'></div>"
                        f"<script src='{PLOTLY_JS.as_uri()}'></script></body></html>")
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(html.as_uri())
        print("chart | traces | points | category labels | warm ms | warm ms, no labels | "
              "cold ms | cold ms, no labels")
        for name, figure in figures.items():
            labels = sum(a.get("yref") == "y" for a in figure["layout"].get("annotations", [])) + sum(
                len(t.get("text", [])) for t in figure["data"] if t.get("name") == LABELS_TRACE)
            points = sum(len(t.get("x", [])) for t in figure["data"] if t.get("name") != LABELS_TRACE)
            (warm, cold), (warm_bare, cold_bare) = (timings(page, figure, args.runs, bare)
                                                    for bare in (False, True))
            print(f"{name} | {len(figure['data'])} | {points} | {labels} | {warm:.0f} | "
                  f"{warm_bare:.0f} | {cold:.0f} | {cold_bare:.0f}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
