"""Command line: python -m etl [PATH ...] [--db PATH], python -m etl compare OLD NEW, python -m etl fetch SYMBOL ...."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from etl import compare, fetch
from etl.errors import EtlError
from etl.load import check_target, read_sides
from etl.pipeline import DEFAULT_SEEDS, ROOT, build, default_db_path

PROGRESS_MIN_FILES = 10
DEFAULT_DOWNLOADS = ROOT / "downloads"
EXAMPLE = """example:
  python -m etl                                   # seeds/ -> data/resolutions.duckdb
  python -m etl seeds/ reports/extra.md --db /tmp/resolutions.duckdb
  python -m etl A_RES_80_225.pdf copied-from-a-pdf.txt downloads/   # official PDFs, their text, folders

exit codes: 0 loaded (bad files among good ones are skipped with a warning),
            1 bad input (nothing written), 2 usage error.
The database defaults to $RESOLUTIONS_DB, else data/resolutions.duckdb.
To compare two instruments: python -m etl compare --help
To download official PDFs by symbol: python -m etl fetch --help (the only command that uses the internet)"""
COMPARE_EXAMPLE = """example:
  python -m etl compare A/RES/79/116 A/RES/80/160          # last year's text against this year's
  python -m etl compare A_C.3_80_L.19:i1 A/RES/80/184 --json  # a draft against its adopted text

OLD and NEW are instrument ids (instruments.instrument_id) or the symbol of a document that holds
one instrument. exit codes: 0 compared, 1 unknown instrument or database, 2 usage error."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m etl",
        description="Parse UN reports and resolutions (official PDFs, text copied out of them, markdown) "
                    "into a DuckDB database.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help=".pdf, .md, .markdown or .txt files, or folders of them (default: seeds/)")
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help="database to write (default: $RESOLUTIONS_DB or data/resolutions.duckdb)")
    parser.add_argument("--workers", type=int, default=None, help="parser processes (default: all cores)")
    return parser


def _progress_bar(done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    if done != total and filled == width * (done - 1) // total:
        return  # redraw only when the bar grows
    if sys.stderr.isatty():
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        sys.stderr.write("\n" if done == total else "")
    elif filled % 3 == 0 or done == total:  # a log file gets a line every tenth
        sys.stderr.write(f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files\n")
    sys.stderr.flush()


def _compare_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m etl compare",
        description="Compare two instruments paragraph by paragraph: what was added, deleted, moved "
                    "or amended, and what the changes do to the mandates.",
        epilog=COMPARE_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("old", metavar="OLD", help="instrument id or document symbol of the earlier text")
    parser.add_argument("new", metavar="NEW", help="instrument id or document symbol of the later text")
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help="database to read (default: $RESOLUTIONS_DB or data/resolutions.duckdb)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")
    return parser


def compare_main(argv: list[str]) -> int:
    """Compare two instruments of a database; returns the exit code."""
    args = _compare_parser().parse_args(argv)
    db_path = args.db or default_db_path()
    try:
        old, new = read_sides(db_path, [args.old, args.new])
    except (EtlError, compare.UnknownInstrument) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    comparison = compare.compare(old, new)
    if args.json:
        print(json.dumps(comparison.as_json(), ensure_ascii=False))
    else:
        print("\n".join(compare.summary_lines(comparison)))
    return 0


FETCH_EXAMPLE = f"""example:
  python -m etl fetch A/RES/80/1-50                       # 50 resolutions into downloads/, then loaded
  python -m etl fetch A/C.3/80/L.19 A/RES/80/225 --to /tmp/pdfs --db /tmp/r.duckdb

This is the one command that uses the internet: it asks {fetch.host_of(fetch.DEFAULT_BASE_URL)} (or
--base-url / ${fetch.BASE_URL_ENV}) for each symbol's English PDF, one request per --delay seconds,
retrying a busy server with growing waits. A complete PDF already in the folder is not fetched again;
an interrupted download stays as <name>.pdf.part and goes on from there on the next run. Then the whole
folder is loaded as `python -m etl FOLDER --db DB` would load it.

exit codes: 0 loaded (symbols the server has no PDF for are reported and skipped),
            1 nothing could be fetched, or what was fetched did not load (the database unchanged),
            2 usage error (such as a malformed symbol)."""


def _fetch_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m etl fetch",
        description="Download the official English PDFs of UN documents by symbol, then load them. "
                    "Uses the internet (the only command that does).",
        epilog=FETCH_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("symbols", nargs="+", metavar="SYMBOL",
                        help="document symbols, such as A/RES/80/225 or A/C.3/80/L.19; "
                             "a range in the last number, such as A/RES/80/1-50 or A/C.3/80/L.19-25")
    parser.add_argument("--to", type=Path, default=DEFAULT_DOWNLOADS, metavar="FOLDER",
                        help="folder for the PDFs (default: downloads/ in the repository)")
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help="database to write (default: $RESOLUTIONS_DB or data/resolutions.duckdb)")
    parser.add_argument("--no-load", action="store_true", help="download only; do not build the database")
    parser.add_argument("--base-url", default=None, metavar="URL",
                        help=f"document system to ask (default: ${fetch.BASE_URL_ENV} or {fetch.DEFAULT_BASE_URL})")
    parser.add_argument("--delay", type=float, default=fetch.Politeness.delay, metavar="SECONDS",
                        help=f"least time between two requests (default: {fetch.Politeness.delay:g})")
    parser.add_argument("--retries", type=int, default=fetch.Politeness.retries, metavar="N",
                        help=f"further tries after a busy server or a broken connection "
                             f"(default: {fetch.Politeness.retries})")
    parser.add_argument("--timeout", type=float, default=fetch.Politeness.timeout, metavar="SECONDS",
                        help=f"how long a silent connection is awaited (default: {fetch.Politeness.timeout:g})")
    parser.add_argument("--workers", type=int, default=None, help="parser processes (default: all cores)")
    return parser


def fetch_main(argv: list[str]) -> int:
    """Download PDFs by symbol, then load the folder; returns the exit code."""
    parser = _fetch_parser()
    args = parser.parse_args(argv)
    if args.delay < 0 or args.retries < 0 or args.timeout <= 0:
        parser.error("--delay and --retries cannot be negative, --timeout must be positive")
    if args.workers is not None and args.workers < 1:
        parser.error("--workers must be at least 1")
    try:
        symbols = fetch.expand_symbols(args.symbols)
        base_url = fetch.check_base_url(args.base_url or fetch.default_base_url())
    except EtlError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    db_path = args.db or default_db_path()
    try:
        if not args.no_load:
            check_target(db_path)  # a bad --db is found before the downloads, not after
    except EtlError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"fetch downloads from {fetch.host_of(base_url)}: the only command that uses the internet "
          f"({len(symbols)} {'symbol' if len(symbols) == 1 else 'symbols'}, "
          f"at most one request every {args.delay:g} s)", file=sys.stderr)
    downloader = fetch.Downloader(
        args.to, base_url=base_url,
        politeness=fetch.Politeness(delay=args.delay, retries=args.retries, timeout=args.timeout),
        report=lambda message: print(f"  {message}", file=sys.stderr))

    def show(outcome: fetch.Outcome) -> None:
        print(f"{outcome.symbol}: {outcome.message}", file=sys.stdout if outcome.in_hand else sys.stderr)

    try:
        outcomes = downloader.fetch_all(symbols, done=show)
    except KeyboardInterrupt:
        print("interrupted: run the same command again to go on (partial downloads are kept as .part files)",
              file=sys.stderr)
        return 130
    except EtlError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(_fetch_summary(outcomes, args.to))
    if not any(outcome.in_hand for outcome in outcomes):
        print(f"error: nothing could be fetched; {db_path} is unchanged", file=sys.stderr)
        return 1
    if args.no_load:
        return 0
    return _load([args.to], db_path, args.workers)


def _fetch_summary(outcomes: list[fetch.Outcome], folder: Path) -> str:
    """One line: how many PDFs were downloaded, found already, missing or failed."""
    count = {status: sum(o.status == status for o in outcomes)
             for status in ("downloaded", "cached", "missing", "failed", "unreachable")}
    parts = [f"{count['downloaded']} downloaded", f"{count['cached']} already there"]
    if count["missing"]:
        parts.append(f"{count['missing']} not found")
    if count["failed"] + count["unreachable"]:
        parts.append(f"{count['failed'] + count['unreachable']} failed")
    return f"{folder}: {', '.join(parts)}"


def _load(paths: list[Path], db_path: Path, workers: int | None) -> int:
    """Build the database from paths, report per document; returns the exit code."""
    many = sum(1 for p in paths if p.is_dir()) > 0 or len(paths) >= PROGRESS_MIN_FILES

    def progress(done: int, total: int) -> None:
        if many and total >= PROGRESS_MIN_FILES:
            _progress_bar(done, total)

    try:
        result = build(paths, db_path, progress=progress, workers=workers)
    except EtlError as error:
        print(f"error: {error}", file=sys.stderr)
        print(f"nothing written; {db_path} is unchanged", file=sys.stderr)
        return 1
    for problem in result.problems:
        print(f"warning: skipped {problem}", file=sys.stderr)
    for summary in result.summaries:
        print(summary.line())
        for warning in summary.warnings:
            print(f"  warning: {warning}", file=sys.stderr)
    print(f"wrote {db_path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the ETL (or, with the word compare or fetch first, that command); returns the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["compare"]:
        return compare_main(argv[1:])
    if argv[:1] == ["fetch"]:
        return fetch_main(argv[1:])
    args = _parser().parse_args(argv)
    paths = args.paths or [DEFAULT_SEEDS]
    db_path = args.db or default_db_path()
    if args.workers is not None and args.workers < 1:
        _parser().error("--workers must be at least 1")
    return _load(paths, db_path, args.workers)


if __name__ == "__main__":
    sys.exit(main())
