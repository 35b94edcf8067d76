"""The page behind a paragraph: the PDF page it was read from, rendered on the server with the
paragraph's boxes highlighted (its footnotes' in a second colour), or the lines of the text file
it was read from; and the Streamlit view that offers them.

The pure part (parse_boxes, file_status, render_page, page_count, source_excerpt) knows nothing of
Streamlit. Only the document's own `source_path`, as the database records it, is ever opened.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import threading
from contextlib import nullcontext
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import streamlit as st

from dashboard.text import document_name, escape_md, present, span

# [page (1-based), x0, y0, x1, y1] in PDF points from the page's top-left corner (etl/ir.py's Box)
Box = tuple[int, float, float, float, float]

ZOOM = 2.0  # 144 dpi: a US Letter page is 1224 x 1584 px, sharp on a wide screen and when downloaded
MIN_ZOOM, MAX_ZOOM = 0.5, 4.0
PAD = 2.0  # points around a box, so that the frame does not touch the letters
# the paragraph in orange, its footnotes in blue (told apart by people who do not see red/green)
PARAGRAPH_STYLE = {"color": (0.85, 0.45, 0.0), "fill": (1.0, 0.75, 0.0), "fill_opacity": 0.28}
FOOTNOTE_STYLE = {"color": (0.1, 0.35, 0.85), "fill": (0.3, 0.6, 1.0), "fill_opacity": 0.22}
CONTEXT_LINES = 3  # source lines shown before and after a text paragraph
MAX_EXCERPT_LINES = 60  # a longer paragraph shows its first lines and says how many more there are
PAGES_SHOWN = 4
CLOSE_UP_ZOOM = 1.5  # shown at its own size: about the size of the app's text
CLOSE_UP_MARGIN = 18.0  # points of page shown around a paragraph in its close-up
EDGE = (200, 200, 200)  # the rendered page's 1-px border  # pages of one paragraph shown at once (sub-items can run over several)

# MuPDF is not thread-safe and Streamlit serves each session on its own thread
_MUPDF = threading.Lock()

FileId = tuple[str, int, int, int]  # path, inode, mtime (ns), size


# ---------------------------------------------------------------------------------------------
# Pure: boxes, files, pages, lines

def parse_boxes(value: object) -> tuple[Box, ...]:
    """The boxes of a `boxes` column (JSON '[[page, x0, y0, x1, y1], ...]'); () when NULL or malformed."""
    if not present(value):
        return ()
    try:
        raw = json.loads(str(value))
        boxes = tuple((int(b[0]), float(b[1]), float(b[2]), float(b[3]), float(b[4])) for b in raw)
    except (ValueError, TypeError, IndexError, KeyError):
        return ()
    return tuple(b for b in boxes if b[0] >= 1 and all(math.isfinite(v) for v in b[1:]))


def all_boxes(values: Iterable[object]) -> tuple[Box, ...]:
    """The boxes of several `boxes` cells, in order."""
    return tuple(box for value in values for box in parse_boxes(value))


def merged(boxes: Iterable[Box], pad: float = PAD) -> list[Box]:
    """The boxes with those that would overlap once padded made one (footnote lines touch: their
    frames would cross each other's text), in page and reading order."""
    out: list[Box] = []
    for box in sorted(boxes, key=lambda b: (b[0], b[2], b[1])):
        last = out[-1] if out else None
        if last and last[0] == box[0] and box[2] - pad <= last[4] + pad \
                and box[1] <= last[3] and last[1] <= box[3]:
            out[-1] = (last[0], min(last[1], box[1]), min(last[2], box[2]), max(last[3], box[3]),
                       max(last[4], box[4]))
        else:
            out.append(box)
    return out


def file_id(path: str | os.PathLike[str]) -> FileId | None:
    """The identity of a regular file (path, inode, mtime, size), or None when there is none."""
    try:
        stat = os.stat(path)
    except (OSError, ValueError):
        return None
    if not os.path.isfile(path):
        return None
    return (str(path), stat.st_ino, stat.st_mtime_ns, stat.st_size)


def sha256_of(path: str) -> str | None:
    """The file's sha256 (hex), computed once per file identity; None when it cannot be read."""
    ident = file_id(path)
    if ident is None:
        return None
    try:
        return _digest(ident)
    except OSError:
        return None


@st.cache_resource(max_entries=256, show_spinner=False)
def _digest(ident: FileId) -> str:
    h = hashlib.sha256()
    with open(ident[0], "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def file_status(path: object, what: str = "PDF", *, sha256: object = None,
                pages: object = None) -> str | None:
    """Why the page view cannot use the file the database was built from, in words; None when it can.

    The file must be where the ETL read it; when the database gives its sha256 (documents.sha256)
    the contents must match (hashed once per path, inode, mtime and size); a PDF must have as many
    pages as the database says."""
    if not present(path):
        return (f"The database does not say where this document's {what} was read, so the page "
                "view cannot show it.")
    where = str(path)
    if file_id(where) is None:
        return (f"The {what} is no longer at {where}: the page view needs the file the database "
                "was built from.")
    if not os.access(where, os.R_OK):
        return f"The {what} at {where} cannot be read (permission denied)."
    changed = (f"The {what} at {where} is not the file the database was built from (its contents "
               "changed): rebuild the database to see its pages.")
    if present(sha256) and sha256_of(where) != str(sha256):
        return changed
    if what == "PDF":
        try:
            count = page_count(where)
        except Exception:  # MuPDF raises its own errors for a damaged file
            return f"The file at {where} cannot be opened as a PDF any more."
        if present(pages) and int(str(pages)) != count:
            return changed
    return None


def _open_pdf(path: str) -> Any:
    import pymupdf  # loaded only when a page is shown

    return pymupdf.open(path, filetype="pdf")


def page_count(path: str) -> int:
    """How many pages the PDF at `path` has (cached per file identity)."""
    ident = file_id(path)
    if ident is None:
        raise FileNotFoundError(path)
    return _page_count(ident)


@st.cache_resource(max_entries=256, show_spinner=False)
def _page_count(ident: FileId) -> int:
    with _MUPDF, _open_pdf(ident[0]) as doc:
        return int(doc.page_count)


def _rendered(path: str, page: int, highlight: tuple[Box, ...], other: tuple[Box, ...],
              zoom: float, clip: tuple[float, float, float, float] | None) -> bytes:
    import pymupdf

    with _MUPDF, _open_pdf(path) as doc:
        if not 1 <= page <= doc.page_count:
            raise ValueError(f"page {page} is not in a PDF of {doc.page_count} pages")
        sheet = doc[page - 1]
        # drawn on the in-memory page only: the file is never written
        for boxes, style in ((other, FOOTNOTE_STYLE), (highlight, PARAGRAPH_STYLE)):
            for _, x0, y0, x1, y1 in merged(b for b in boxes if b[0] == page):
                rect = pymupdf.Rect(x0 - PAD, y0 - PAD, x1 + PAD, y1 + PAD)
                sheet.draw_rect(rect, width=1.2, overlay=True, **style)
        area = sheet.rect & pymupdf.Rect(*clip) if clip else None
        pixmap = sheet.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False, clip=area)
        # a thin grey edge: a white page on the app's white background has no visible border
        x0, y0, x1, y1 = pixmap.irect  # a clipped pixmap keeps the page's coordinates
        for edge in ((x0, y0, x1, y0 + 1), (x0, y1 - 1, x1, y1), (x0, y0, x0 + 1, y1), (x1 - 1, y0, x1, y1)):
            pixmap.set_rect(pymupdf.IRect(*edge), EDGE)
        return bytes(pixmap.tobytes("png"))


def render_page(pdf_path: str | os.PathLike[str], page: int, highlight_boxes: Sequence[Box] = (),
                other_boxes: Sequence[Box] = (), zoom: float = ZOOM,
                clip: tuple[float, float, float, float] | None = None) -> bytes:
    """PNG of page `page` (1-based) of a PDF with `highlight_boxes` (a paragraph) and `other_boxes`
    (its footnotes) framed in two colours; boxes on other pages are left out; `clip` (x0, y0, x1,
    y1 in points) renders only that part of the page.

    Cached (up to 48 images) by the file's identity (path, inode, mtime, size), the page, the boxes,
    the zoom and the clip, so a rebuilt or replaced file is rendered anew. FileNotFoundError when
    the file is gone, ValueError for a page the PDF does not have."""
    path = str(pdf_path)
    ident = file_id(path)
    if ident is None:
        raise FileNotFoundError(path)
    zoom = min(max(float(zoom), MIN_ZOOM), MAX_ZOOM)
    mine = tuple(b for b in highlight_boxes if b[0] == page)
    theirs = tuple(b for b in other_boxes if b[0] == page)
    return _page_png(ident, int(page), mine, theirs, zoom, clip)


@st.cache_resource(max_entries=48, show_spinner=False)  # PNGs of about 0.1-0.3 MB each at ZOOM
def _page_png(ident: FileId, page: int, mine: tuple[Box, ...], theirs: tuple[Box, ...], zoom: float,
              clip: tuple[float, float, float, float] | None) -> bytes:
    return _rendered(ident[0], page, mine, theirs, zoom, clip)


def close_up(boxes: Iterable[Box], page: int, margin: float = CLOSE_UP_MARGIN
             ) -> tuple[float, float, float, float] | None:
    """The part of `page` around the boxes on it (`margin` points more on every side), or None."""
    on = [b for b in boxes if b[0] == page]
    if not on:
        return None
    return (max(0.0, min(b[1] for b in on) - margin), max(0.0, min(b[2] for b in on) - margin),
            max(b[3] for b in on) + margin, max(b[4] for b in on) + margin)


@dataclass(frozen=True)
class SourceLine:
    """One line of a text source: its 1-based number, its text, and whether the paragraph holds it."""

    number: int
    text: str
    highlighted: bool


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _lines(path: str, file_format: str) -> list[str]:
    from etl.readers import decode  # the ETL's own decoding: the same characters, the same lines

    text, _, _ = decode(Path(path), Path(path).read_bytes())
    # the line numbering of each reader (etl/readers/markdown.py, etl/readers/copied.py)
    return text.replace("\r\n", "\n").split("\n") if file_format == "text" else text.splitlines()


def source_excerpt(path: str | os.PathLike[str], line_start: int, line_end: int | None = None,
                   context: int = CONTEXT_LINES, file_format: str = "markdown") -> list[SourceLine]:
    """Lines `line_start`..`line_end` (1-based) of a text source, numbered as the ETL numbered them,
    with `context` lines either side; control characters (page breaks) removed.

    Raises OSError when the file cannot be read, etl.errors.EtlError when it is no longer text,
    and IndexError when it has fewer lines than the paragraph (it changed)."""
    end = line_end if line_end is not None and line_end >= line_start else line_start
    lines = _lines(str(path), file_format)
    if line_start < 1 or end > len(lines):
        raise IndexError(f"lines {line_start}–{end} are not in a file of {len(lines)} lines")
    first, last = max(1, line_start - context), min(len(lines), end + context)
    return [SourceLine(n, _CONTROL_RE.sub("", lines[n - 1].replace("\t", "    ")),
                       line_start <= n <= end)
            for n in range(first, last + 1)]


def excerpt_markdown(lines: Sequence[SourceLine], limit: int = MAX_EXCERPT_LINES) -> str:
    """The lines as escaped Markdown: each numbered, the paragraph's lines highlighted; a
    paragraph longer than `limit` lines is cut after its first `limit` with the count left out."""
    held = [line for line in lines if line.highlighted]
    cut = held[limit - 1].number if len(held) > limit else None
    out = []
    for line in lines:
        if cut is not None and line.highlighted and line.number > cut:
            continue
        text = escape_md(line.text) if line.text.strip() else "\u00a0"
        out.append(f"`{line.number}`\u2003" + (f":orange-background[{text}]" if line.highlighted else text))
        if cut is not None and line.number == cut:
            out.append(f"… {len(held) - limit} more lines of the paragraph")
    return "  \n".join(out)


def pages_of(boxes: Iterable[Box], page_start: object = None, page_end: object = None) -> list[int]:
    """The pages a paragraph stands on: those of its boxes, else page_start..page_end."""
    found = sorted({b[0] for b in boxes})
    if found:
        return found
    if present(page_start):
        first = int(str(page_start))
        last = int(str(page_end)) if present(page_end) else first
        return list(range(first, max(first, last) + 1))
    return []


def short_hash(text: str) -> str:
    """12 hex digits of `text`, for widget keys (ids carry ':' and '.')."""
    return hashlib.blake2b(text.encode(), digest_size=6).hexdigest()


def file_stem(row: dict[str, Any]) -> str:
    """A safe file-name stem for a paragraph's downloads: 'A_RES_79_187-para-3' for operative
    paragraph 3, 'A_RES_79_187-preambular-2' for an unnumbered one."""
    name = row.get("symbol") if present(row.get("symbol")) else row.get("document_id", "document")
    if present(row.get("number")):
        stem = f"{name}-para-{row['number']}"
    elif present(row.get("ordinal")):
        stem = f"{name}-{row.get('kind') or 'paragraph'}-{row['ordinal']}"
    else:
        stem = str(name)
    return re.sub(r"[^A-Za-z0-9.\-]+", "_", stem).strip("._") or "paragraph"


# ---------------------------------------------------------------------------------------------
# Streamlit

def _toggle(label: str, help_text: str | None, key: str) -> bool:
    import streamlit as st

    return bool(st.toggle(label, key=key, help=help_text))


def offer(paragraph_id: str, from_pdf: bool, key: str, place: Any = None) -> None:
    """A toggle for one paragraph (drill-downs, the Reader), drawn in `place` (a container; else
    here), that shows the paragraph's page, or its source lines, below when on. The paragraph is
    read from the database only when the toggle is on."""
    from dashboard import queries

    with place if place is not None else nullcontext():
        # no help icon: repeated beside every paragraph it is noise; the page says what this does
        on = _toggle(_labels(from_pdf)[0], None, key=f"{key}_{short_hash(paragraph_id)}")
    if on:
        detail = queries.paragraph_detail(paragraph_id)
        if detail is not None:
            _show(detail, f"{key}_{short_hash(paragraph_id)}")


def offer_one(paragraphs: dict[str, str], from_pdf: bool, key: str) -> None:
    """One choice among many paragraphs (id -> reference; the Reader) whose page, or source
    lines, is shown below it: one widget however long the list, read only when chosen."""
    import streamlit as st
    from dashboard import queries

    label = "Show a paragraph on its page" if from_pdf else "Show a paragraph in its source lines"
    chosen = st.selectbox(label, list(paragraphs), format_func=lambda p: paragraphs[p], index=None,
                          key=key, placeholder="Choose a paragraph",
                          help=_labels(from_pdf)[1])
    if chosen:
        detail = queries.paragraph_detail(chosen)
        if detail is not None:
            _show(detail, f"{key}_{short_hash(chosen)}")


def show(detail: Any, key: str) -> None:
    """The toggle "Show on the page" (PDF) or "Show the source lines" (text) for a paragraph
    detail (queries.paragraph_detail), and what it shows when on."""
    if _toggle(*_labels(detail.row.get("file_format") == "pdf"), key=key):
        _show(detail, key)


def _labels(from_pdf: bool) -> tuple[str, str]:
    if from_pdf:
        return ("Show on the page", "The page of the PDF the paragraph was read from, the paragraph "
                "framed in orange and its footnotes in blue; and the whole PDF, page by page.")
    return ("Show the source lines", "The lines of the file the paragraph was read from, the "
            "paragraph's highlighted, with a few lines around them.")


def _show(detail: Any, key: str) -> None:
    import streamlit as st

    row = detail.row
    with st.container(border=True, key=f"{key}_view"):
        if row.get("file_format") == "pdf":
            _pdf_view(detail, key)
        else:
            _text_view(row, key)


def _document_md(row: dict[str, Any]) -> str:
    return document_name(row.get("symbol"), row.get("document_title"),
                         row.get("source_name")).markdown(short=True)


def _part_boxes(parts: dict[str, Any], name: str) -> tuple[Box, ...]:
    part = parts.get(name)
    return all_boxes(part["boxes"]) if part is not None and "boxes" in part else ()


def _pdf_view(detail: Any, key: str) -> None:
    import streamlit as st

    row, parts = detail.row, detail.parts
    path = str(row.get("source_path") or "")
    problem = file_status(row.get("source_path"), "PDF", sha256=row.get("sha256"), pages=row.get("pages"))
    if problem:
        st.warning(problem)
        return
    # the paragraph with its lettered items, as the detail shows it; its footnotes apart
    own = parse_boxes(row.get("boxes")) + _part_boxes(parts, "subparagraphs")
    notes = _part_boxes(parts, "footnotes")
    pages = pages_of(own, row.get("page_start"), row.get("page_end"))
    # a footnote continued on the next page: that page too
    pages = sorted(set(pages) | {b[0] for b in notes}) if pages else pages
    count = page_count(path)
    pages = [p for p in pages if 1 <= p <= count]
    if not pages:
        st.info("The database does not say on which page this paragraph stands.")
        return
    stem = file_stem(row)
    said = "the paragraph framed in orange" + (", its footnotes in blue" if notes else "")
    if not own:
        said = "nothing framed: the database has no box for this paragraph"
    st.markdown(f"{escape_md(span('Page', pages[0], pages[-1] if len(pages) > 1 else None))} of "
                f"{_document_md(row)} as printed, {escape_md(said)}.")
    shown = pages[:PAGES_SHOWN]
    for page in shown:  # readable on any screen: the paragraph with a little of the page around it
        clip = close_up(own, page)
        if clip:
            st.image(render_page(path, page, own, notes, zoom=CLOSE_UP_ZOOM, clip=clip),
                     caption=f"Page {page}, close up")
    for i in range(0, len(shown), 2):  # the whole pages, two abreast on a wide screen
        columns = st.columns(2, gap="medium")
        for column, page in zip(columns, shown[i:i + 2]):
            png = render_page(path, page, own, notes)
            column.image(png, caption=f"Page {page} of {count}", width="stretch")
            column.download_button(f"⬇ Page {page} (PNG)", png, f"{stem}-page-{page}.png", "image/png",
                                   key=f"{key}_png_{page}", on_click="ignore")
    if len(pages) > len(shown):
        st.caption(f"The paragraph goes on to page {pages[-1]}: browse the PDF below to see it.")
    _browser(path, count, pages[0], own, notes, key, row)


def _browser(path: str, count: int, start: int, own: tuple[Box, ...], notes: tuple[Box, ...],
             key: str, row: dict[str, Any]) -> None:
    """The whole PDF, one page at a time, from the paragraph's page; and the PDF file itself."""
    import streamlit as st

    name = Path(path).name
    left, right = st.columns([3, 2], vertical_alignment="center")
    with left:
        reading = _toggle("Browse the whole PDF here",
                          "Every page of the PDF, one at a time, starting at the paragraph's page.",
                          key=f"{key}_browse")
    right.download_button(f"⬇ The PDF ({name})", _reader(path), name, "application/pdf",
                          key=f"{key}_pdf", on_click="ignore")
    if not reading:
        return
    # one page number per paragraph: another paragraph's viewer starts at its own page
    number_key = f"{key}_page_{short_hash(str(row.get('paragraph_id')))}"
    if not isinstance(st.session_state.get(number_key), int):
        st.session_state[number_key] = start

    def step(by: int) -> None:
        st.session_state[number_key] = min(count, max(1, int(st.session_state[number_key]) + by))

    back, number, forward = st.columns([1, 2, 1], vertical_alignment="bottom")
    back.button("◀ Previous", key=f"{key}_prev", on_click=step, args=(-1,),
                disabled=st.session_state[number_key] <= 1, width="stretch")
    page = int(number.number_input(f"Page (of {count})", min_value=1, max_value=count, step=1,
                                   key=number_key))
    forward.button("Next ▶", key=f"{key}_next", on_click=step, args=(1,),
                   disabled=st.session_state[number_key] >= count, width="stretch")
    png = render_page(path, page, own, notes)
    marked = " — the paragraph's page" if any(b[0] == page for b in own) else ""
    st.image(png, caption=f"Page {page} of {count} of {name}{marked}", width="stretch")
    st.download_button(f"⬇ Page {page} (PNG)", png, f"{file_stem(row)}-page-{page}.png", "image/png",
                       key=f"{key}_browse_png", on_click="ignore")


def _reader(path: str) -> Callable[[], bytes]:
    """The file's bytes, read only when the download is clicked."""
    return lambda: Path(path).read_bytes()


def _text_view(row: dict[str, Any], key: str) -> None:
    import streamlit as st

    from etl.errors import EtlError

    path = row.get("source_path")
    problem = file_status(path, "file", sha256=row.get("sha256"))
    if problem:
        st.warning(problem)
        return
    if not present(row.get("line_start")):
        st.info("The database does not say on which lines of the file this paragraph stands.")
        return
    start = int(row["line_start"])
    end = int(row["line_end"]) if present(row.get("line_end")) else start
    try:
        lines = source_excerpt(str(path), start, end, file_format=str(row.get("file_format")))
    except IndexError:
        st.warning(f"The file at {path} has fewer lines than the database says: it changed since the "
                   "database was built. Rebuild the database to see the paragraph's lines.")
        return
    except (OSError, EtlError) as error:
        st.warning(f"The file at {path} cannot be read as text any more ({type(error).__name__}).")
        return
    name = Path(str(path)).name
    it = "them" if end > start else "it"
    st.markdown(f"{escape_md(span('Line', start, end))} of the file {escape_md(name)}, "
                f"highlighted, with the lines around {it}:")
    st.markdown(excerpt_markdown(lines))
    st.download_button(f"⬇ The file ({name})", _reader(str(path)), name, "text/plain",
                       key=f"{key}_file", on_click="ignore")
