"""Text copied out of a PDF (pdftotext, a viewer's copy) -> Layout. Not yet written: see looks_copied."""

from __future__ import annotations

from etl.ir import Layout


def looks_copied(text: str) -> bool:
    """Whether a .txt holds a PDF's copied text rather than markdown."""
    return False


def read_copied(text: str) -> Layout:
    raise NotImplementedError
