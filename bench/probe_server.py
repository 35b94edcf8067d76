"""`streamlit run` with timers: what the server does for each script run, on the wall clock.

    BENCH_PROBE_LOG=bench/out/probe.jsonl .venv/bin/python bench/probe_server.py run app.py ...

Used by bench/profile_pages.py. Appends one JSON line per event to $BENCH_PROBE_LOG, times in
epoch seconds (the browser's Date.now() is on the same clock):
  {"ev": "run", "t0", "t1", "page"}                 a ScriptRunner._run_script call
  {"ev": "span", "name", "t0", "t1"}                a timed function (SPANS) in the script thread
  {"ev": "msg", "t", "type", "element", "path", "bytes", "ser_ms"}   a ForwardMsg written
With BENCH_PROBE_CPROFILE=DIR, each script run is also profiled by cProfile into DIR/<n>.prof.
"""

from __future__ import annotations

import cProfile
import functools
import json
import os
import sys
import threading
import time
from pathlib import Path

_LOG = open(os.environ.get("BENCH_PROBE_LOG", os.devnull), "a", buffering=1)  # noqa: SIM115
_LOCK = threading.Lock()
_PROFILE_DIR = os.environ.get("BENCH_PROBE_CPROFILE")
_RUNS = [0]
# (module, attribute) of the functions timed in the script thread
SPANS = [
    ("dashboard.filters", "select"), ("dashboard.filters", "draw"),
    ("dashboard.filters", "publish"), ("dashboard.filters", "begin_run"),
    ("dashboard.queries", "filter_options"), ("dashboard.queries", "database_problem"),
    ("dashboard.ui", "figure"), ("dashboard.ui", "chart"), ("dashboard.ui", "bars"),
    ("dashboard.downloads", "offer"), ("dashboard.downloads", "offer_table"),
    ("dashboard.process", "freeze_imports"),
    ("time", "sleep"),
    ("streamlit", "set_page_config"), ("streamlit", "navigation"),
]


def _write(record: dict) -> None:
    with _LOCK:
        _LOG.write(json.dumps(record) + "\n")


def _timed(name: str, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if getattr(_STATE, "in_run", False) is False:
            return fn(*args, **kwargs)
        t0 = time.time()
        try:
            return fn(*args, **kwargs)
        finally:
            _write({"ev": "span", "name": name, "t0": t0, "t1": time.time()})
    wrapper.__probed__ = True
    return wrapper


_STATE = threading.local()


def _patch_app_modules() -> None:
    import importlib

    for module_name, attr in SPANS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        fn = getattr(module, attr, None)
        if fn is not None and not getattr(fn, "__probed__", False):
            setattr(module, attr, _timed(f"{module_name.split('.')[-1]}.{attr}", fn))


def _patch_streamlit() -> None:
    from streamlit.elements.plotly_chart import PlotlyMixin
    from streamlit.navigation.page import StreamlitPage
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web.server.starlette import starlette_websocket

    original_run = script_runner.ScriptRunner._run_script

    def _run_script(self, rerun_data):
        _patch_app_modules()
        _STATE.in_run = True
        t0 = time.time()
        profile = cProfile.Profile() if _PROFILE_DIR else None
        if profile:
            profile.enable()
        try:
            return original_run(self, rerun_data)
        finally:
            if profile:
                profile.disable()
                _RUNS[0] += 1
                Path(_PROFILE_DIR).mkdir(parents=True, exist_ok=True)
                profile.dump_stats(f"{_PROFILE_DIR}/{t0:.3f}.prof")
            _STATE.in_run = False
            _write({"ev": "run", "t0": t0, "t1": time.time(),
                    "page": rerun_data.page_name or rerun_data.page_script_hash or ""})

    script_runner.ScriptRunner._run_script = _run_script
    StreamlitPage.run = _timed("page.run", StreamlitPage.run)
    PlotlyMixin.plotly_chart = _timed("st.plotly_chart", PlotlyMixin.plotly_chart)

    serialize = starlette_websocket.serialize_forward_msg

    def serialize_forward_msg(msg):
        t0 = time.perf_counter()
        payload = serialize(msg)
        ser_ms = (time.perf_counter() - t0) * 1000
        kind = msg.WhichOneof("type")
        element, path = "", list(msg.metadata.delta_path)
        if kind == "delta":
            which = msg.delta.WhichOneof("type")
            element = (msg.delta.new_element.WhichOneof("type") if which == "new_element"
                       else which or "")
        _write({"ev": "msg", "t": time.time(), "type": kind, "element": element, "path": path,
                "bytes": len(payload), "ser_ms": round(ser_ms, 3)})
        return payload

    starlette_websocket.serialize_forward_msg = serialize_forward_msg


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    _patch_streamlit()
    from streamlit.web.cli import main

    sys.argv = ["streamlit", *sys.argv[1:]]
    main()
