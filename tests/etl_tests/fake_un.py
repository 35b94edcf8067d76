"""A stand-in for the UN's document system on 127.0.0.1, serving recorded kinds of answers.

Like documents.un.org, `/api/symbol/access?s=<symbol>&l=en&t=pdf` answers with a redirect to the PDF
(`/doc/undoc/gen/<file>`), which honours `Range`. A test scripts what a symbol's next requests get
(`script(symbol, ...)` for the access address, `script_pdf(symbol, ...)` for the PDF address): a
status with a body and headers, a web page instead of a PDF, a cut-off body, a server that ignores
Range. Every request is logged with its Range and User-Agent headers.
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from pdf_fixtures import un_resolution

Action = Callable[[BaseHTTPRequestHandler, "FakeUN", str], None]
NOT_FOUND_PAGE = b"<!DOCTYPE html><html><body><h1>Document not found</h1></body></html>"


@lru_cache(maxsize=None)
def resolution_pdf(number: int) -> bytes:
    """The bytes of a small General Assembly resolution A/RES/79/<number> the ETL reads."""
    return un_resolution(number=number).pdf


def pdf_for(symbol: str) -> bytes | None:
    """The PDF this server holds for a symbol: A/RES/79/<n> for n below 400, nothing else."""
    head, _, number = symbol.rpartition("/")
    if head == "A/RES/79" and number.isdigit() and 0 < int(number) < 400:
        return resolution_pdf(int(number))
    return None


def file_of(symbol: str) -> str:
    return symbol.replace("/", "_") + ".pdf"


@dataclass
class Request:
    path: str
    symbol: str
    range: str | None
    user_agent: str | None


@dataclass
class FakeUN:
    base_url: str = ""
    log: list[Request] = field(default_factory=list)
    access: dict[str, list[Action]] = field(default_factory=dict)
    documents: dict[str, list[Action]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def script(self, symbol: str, *actions: Action) -> None:
        """What the next requests for the symbol's access address get (then the usual redirect)."""
        self.access.setdefault(symbol, []).extend(actions)

    def script_pdf(self, symbol: str, *actions: Action) -> None:
        """What the next requests for the symbol's PDF get (then the whole PDF, Range honoured)."""
        self.documents.setdefault(symbol, []).extend(actions)

    def requests_for(self, symbol: str, path: str = "/api/symbol/access") -> list[Request]:
        return [r for r in self.log if r.symbol == symbol and r.path.startswith(path)]

    def next_action(self, table: dict[str, list[Action]], symbol: str) -> Action | None:
        with self.lock:
            queue = table.get(symbol)
            return queue.pop(0) if queue else None


# --- answers --------------------------------------------------------------------------------------

def _send(handler: BaseHTTPRequestHandler, code: int, body: bytes, headers: dict[str, str]) -> None:
    handler.send_response(code)
    for name, value in {"Content-Length": str(len(body)), **headers}.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def status(code: int, body: bytes = b"", content_type: str = "text/plain", **headers: str) -> Action:
    """An answer with this status, body and headers (Retry_After= gives Retry-After)."""
    extra = {name.replace("_", "-"): value for name, value in headers.items()}

    def act(handler: BaseHTTPRequestHandler, server: FakeUN, symbol: str) -> None:
        _send(handler, code, body, {"Content-Type": content_type, **extra})

    return act


def web_page(code: int = 200) -> Action:
    """A "not found" web page where a PDF was expected."""
    return status(code, NOT_FOUND_PAGE, "text/html; charset=utf-8")


def cut_off(fraction: float = 0.6) -> Action:
    """The PDF's full Content-Length announced, part of it sent, then the connection closed."""
    def act(handler: BaseHTTPRequestHandler, server: FakeUN, symbol: str) -> None:
        data = pdf_for(symbol) or b""
        handler.send_response(200)
        handler.send_header("Content-Type", "application/pdf")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data[: int(len(data) * fraction)])
        handler.wfile.flush()
        handler.close_connection = True

    return act


def ignoring_range(handler: BaseHTTPRequestHandler, server: FakeUN, symbol: str) -> None:
    """The whole PDF with 200, whatever Range asked for."""
    _send(handler, 200, pdf_for(symbol) or b"", {"Content-Type": "application/pdf"})


def _redirect(handler: BaseHTTPRequestHandler, server: FakeUN, symbol: str) -> None:
    if pdf_for(symbol) is None:
        web_page(404)(handler, server, symbol)
        return
    location = "/doc/undoc/gen/" + urllib.parse.quote(file_of(symbol))
    _send(handler, 302, b"", {"Location": location, "Content-Type": "text/html"})


def _serve_pdf(handler: BaseHTTPRequestHandler, server: FakeUN, symbol: str) -> None:
    data = pdf_for(symbol) or b""
    asked = handler.headers.get("Range")
    if asked and asked.startswith("bytes=") and asked.endswith("-"):
        start = int(asked[len("bytes="):-1])
        if start >= len(data):
            _send(handler, 416, b"", {"Content-Range": f"bytes */{len(data)}"})
            return
        _send(handler, 206, data[start:], {"Content-Type": "application/pdf",
                                           "Content-Range": f"bytes {start}-{len(data) - 1}/{len(data)}"})
        return
    _send(handler, 200, data, {"Content-Type": "application/pdf"})


class _Handler(BaseHTTPRequestHandler):
    server_state: FakeUN

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        state = self.server_state
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/api/symbol/access":
            symbol = urllib.parse.parse_qs(url.query).get("s", [""])[0]
            table, default = state.access, _redirect
        elif url.path.startswith("/doc/undoc/gen/"):
            name = urllib.parse.unquote(url.path.rsplit("/", 1)[1])
            symbol = name.removesuffix(".pdf").replace("_", "/")
            table, default = state.documents, _serve_pdf
        else:
            symbol, table, default = "", {}, web_page(404)
        state.log.append(Request(url.path, symbol, self.headers.get("Range"), self.headers.get("User-Agent")))
        (state.next_action(table, symbol) or default)(self, state, symbol)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # keep the test output clean


@contextmanager
def serving() -> Iterator[FakeUN]:
    """A FakeUN answering on a free port of 127.0.0.1 for the duration of the block."""
    state = FakeUN()
    handler = type("Handler", (_Handler,), {"server_state": state})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
