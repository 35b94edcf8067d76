"""`python -m etl fetch`: symbols, file names, and polite downloads from a local stand-in for documents.un.org.

No test reaches the internet (a guard refuses any connection that is not to 127.0.0.1) and none
sleeps for real: the downloader gets a fake clock whose sleep only moves the clock on.
"""

from __future__ import annotations

import email.utils
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from etl_snippets import ROOT
from fake_un import NOT_FOUND_PAGE, FakeUN, cut_off, file_of, ignoring_range, pdf_for, serving, status, web_page

from etl import fetch
from etl.__main__ import main
from etl.errors import EtlError


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse every connection that is not to this machine, and forget a base URL set outside."""
    real = socket.create_connection

    def local_only(address, *args, **kwargs):
        if address[0] not in ("127.0.0.1", "localhost"):
            raise AssertionError(f"a test tried to reach {address[0]}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", local_only)
    monkeypatch.delenv(fetch.BASE_URL_ENV, raising=False)


@pytest.fixture
def un() -> Iterator[FakeUN]:
    with serving() as server:
        yield server


class FakeClock:
    """time.monotonic and time.sleep for tests: sleeping moves the clock on and is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def downloader(folder: Path, un: FakeUN, clock: FakeClock, reports: list[str] | None = None,
               **politeness) -> fetch.Downloader:
    opener = urllib.request.build_opener()
    starts: list[float] = []

    def open_url(request: urllib.request.Request, timeout: float):
        starts.append(clock.now)
        return opener.open(request, timeout=timeout)

    loader = fetch.Downloader(folder, base_url=un.base_url, politeness=fetch.Politeness(**politeness),
                              opener=open_url, sleep=clock.sleep, clock=clock,
                              report=(reports.append if reports is not None else lambda message: None))
    loader.starts = starts  # type: ignore[attr-defined]  (request start times, for the spacing test)
    return loader


# --- symbols, ranges, names ----------------------------------------------------------------------

@pytest.mark.parametrize(("arguments", "expected"), [
    (["A/RES/80/225"], ["A/RES/80/225"]),
    (["A/RES/80/1-3"], ["A/RES/80/1", "A/RES/80/2", "A/RES/80/3"]),
    (["A/C.3/80/L.19-21"], ["A/C.3/80/L.19", "A/C.3/80/L.20", "A/C.3/80/L.21"]),
    (["A/C.3/80/L.19-L.20"], ["A/C.3/80/L.19", "A/C.3/80/L.20"]),
    (["A/RES/80/7-7"], ["A/RES/80/7"]),
    (["A/RES/ES-11/1"], ["A/RES/ES-11/1"]),  # a hyphen inside a part is no range
    (["A/80/L.20/Add.1"], ["A/80/L.20/Add.1"]),
    (["S/RES/2719(2023)"], ["S/RES/2719(2023)"]),
    ([" A/RES/80/1 ", "A/RES/80/1-2"], ["A/RES/80/1", "A/RES/80/2"]),  # once each, in order
])
def test_expand_symbols(arguments: list[str], expected: list[str]) -> None:
    assert fetch.expand_symbols(arguments) == expected


def test_a_session_range_is_fifty_symbols() -> None:
    symbols = fetch.expand_symbols(["A/RES/80/1-50"])
    assert len(symbols) == 50 and symbols[0] == "A/RES/80/1" and symbols[-1] == "A/RES/80/50"


@pytest.mark.parametrize(("argument", "problem"), [
    ("", "an empty symbol"),
    ("hello", "is not a UN document symbol"),
    ("80/1", "is not a UN document symbol"),
    ("A/RES/80/", "is not a UN document symbol"),
    ("A//80/1", "is not a UN document symbol"),
    ("/A/RES/80/1", "is not a UN document symbol"),
    ("../../etc/passwd", "is not a UN document symbol"),
    ("A/RES/../1", "is not a UN document symbol"),
    ("A\\RES\\80\\1", "is not a UN document symbol"),
    ("A/RES/80/1; rm -rf", "is not a UN document symbol"),
    ("A/RES/80/1?x=1", "is not a UN document symbol"),
    ("A/RES/80/50-1", "the range ends before it starts (50 to 1)"),
    ("A/RES/80/1-5000", "a range of 5000 symbols; at most 1000"),
    ("A/RES/80/1-x", '"1-x" is not a range'),
    ("A/C.3/80/L.19-", '"L.19-" is not a range'),
    ("A/C.3/80/L.19-L.x", "is not a range"),
])
def test_nonsense_is_refused_in_words(argument: str, problem: str) -> None:
    with pytest.raises(EtlError) as error:
        fetch.expand_symbols([argument])
    assert problem in str(error.value)


@pytest.mark.parametrize(("symbol", "name"), [
    ("A/RES/80/1", "A_RES_80_1.pdf"),
    ("A/C.3/80/L.19", "A_C.3_80_L.19.pdf"),  # as the sample PDFs are named
    ("A/80/L.20/Add.1", "A_80_L.20_Add.1.pdf"),
    ("A/RES/ES-11/1", "A_RES_ES-11_1.pdf"),
])
def test_file_name(symbol: str, name: str) -> None:
    assert fetch.file_name(symbol) == name
    assert "/" not in name and "\\" not in name and not name.startswith(".")


def test_url_is_the_document_system_access_address() -> None:
    # the scheme of wannli/mandate-pipeline's downloader: it redirects to the English PDF
    assert fetch.url_for("A/C.3/80/L.19") == "https://documents.un.org/api/symbol/access?s=A/C.3/80/L.19&l=en&t=pdf"
    assert fetch.url_for("A/RES/80/1", "http://127.0.0.1:8123/").startswith("http://127.0.0.1:8123/api/")


@pytest.mark.parametrize("base_url", ["documents.un.org", "ftp://documents.un.org", "file:///etc", "http://"])
def test_base_url_must_be_http(base_url: str) -> None:
    with pytest.raises(EtlError, match="is not a base URL"):
        fetch.check_base_url(base_url)


@pytest.mark.parametrize(("value", "seconds"), [
    ("7", 7.0), ("0", 0.0), (None, None), ("", None), ("soon", None),
    (email.utils.formatdate(1_000_030, usegmt=True), 30.0),  # an HTTP date, 30 s after "now"
    (email.utils.formatdate(999_000, usegmt=True), 0.0),  # a date already past
])
def test_retry_after(value: str | None, seconds: float | None) -> None:
    assert fetch.retry_after_seconds(value, now=1_000_000) == seconds


@pytest.mark.parametrize(("content", "complete"), [
    (pdf_for("A/RES/79/1"), True),
    ((pdf_for("A/RES/79/1") or b"")[:3000], False),  # cut off
    (NOT_FOUND_PAGE, False),
    (b"", False),
])
def test_is_complete_pdf(tmp_path: Path, content: bytes, complete: bool) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    assert fetch.is_complete_pdf(path) is complete
    assert fetch.is_complete_pdf(tmp_path / "absent.pdf") is False


# --- the downloader against the local server -----------------------------------------------------

def test_downloads_through_the_redirect(tmp_path: Path, un: FakeUN) -> None:
    outcomes = downloader(tmp_path, un, FakeClock()).fetch_all(["A/RES/79/1", "A/RES/79/2"])
    assert [o.status for o in outcomes] == ["downloaded", "downloaded"]
    for symbol in ("A/RES/79/1", "A/RES/79/2"):
        assert (tmp_path / file_of(symbol)).read_bytes() == pdf_for(symbol)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A_RES_79_1.pdf", "A_RES_79_2.pdf"]  # no .part left
    assert [r.path for r in un.log] == ["/api/symbol/access", "/doc/undoc/gen/A_RES_79_1.pdf",
                                        "/api/symbol/access", "/doc/undoc/gen/A_RES_79_2.pdf"]
    assert all(r.user_agent == fetch.USER_AGENT for r in un.log)  # says who asks, and across the redirect
    assert outcomes[0].message.startswith("downloaded A_RES_79_1.pdf (")


def test_a_complete_pdf_already_there_is_not_fetched_again(tmp_path: Path, un: FakeUN) -> None:
    assert downloader(tmp_path, un, FakeClock()).fetch("A/RES/79/1").status == "downloaded"
    asked = len(un.log)
    again = downloader(tmp_path, un, FakeClock()).fetch("A/RES/79/1")
    assert again.status == "cached" and "not fetched again" in again.message
    assert len(un.log) == asked


@pytest.mark.parametrize("left", [NOT_FOUND_PAGE, b"%PDF-1.7\n1 0 obj", b""])
def test_a_file_that_is_no_complete_pdf_is_fetched_again(tmp_path: Path, un: FakeUN, left: bytes) -> None:
    (tmp_path / "A_RES_79_1.pdf").write_bytes(left)
    assert downloader(tmp_path, un, FakeClock()).fetch("A/RES/79/1").status == "downloaded"
    assert (tmp_path / "A_RES_79_1.pdf").read_bytes() == pdf_for("A/RES/79/1")


def test_requests_are_spaced_by_the_delay(tmp_path: Path, un: FakeUN) -> None:
    clock = FakeClock()
    loader = downloader(tmp_path, un, clock, delay=1.5)
    loader.fetch_all(["A/RES/79/1", "A/RES/79/2", "A/RES/79/3"])
    starts = loader.starts  # type: ignore[attr-defined]
    assert clock.sleeps == [1.5, 1.5]  # none before the first request
    assert all(later - earlier >= 1.5 for earlier, later in zip(starts, starts[1:]))


def test_a_cache_hit_costs_no_wait(tmp_path: Path, un: FakeUN) -> None:
    (tmp_path / "A_RES_79_1.pdf").write_bytes(pdf_for("A/RES/79/1") or b"")
    clock = FakeClock()
    downloader(tmp_path, un, clock).fetch_all(["A/RES/79/1", "A/RES/79/2"])
    assert clock.sleeps == []


def test_a_busy_server_is_retried_with_growing_waits(tmp_path: Path, un: FakeUN) -> None:
    un.script("A/RES/79/1", status(503), status(502))
    clock, reports = FakeClock(), []
    outcome = downloader(tmp_path, un, clock, reports).fetch("A/RES/79/1")
    assert outcome.status == "downloaded"
    assert clock.sleeps == [2.0, 4.0]
    assert len(un.requests_for("A/RES/79/1")) == 3
    assert reports[0] == "A/RES/79/1: the server is busy or failing (HTTP 503); trying again in 2 s"


def test_retry_after_is_obeyed(tmp_path: Path, un: FakeUN) -> None:
    un.script("A/RES/79/1", status(429, Retry_After="7"))
    clock, reports = FakeClock(), []
    outcome = downloader(tmp_path, un, clock, reports).fetch("A/RES/79/1")
    assert outcome.status == "downloaded"
    assert clock.sleeps == [7.0]  # not the 2 s backoff, and the 1 s delay is already over
    assert "asks us to slow down (HTTP 429); trying again in 7 s" in reports[0]


def test_a_retry_after_too_long_gives_up_on_that_symbol(tmp_path: Path, un: FakeUN) -> None:
    un.script("A/RES/79/1", status(429, Retry_After="3600"))
    clock = FakeClock()
    outcomes = downloader(tmp_path, un, clock).fetch_all(["A/RES/79/1", "A/RES/79/2"])
    assert outcomes[0].status == "failed"
    assert "asks to wait 3600 s" in outcomes[0].message and "try again later" in outcomes[0].message
    assert outcomes[1].status == "downloaded" and 3600 not in clock.sleeps


def test_retries_end(tmp_path: Path, un: FakeUN) -> None:
    un.script("A/RES/79/1", *[status(503)] * 10)
    clock = FakeClock()
    outcome = downloader(tmp_path, un, clock, retries=3).fetch("A/RES/79/1")
    assert outcome.status == "failed"
    assert outcome.message == "gave up after 4 tries: the server is busy or failing (HTTP 503)"
    assert clock.sleeps == [2.0, 4.0, 8.0]
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(("answer", "words"), [
    (None, "not found: the server has no English PDF for this symbol (HTTP 404)"),  # the stand-in's own 404
    (web_page(200), "not found: the server has no English PDF for this symbol (it answered with a web page)"),
    (status(200, b'{"error": "no such document"}', "application/json"), "(it answered with application/json"),
    (status(410), "(HTTP 410)"),
], ids=["404", "web-page", "json", "410"])
def test_a_missing_symbol_is_reported_and_the_others_go_on(tmp_path: Path, un: FakeUN, answer, words: str) -> None:
    missing = "A/RES/79/400"  # the stand-in has no PDF for it
    if answer is not None:
        un.script(missing, answer)
    outcomes = downloader(tmp_path, un, FakeClock()).fetch_all(["A/RES/79/1", missing, "A/RES/79/2"])
    assert [o.status for o in outcomes] == ["downloaded", "missing", "downloaded"]
    assert words in outcomes[1].message
    assert len(un.requests_for(missing)) == 1  # a missing symbol is not retried
    assert not (tmp_path / file_of(missing)).exists()


def test_a_cut_off_download_goes_on_from_where_it_stopped(tmp_path: Path, un: FakeUN) -> None:
    un.script_pdf("A/RES/79/1", cut_off(0.6))
    clock, reports = FakeClock(), []
    outcome = downloader(tmp_path, un, clock, reports).fetch("A/RES/79/1")
    data = pdf_for("A/RES/79/1") or b""
    assert outcome.status == "downloaded" and "resumed after" in outcome.message
    assert (tmp_path / "A_RES_79_1.pdf").read_bytes() == data
    ranges = [r.range for r in un.requests_for("A/RES/79/1", "/doc/")]
    assert ranges == [None, f"bytes={int(len(data) * 0.6)}-"]  # the Range header survived the redirect
    assert "the download stopped after" in reports[0] and "it will go on from there" in reports[0]


def test_an_interrupted_run_continues_from_its_part_file(tmp_path: Path, un: FakeUN) -> None:
    data = pdf_for("A/RES/79/1") or b""
    (tmp_path / "A_RES_79_1.pdf.part").write_bytes(data[:2000])  # what Ctrl+C left behind
    outcome = downloader(tmp_path, un, FakeClock()).fetch("A/RES/79/1")
    assert outcome.status == "downloaded"
    assert (tmp_path / "A_RES_79_1.pdf").read_bytes() == data
    assert not (tmp_path / "A_RES_79_1.pdf.part").exists()
    assert [r.range for r in un.requests_for("A/RES/79/1", "/doc/")] == ["bytes=2000-"]


def test_a_server_that_cannot_resume_gives_the_whole_file(tmp_path: Path, un: FakeUN) -> None:
    data = pdf_for("A/RES/79/1") or b""
    (tmp_path / "A_RES_79_1.pdf.part").write_bytes(data[:2000])
    un.script_pdf("A/RES/79/1", ignoring_range)
    reports: list[str] = []
    assert downloader(tmp_path, un, FakeClock(), reports).fetch("A/RES/79/1").status == "downloaded"
    assert (tmp_path / "A_RES_79_1.pdf").read_bytes() == data
    assert "cannot resume" in reports[0]


def test_a_part_file_longer_than_the_pdf_starts_over(tmp_path: Path, un: FakeUN) -> None:
    data = pdf_for("A/RES/79/1") or b""
    (tmp_path / "A_RES_79_1.pdf.part").write_bytes(data + b"stale bytes of an older file")
    assert downloader(tmp_path, un, FakeClock()).fetch("A/RES/79/1").status == "downloaded"  # 416, then afresh
    assert (tmp_path / "A_RES_79_1.pdf").read_bytes() == data


def test_timeouts_are_retried(tmp_path: Path, un: FakeUN) -> None:
    clock = FakeClock()
    loader = downloader(tmp_path, un, clock)
    real, calls = loader.opener, []

    def slow_once(request, timeout):
        calls.append(request.full_url)
        if len(calls) == 1:
            raise urllib.error.URLError(TimeoutError("timed out"))
        return real(request, timeout)

    loader.opener = slow_once
    assert loader.fetch("A/RES/79/1").status == "downloaded"
    assert clock.sleeps == [2.0] and len(calls) == 2


def test_an_unknown_host_stops_the_run_at_once(tmp_path: Path) -> None:
    calls = []

    def no_dns(request, timeout):
        calls.append(request.full_url)
        raise urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))

    loader = fetch.Downloader(tmp_path, opener=no_dns, sleep=FakeClock().sleep)
    outcomes = loader.fetch_all(["A/RES/79/1", "A/RES/79/2", "A/RES/79/3"])
    assert [o.status for o in outcomes] == ["unreachable", "failed", "failed"]
    assert "cannot reach documents.un.org (Name or service not known); is this machine online?" in outcomes[0].message
    assert outcomes[2].message == "not tried (the server cannot be reached)"
    assert len(calls) == 1


# --- the command ---------------------------------------------------------------------------------

def _symbols_in(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [row[0] for row in con.execute("select symbol from documents order by symbol").fetchall()]


def _tables(db: Path) -> dict[str, list]:
    with duckdb.connect(str(db), read_only=True) as con:
        names = [row[0] for row in con.execute(
            "select table_name from information_schema.tables where table_type = 'BASE TABLE' order by 1").fetchall()]
        return {name: sorted(map(repr, con.execute(f'select * from "{name}"').fetchall())) for name in names}


def test_fetch_downloads_then_loads(tmp_path: Path, un: FakeUN, capsys) -> None:
    folder, db = tmp_path / "pdfs", tmp_path / "out" / "r.duckdb"
    code = main(["fetch", "A/RES/79/1-2", "A/RES/79/400", "--to", str(folder), "--db", str(db),
                 "--base-url", un.base_url, "--delay", "0"])
    out, err = capsys.readouterr()
    assert code == 0
    host = un.base_url.removeprefix("http://")
    assert err.splitlines()[0].startswith(f"fetch downloads from {host}: the only command that uses the internet")
    assert "A/RES/79/1: downloaded A_RES_79_1.pdf (" in out
    assert "A/RES/79/400: not found: the server has no English PDF for this symbol (HTTP 404)" in err
    assert f"{folder}: 2 downloaded, 0 already there, 1 not found" in out
    assert f"wrote {db}" in out and "Traceback" not in err
    assert _symbols_in(db) == ["A/RES/79/1", "A/RES/79/2"]
    # the same database as `python -m etl FOLDER --db DB`
    assert main([str(folder), "--db", str(tmp_path / "plain.duckdb")]) == 0
    assert _tables(db) == _tables(tmp_path / "plain.duckdb")


def test_fetch_again_asks_nothing(tmp_path: Path, un: FakeUN, capsys) -> None:
    args = ["fetch", "A/RES/79/1", "--to", str(tmp_path / "pdfs"), "--db", str(tmp_path / "r.duckdb"),
            "--base-url", un.base_url, "--delay", "0"]
    assert main(args) == 0
    asked = len(un.log)
    capsys.readouterr()
    assert main(args) == 0
    assert len(un.log) == asked
    assert "A/RES/79/1: already in" in capsys.readouterr().out


def test_the_base_url_comes_from_the_environment(tmp_path: Path, un: FakeUN, monkeypatch, capsys) -> None:
    monkeypatch.setenv(fetch.BASE_URL_ENV, un.base_url)
    assert main(["fetch", "A/RES/79/3", "--to", str(tmp_path), "--no-load", "--delay", "0"]) == 0
    assert (tmp_path / "A_RES_79_3.pdf").exists() and len(un.log) == 2
    assert "127.0.0.1" in capsys.readouterr().err.splitlines()[0]


def test_nothing_fetched_exits_1_and_writes_nothing(tmp_path: Path, un: FakeUN, capsys) -> None:
    db = tmp_path / "r.duckdb"
    code = main(["fetch", "A/RES/79/400-401", "--to", str(tmp_path / "pdfs"), "--db", str(db),
                 "--base-url", un.base_url, "--delay", "0"])
    err = capsys.readouterr().err
    assert code == 1
    assert "A/RES/79/401: not found" in err
    assert f"error: nothing could be fetched; {db} is unchanged" in err
    assert not db.exists() and "Traceback" not in err


@pytest.mark.parametrize(("argument", "words"), [
    ("A/RES/80/x-y/../../z", "is not a UN document symbol"),
    ("A/RES/80/9-2", "the range ends before it starts"),
])
def test_a_bad_symbol_is_a_usage_error_before_any_request(tmp_path: Path, un: FakeUN, capsys,
                                                          argument: str, words: str) -> None:
    code = main(["fetch", "A/RES/79/1", argument, "--to", str(tmp_path), "--base-url", un.base_url])
    err = capsys.readouterr().err
    assert code == 2 and words in err and err.startswith("error: ")
    assert un.log == [] and not list(tmp_path.iterdir())


def test_a_bad_base_url_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["fetch", "A/RES/79/1", "--to", str(tmp_path), "--base-url", "documents.un.org"]) == 2
    assert "is not a base URL" in capsys.readouterr().err


def test_help_says_it_uses_the_internet() -> None:
    result = subprocess.run([sys.executable, "-m", "etl", "fetch", "--help"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "the one command that uses the internet" in text and "documents.un.org" in text
    assert "python -m etl fetch A/RES/80/1-50" in text and "exit codes:" in text
    overall = subprocess.run([sys.executable, "-m", "etl", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert "python -m etl fetch --help" in overall.stdout
