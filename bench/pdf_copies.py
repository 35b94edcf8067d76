"""Text copies against their PDFs (not a test): how many pdftotext copies of the samples read like the PDF.

    .venv/bin/python -m bench.pdf_copies            # needs poppler's pdftotext and ../shared/samples/pdf

For each sample PDF, `pdftotext` makes the copy a user gets out of a PDF viewer; both are parsed, and
the copy agrees when it gives the same instruments and the same paragraph kinds, numbers and
sub-items in order, and its lead phrases agree when each is the PDF's or a prefix of it (a copy has
no italics to show where a long lead ends). Prints the counts and the documents that differ.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples" / "pdf"


def _shape(doc) -> list[tuple]:
    return [(i.label, p.kind, p.number, "".join(s.letter for s in p.subparagraphs))
            for i in doc.instruments for p in i.paragraphs]


def _leads(doc) -> list[str]:
    return [p.lead_phrase or "" for i in doc.instruments for p in i.paragraphs]


def main() -> int:
    from etl.parse import parse_layout
    from etl.readers import read_file

    files = sorted(SAMPLES.glob("*.pdf"))
    same, leads_agree, differ = 0, 0, []
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in files:
            copy = Path(tmp) / f"{pdf.stem}.txt"
            subprocess.run(["pdftotext", str(pdf), str(copy)], check=True)
            from_pdf = parse_layout(pdf.name, read_file(pdf, pdf.read_bytes()).layout)
            from_copy = parse_layout(copy.name, read_file(copy, copy.read_bytes()).layout)
            if _shape(from_pdf) != _shape(from_copy):
                differ.append(pdf.stem)
                continue
            same += 1
            leads_agree += all(f"{a} ".startswith(f"{b} ") for a, b in zip(_leads(from_pdf), _leads(from_copy)))
    print(f"{same} of {len(files)} copies give the PDF's instruments, paragraph kinds, numbers and sub-items; "
          f"{leads_agree} of those its lead phrases or a prefix of them")
    print("differ:", " ".join(differ))
    return 0


if __name__ == "__main__":
    sys.exit(main())
