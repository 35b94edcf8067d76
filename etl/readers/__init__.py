"""File type -> reader: each reader turns a file's bytes into one Layout (etl/ir.py).

The registry dispatches on the file's suffix, the way sqlite-utils' rows_from_file dispatches on
its Format; a .txt file is read as a copy of a PDF's text when it looks like one, else as markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from etl.errors import EtlError
from etl.ir import Layout


@dataclass
class ReadResult:
    """A file as read: its layout, how it was decoded, and what the reader had to warn about."""

    layout: Layout
    file_format: str  # markdown | text | pdf
    encoding: str  # utf-8 | cp1252 | pdf
    warnings: list[str] = field(default_factory=list)


def decode(path: Path, data: bytes) -> tuple[str, str, list[str]]:
    """Text, encoding and warnings of a file's bytes; refuses empty and binary files."""
    if not data.strip():
        raise EtlError(f"{path}: file is empty")
    if b"\x00" in data[:65536]:
        raise EtlError(f"{path}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8", []
    except UnicodeDecodeError as error:
        warning = f"not valid UTF-8 (byte {error.start}); decoded as cp1252"
    try:
        return data.decode("cp1252"), "cp1252", [warning]
    except UnicodeDecodeError as error:
        raise EtlError(f"{path}: neither UTF-8 nor cp1252 text (byte {error.start})") from error


def _read_markdown(path: Path, data: bytes) -> ReadResult:
    from etl.readers.markdown import read_markdown

    text, encoding, warnings = decode(path, data)
    return ReadResult(read_markdown(text), "markdown", encoding, warnings)


def _read_text(path: Path, data: bytes) -> ReadResult:
    from etl.readers.copied import looks_copied, read_copied
    from etl.readers.markdown import read_markdown

    text, encoding, warnings = decode(path, data)
    if looks_copied(text):
        return ReadResult(read_copied(text), "text", encoding, warnings)
    return ReadResult(read_markdown(text), "markdown", encoding, warnings)


def _read_pdf(path: Path, data: bytes) -> ReadResult:
    from etl.readers.pdf import read_pdf  # PyMuPDF is loaded only when a PDF is read

    if not data.strip():
        raise EtlError(f"{path}: file is empty")
    return ReadResult(read_pdf(data, str(path)), "pdf", "pdf")


READERS: dict[str, Callable[[Path, bytes], ReadResult]] = {
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".txt": _read_text,
    ".pdf": _read_pdf,
}
SUFFIXES = tuple(READERS)


def read_file(path: Path, data: bytes) -> ReadResult:
    """Read one file's bytes with the reader for its suffix (markdown for an unknown one)."""
    return READERS.get(path.suffix.lower(), _read_markdown)(path, data)
