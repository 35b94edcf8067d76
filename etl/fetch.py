"""Download official English PDFs from the UN's document system, politely: the ETL's only network code.

The URL scheme is the one `wannli/mandate-pipeline` uses (`src/mandate_pipeline/downloader.py`):
`https://documents.un.org/api/symbol/access?s=<symbol>&l=en&t=pdf` answers with a redirect to the
PDF itself, and a symbol it does not know gets no PDF (a 404, or a web page instead). Files are named
as there, the symbol with "/" turned into "_" (`A_C.3_80_L.19.pdf`), which is also how the sample
PDFs are named.

Politeness: at most one request per `delay` seconds, retries with exponential backoff on 429, 5xx,
timeouts and dropped connections (a Retry-After is obeyed), a valid PDF already in the folder is not
fetched again, and a download goes to `<name>.part` first, renamed when complete, so that an
interrupted download goes on where it stopped (an HTTP Range request) in the same run or the next.
"""

from __future__ import annotations

import email.utils
import http.client
import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from etl.errors import EtlError

DEFAULT_BASE_URL = "https://documents.un.org"
BASE_URL_ENV = "RESOLUTIONS_FETCH_BASE_URL"
ACCESS_PATH = "/api/symbol/access"
USER_AGENT = "resolution-explorer-etl/1.0 (one request per second at most; python-urllib)"
MAX_RANGE = 1000  # one range expands to at most this many symbols: 80/1-99999 is a typo, not a session
MAX_SYMBOL_LENGTH = 120
MAX_PDF_BYTES = 200 * 1024 * 1024  # the largest official PDFs are a few MB; a stream beyond this is not one
CHUNK = 64 * 1024
EOF_WINDOW = 2048  # "%%EOF" ends a PDF, sometimes followed by a newline or a few bytes of padding
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})

# a symbol is parts separated by "/": "A", "C.3", "80", "L.19", "Add.1", "ES-11", "2719(2023)"
_PART = r"[A-Za-z0-9][A-Za-z0-9.()\-]*"
_SYMBOL = re.compile(rf"[A-Za-z][A-Za-z0-9.()\-]*(?:/{_PART})+")  # the first part names the organ: a letter
# a range in the last part: "1-50", "L.19-25" or "L.19-L.25"
_RANGE = re.compile(r"(?P<prefix>(?:.*\D)?)(?P<start>\d+)-(?P=prefix)?(?P<end>\d+)")
_HALF_RANGE = re.compile(r"(?:.*\D)?\d+-.*")  # "1-x", "1-": meant as a range, not one ("ES-11" is a name)

SYMBOL_HELP = 'parts separated by "/", such as A/RES/80/1, A/C.3/80/L.19 or A/80/L.20/Add.1'


# --- pure functions ------------------------------------------------------------------------------

def check_symbol(symbol: str) -> str:
    """The symbol without surrounding spaces; EtlError when it is not shaped like a UN document symbol."""
    symbol = symbol.strip()
    if not symbol:
        raise EtlError("an empty symbol: give one such as A/RES/80/1")
    if len(symbol) > MAX_SYMBOL_LENGTH or not _SYMBOL.fullmatch(symbol):
        raise EtlError(f'"{symbol}" is not a UN document symbol: expected {SYMBOL_HELP}')
    return symbol


def expand_symbols(arguments: Iterable[str]) -> list[str]:
    """Every symbol the arguments name, ranges expanded ("A/RES/80/1-3" is three), in order, once each."""
    symbols: list[str] = []
    for argument in arguments:
        argument = check_symbol(argument)
        head, _, last = argument.rpartition("/")
        match = _RANGE.fullmatch(last)
        if not match and _HALF_RANGE.fullmatch(last):
            raise EtlError(f'"{argument}": "{last}" is not a range; expected numbers such as A/RES/80/1-50')
        if not match:
            symbols.append(argument)
            continue
        prefix, start, end = match["prefix"], int(match["start"]), int(match["end"])
        if end < start:
            raise EtlError(f'"{argument}": the range ends before it starts ({start} to {end})')
        if end - start + 1 > MAX_RANGE:
            raise EtlError(f'"{argument}": a range of {end - start + 1} symbols; at most {MAX_RANGE} at a time')
        symbols += [f"{head}/{prefix}{n}" for n in range(start, end + 1)]
    return list(dict.fromkeys(symbols))  # "A/RES/80/1 A/RES/80/1-2" asks for 80/1 once


def file_name(symbol: str) -> str:
    """The PDF's file name: the symbol with "/" as "_" (A/RES/80/1 -> A_RES_80_1.pdf); never a path."""
    return check_symbol(symbol).replace("/", "_") + ".pdf"


def check_base_url(base_url: str) -> str:
    """The base URL without a trailing slash; EtlError unless it is http(s)://host[...]."""
    parts = urllib.parse.urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EtlError(f'"{base_url}" is not a base URL: expected one such as {DEFAULT_BASE_URL}')
    return base_url.strip().rstrip("/")


def default_base_url() -> str:
    """$RESOLUTIONS_FETCH_BASE_URL, else the UN's document system."""
    return os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL


def host_of(base_url: str) -> str:
    """The host (and port) a base URL points at, for telling the user where requests go."""
    return urllib.parse.urlsplit(base_url).netloc


def url_for(symbol: str, base_url: str = DEFAULT_BASE_URL) -> str:
    """The address that answers with the symbol's English PDF (by a redirect)."""
    query = urllib.parse.urlencode({"s": check_symbol(symbol), "l": "en", "t": "pdf"}, safe="/")
    return f"{check_base_url(base_url)}{ACCESS_PATH}?{query}"


def is_complete_pdf(path: Path) -> bool:
    """True when the file starts like a PDF and ends like one (a cut-off download does not)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - EOF_WINDOW))
            tail = handle.read()
    except OSError:
        return False
    return head.startswith(b"%PDF-") and b"%%EOF" in tail


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


def size_text(size: int) -> str:
    """A byte count for people: 812 bytes, 96 KB, 1.4 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size // 1024} KB"
    return f"{size / (1024 * 1024):.1f} MB"


# --- the downloader ------------------------------------------------------------------------------

class Response(Protocol):
    """What the downloader reads of an HTTP response (http.client.HTTPResponse and HTTPError have it)."""

    status: int
    headers: http.client.HTTPMessage

    def read(self, amt: int = ..., /) -> bytes: ...

    def close(self) -> None: ...


Opener = Callable[[urllib.request.Request, float], Response]


def _default_opener() -> Opener:
    opener = urllib.request.build_opener()  # follows redirects, keeps our headers (Range too) across them

    def open_url(request: urllib.request.Request, timeout: float) -> Response:
        return opener.open(request, timeout=timeout)

    return open_url


@dataclass(frozen=True)
class Politeness:
    """How hard the downloader may press the server."""

    delay: float = 1.0  # seconds between the starts of two requests, retries included
    retries: int = 4  # further tries after a 429, 5xx, timeout or dropped connection
    backoff: float = 2.0  # first wait before a retry; doubled each time (2, 4, 8, 16 s)
    max_wait: float = 300.0  # a longer Retry-After gives up on the symbol instead of hanging
    timeout: float = 60.0  # seconds a connection may stay silent


@dataclass(frozen=True)
class Outcome:
    """What became of one symbol."""

    symbol: str
    status: str  # downloaded, cached, missing, failed, unreachable
    path: Path | None
    message: str

    @property
    def in_hand(self) -> bool:
        """True when the symbol's PDF is in the folder after the run."""
        return self.status in ("downloaded", "cached")


class _Retry(Exception):
    """A failure worth another try (the server is busy or the connection broke)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class _Unreachable(Exception):
    """The host cannot be found: no further symbol would fare better."""


class Downloader:
    """Fetches symbols' PDFs into a folder, one polite request at a time."""

    def __init__(self, folder: Path, *, base_url: str = DEFAULT_BASE_URL, politeness: Politeness = Politeness(),
                 opener: Opener | None = None, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic, wall_clock: Callable[[], float] = time.time,
                 report: Callable[[str], None] = lambda message: None) -> None:
        self.folder = Path(folder)
        self.base_url = check_base_url(base_url)
        self.politeness = politeness
        self.opener = opener or _default_opener()
        self.sleep, self.clock, self.wall_clock, self.report = sleep, clock, wall_clock, report
        self.requests = 0
        self._last_request: float | None = None

    def fetch_all(self, symbols: Iterable[str], done: Callable[[Outcome], None] = lambda outcome: None) -> list[Outcome]:
        """Fetch each symbol in turn, telling `done` of each; a missing or failing one does not stop the others."""
        symbols = list(symbols)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise EtlError(f"{self.folder}: cannot create the folder ({error.strerror or error})") from error
        outcomes: list[Outcome] = []
        for i, symbol in enumerate(symbols):
            outcome = self.fetch(symbol)
            outcomes.append(outcome)
            done(outcome)
            if outcome.status == "unreachable":  # the same for every symbol left: say so once
                outcomes += [Outcome(s, "failed", None, "not tried (the server cannot be reached)")
                             for s in symbols[i + 1:]]
                break
        return outcomes

    def fetch(self, symbol: str) -> Outcome:
        """Fetch one symbol's PDF unless a complete one is already in the folder."""
        target = self.folder / file_name(symbol)
        if is_complete_pdf(target):
            return Outcome(symbol, "cached", target, f"already in {self.folder}, not fetched again ({target.name})")
        part = target.with_name(target.name + ".part")
        tries = self.politeness.retries + 1
        for attempt in range(tries):
            try:
                return self._attempt(symbol, target, part)
            except _Unreachable as error:
                return Outcome(symbol, "unreachable", None, str(error))
            except _Retry as problem:
                if attempt == tries - 1:
                    return Outcome(symbol, "failed", None, f"gave up after {tries} tries: {problem}")
                wait = problem.retry_after
                if wait is None:
                    wait = min(self.politeness.backoff * 2 ** attempt, self.politeness.max_wait)
                elif wait > self.politeness.max_wait:
                    return Outcome(symbol, "failed", None,
                                   f"{problem}, and the server asks to wait {wait:.0f} s (more than the "
                                   f"{self.politeness.max_wait:.0f} s this command waits); try again later")
                self.report(f"{symbol}: {problem}; trying again in {wait:g} s")
                self.sleep(wait)
        raise AssertionError("unreachable")  # the loop returns on its last try

    # one request ---------------------------------------------------------------------------------

    def _wait_turn(self) -> None:
        """Sleep until `delay` seconds have passed since the previous request started."""
        if self._last_request is not None:
            waited = self.clock() - self._last_request
            if waited < self.politeness.delay:
                self.sleep(self.politeness.delay - waited)
        self._last_request = self.clock()

    def _attempt(self, symbol: str, target: Path, part: Path) -> Outcome:
        """One request; returns the outcome, or raises _Retry when another try may succeed."""
        offset = part.stat().st_size if part.exists() else 0
        request = urllib.request.Request(url_for(symbol, self.base_url), headers={
            "User-Agent": USER_AGENT, "Accept": "application/pdf"})
        if offset:
            request.add_header("Range", f"bytes={offset}-")  # add_header: kept across the redirect
        self._wait_turn()
        self.requests += 1
        try:
            response = self.opener(request, self.politeness.timeout)
        except urllib.error.HTTPError as error:
            try:
                return self._refused(symbol, error, part, offset)
            finally:
                error.close()
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, socket.gaierror):
                raise _Unreachable(f"cannot reach {host_of(self.base_url)} ({reason.strerror or reason}); "
                                   f"is this machine online?") from error
            if isinstance(reason, TimeoutError):
                raise _Retry("no answer in time") from error
            raise _Retry(f"cannot connect ({getattr(reason, 'strerror', None) or reason})") from error
        except TimeoutError as error:
            raise _Retry("no answer in time") from error
        except (ConnectionError, http.client.HTTPException) as error:
            raise _Retry(f"the connection broke ({type(error).__name__})") from error
        try:
            return self._receive(symbol, response, target, part, offset)
        finally:
            response.close()

    def _refused(self, symbol: str, error: urllib.error.HTTPError, part: Path, offset: int) -> Outcome:
        """An HTTP error answer: retry, start over, or report the symbol as missing."""
        if error.code in RETRY_STATUSES:
            busy = "asks us to slow down" if error.code == 429 else "is busy or failing"
            raise _Retry(f"the server {busy} (HTTP {error.code})",
                         retry_after_seconds(error.headers.get("Retry-After"), self.wall_clock()))
        if error.code == 416 and offset:  # the .part is not a prefix of what the server has now
            part.unlink(missing_ok=True)
            raise _Retry("the partial download no longer matches the server's file; starting over")
        if error.code in (404, 410):
            return Outcome(symbol, "missing", None,
                           f"not found: the server has no English PDF for this symbol (HTTP {error.code})")
        return Outcome(symbol, "failed", None, f"the server refused it (HTTP {error.code} {error.reason})")

    def _receive(self, symbol: str, response: Response, target: Path, part: Path, offset: int) -> Outcome:
        """Write the body to the .part file (appending when the server resumes), then rename it."""
        status = response.status
        if status == 206 and offset:
            first, total = _content_range(response.headers.get("Content-Range"))
            if first != offset:
                part.unlink(missing_ok=True)
                raise _Retry("the server resumed at the wrong place; starting over")
            mode, expected = "ab", (total - offset if total is not None else _length(response))
        else:
            if offset:
                self.report(f"{symbol}: the server cannot resume; downloading {target.name} from the start")
            offset, mode, expected = 0, "wb", _length(response)
        head = response.read(CHUNK)
        if mode == "wb" and not head.startswith(b"%PDF"):
            part.unlink(missing_ok=True)  # an old partial download of a symbol the server no longer has
            kind = response.headers.get_content_type()
            what = "a web page" if kind == "text/html" or head.lstrip()[:1] == b"<" else f"{kind}, not a PDF"
            return Outcome(symbol, "missing", None,
                           f"not found: the server has no English PDF for this symbol (it answered with {what})")
        received = 0
        with part.open(mode) as handle:
            chunk = head
            while chunk:
                received += len(chunk)
                if offset + received > MAX_PDF_BYTES:
                    handle.close()
                    part.unlink(missing_ok=True)
                    return Outcome(symbol, "failed", None,
                                   f"the answer is larger than {size_text(MAX_PDF_BYTES)}: not a resolution's PDF")
                handle.write(chunk)
                try:
                    chunk = response.read(CHUNK)
                except TimeoutError as error:
                    raise _Retry(f"the download stalled after {size_text(offset + received)}; "
                                 "it will go on from there") from error
                except (ConnectionError, http.client.HTTPException) as error:
                    raise _Retry(f"the connection broke after {size_text(offset + received)}; "
                                 "it will go on from there") from error
        if expected is not None and received < expected:
            raise _Retry(f"the download stopped after {size_text(offset + received)} of "
                         f"{size_text(offset + expected)}; it will go on from there")
        if not is_complete_pdf(part):
            part.unlink(missing_ok=True)
            raise _Retry("the server sent an incomplete PDF (no end marker); starting over")
        os.replace(part, target)
        resumed = f", resumed after {size_text(offset)}" if offset else ""
        return Outcome(symbol, "downloaded", target, f"downloaded {target.name} ({size_text(target.stat().st_size)}"
                                                     f"{resumed})")


def _length(response: Response) -> int | None:
    """The Content-Length, when the server gives one."""
    value = response.headers.get("Content-Length")
    return int(value) if value and value.strip().isdigit() else None


def _content_range(value: str | None) -> tuple[int | None, int | None]:
    """First byte and total size of "bytes 100-999/1000" (the total may be "*")."""
    match = re.fullmatch(r"\s*bytes\s+(\d+)-\d+/(\d+|\*)\s*", value or "")
    if not match:
        return None, None
    return int(match[1]), (int(match[2]) if match[2] != "*" else None)
