"""Command line: python -m etl [PATH ...] [--db PATH], and python -m etl compare OLD NEW [--db PATH] [--json]."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from etl import compare
from etl.errors import EtlError
from etl.load import read_sides
from etl.pipeline import DEFAULT_SEEDS, build, default_db_path

PROGRESS_MIN_FILES = 10
EXAMPLE = """example:
  python -m etl                                   # seeds/ -> data/resolutions.duckdb
  python -m etl seeds/ reports/extra.md --db /tmp/resolutions.duckdb
  python -m etl A_RES_80_225.pdf copied-from-a-pdf.txt downloads/   # official PDFs, their text, folders

exit codes: 0 loaded (bad files among good ones are skipped with a warning),
            1 bad input (nothing written), 2 usage error.
The database defaults to $RESOLUTIONS_DB, else data/resolutions.duckdb.
To compare two instruments: python -m etl compare --help"""
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


def main(argv: list[str] | None = None) -> int:
    """Run the ETL (or, with the word compare first, a comparison); returns the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["compare"]:
        return compare_main(argv[1:])
    args = _parser().parse_args(argv)
    paths = args.paths or [DEFAULT_SEEDS]
    db_path = args.db or default_db_path()
    if args.workers is not None and args.workers < 1:
        _parser().error("--workers must be at least 1")
    many = sum(1 for p in paths if p.is_dir()) > 0 or len(paths) >= PROGRESS_MIN_FILES

    def progress(done: int, total: int) -> None:
        if many and total >= PROGRESS_MIN_FILES:
            _progress_bar(done, total)

    try:
        result = build(paths, db_path, progress=progress, workers=args.workers)
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


if __name__ == "__main__":
    sys.exit(main())
