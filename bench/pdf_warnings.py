"""Warnings report (not a test): every warning the ETL leaves on the sample PDFs, per document.

    .venv/bin/python -m bench.pdf_warnings            # ../shared/samples/pdf -> a markdown table on stdout

Each warning left is explained in the README (section "What the PDF reader leaves"); a new one
means a layout the reader does not know yet.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples" / "pdf"


def main() -> int:
    from etl.pipeline import build

    if not SAMPLES.is_dir():
        print(f"{SAMPLES} is not here", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        result = build([SAMPLES], Path(tmp) / "samples.duckdb")
    warned = [s for s in result.summaries if s.warnings]
    total = sum(len(s.warnings) for s in result.summaries)
    print(f"{len(result.summaries)} documents loaded, {len(result.problems)} skipped, "
          f"{total} warnings in {len(warned)} documents\n")
    print("| document | warning |\n|---|---|")
    for summary in warned:
        for warning in summary.warnings:
            print(f"| {summary.source_name} | {warning} |")
    for problem in result.problems:
        print(f"| skipped | {problem} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
