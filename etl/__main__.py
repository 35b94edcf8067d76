"""Command line: python -m etl [PATH ...] [--db PATH]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.errors import EtlError
from etl.pipeline import DEFAULT_SEEDS, build, default_db_path

PROGRESS_MIN_FILES = 10
EXAMPLE = """example:
  python -m etl                                   # seeds/ -> data/resolutions.duckdb
  python -m etl seeds/ reports/extra.md --db /tmp/resolutions.duckdb
  python -m etl A_RES_80_225.pdf copied-from-a-pdf.txt downloads/   # official PDFs, their text, folders

exit codes: 0 loaded (bad files among good ones are skipped with a warning),
            1 bad input (nothing written), 2 usage error.
The database defaults to $RESOLUTIONS_DB, else data/resolutions.duckdb."""


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


def main(argv: list[str] | None = None) -> int:
    """Run the ETL; returns the exit code."""
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
