"""Report text made safe for Markdown (every character that could format is escaped), and how the
app names documents and places in them (pure)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from dashboard.scope import OWN_PREFIX
from etl import lexicon
from etl.search import HYPHENS

# CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it also disarms
# Streamlit's own syntax (:red[...], :emoji:, $math$) and raw HTML.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_AUTOLINK_RE = re.compile(r"(?i)\b(?:https?|ftp|mailto|www|file)(?=[:.])|@")
_MISSING = ("", "nan", "None", "<NA>", "NaT")


# how each headline figure counts, said next to it wherever it appears
REQUESTS_RULE = ("Operative paragraphs in which someone is requested to act: by the lead verb "
                 "(“Requests …”) or later in the paragraph (“…, and requests …”, “Reiterates its "
                 "request to …”). Each paragraph counts once.")
LEAD_VERB_RULE = ("Each paragraph counts once, under its lead verb; a request made later in a paragraph "
                  "(“…, and requests …”) counts under the lead verb here, and as a request on the "
                  "Overview and the Addressees page.")
OTHERS = "(others)"  # a folded chart dimension's name for everything beyond its top values
REPORTS_RULE = ("A report request is the acting body asking someone to report, brief, inform or update, or "
                "to submit or include something in a report, note or study: one per reporter, report and "
                "occasion (“at its eighty-first and eighty-second sessions” is two). Taking note of a "
                "report, looking forward to one, and asking for views or contributions are not requests.")
FUNDING_RULE = ("Operative paragraphs with funding wording of any kind: extrabudgetary resources "
                "(“subject to the availability of extrabudgetary resources”), the regular budget "
                "(“within existing resources”) or an invitation to donors. A paragraph with two kinds "
                "counts under each.")


# a chart dimension and its value in words, for a drill-down's heading
DIMENSION_WORDS = {"verb": "verb", "instrument": "instrument", "addressee": "addressee",
                   "addressee_group": "addressee group", "condition": "funding",
                   "funding_basis": "funding basis", "event_key": "event", "directive_level": "directive level",
                   "kind": "kind", "acting_body": "acting body"}
PRECISION_WORDS = {"day": "exact day", "month": "month only", "year": "year only",
                   "session": "session dates", "relative": "relative date"}


def dimension_words(dimension: str, value: object) -> str:
    """'funding: extrabudgetary resources', 'event: Fifteenth Congress, 25–30 April 2026 (exact days)'."""
    if dimension in ("condition", "funding_basis"):
        value = lexicon.FUNDING_LABELS.get(str(value), value)
    elif dimension == "event_key":
        value = event_words(str(value))
    return f"{DIMENSION_WORDS.get(dimension, dimension.replace('_', ' '))}: {value}"


def funding_words(kinds: object) -> str:
    """'extrabudgetary; regular_budget' (as the paragraph tables carry it) in words."""
    if not present(kinds):
        return ""
    return "; ".join(lexicon.FUNDING_LABELS.get(k.strip(), k.strip()) for k in str(kinds).split(";"))


def event_words(event_key: str) -> str:
    """An event key ('label | 2025-01-01 | 2025-12-31 | session') in words: 'label, 2025 (session dates)'."""
    label, start, end, precision = (event_key.split(" | ") + ["", "", "", ""])[:4]
    dates = [dt.date.fromisoformat(d) for d in (start, end) if d and d != "?"]
    if not dates:
        return label
    first, last = dates[0], dates[-1]
    if precision in ("year", "session") and first.year == last.year:
        when = str(first.year)
    elif precision in ("year", "session"):
        when = f"{first:%B %Y} – {last:%B %Y}"
    elif precision == "month":
        when = f"{first:%B %Y}" if (first.year, first.month) == (last.year, last.month) else f"{first:%B %Y} – {last:%B %Y}"
    else:
        when = day(first) if first == last else f"{day(first)} – {day(last)}"
    return f"{label}, {when} ({PRECISION_WORDS.get(precision, precision)})"


def present(value: object) -> bool:
    """Whether a database value is there (not NULL, NaN or empty)."""
    return value is not None and str(value).strip() not in _MISSING


def escape_md(text: object) -> str:
    """`text` as Markdown that renders literally (no emphasis, links, HTML, math or colours)."""
    # GFM turns bare "http://", "www." and e-mail addresses into links even when escaped: an
    # invisible zero-width space inside them keeps report text from becoming a live link
    unlinked = _AUTOLINK_RE.sub(lambda m: m.group(0) + "\u200b", str(text))
    return _PUNCTUATION.sub(r"\\\1", unlinked).replace("\n", "  \n")


def paragraph_url(paragraph_id: str) -> str:
    """Link that opens one paragraph in the Explorer (the app's root with ?paragraph=)."""
    return "./?paragraph=" + quote(str(paragraph_id), safe="")


def compare_url(old_id: str, new_id: str) -> str:
    """The app-relative link that opens the Compare page on two instruments."""
    return f"./compare?old={quote(str(old_id), safe='')}&new={quote(str(new_id), safe='')}"


def paragraph_ref(instrument_label: str, kind: str, number: object, ordinal: object) -> str:
    """Human reference to a paragraph: 'Draft resolution I, para. 13' or '..., preambular 3'."""
    if present(number):
        return f"{instrument_label}, para. {number}"
    return f"{instrument_label}, {kind} paragraph {ordinal}"


def highlighted(lead_phrase: object, text: str) -> str:
    """Markdown of a paragraph with its lead phrase in bold, everything escaped."""
    lead = str(lead_phrase) if present(lead_phrase) else ""
    if lead and text.startswith(lead):
        return f"**{escape_md(lead)}**{escape_md(text[len(lead):])}"
    if lead:
        return f"**{escape_md(lead)}** · {escape_md(text)}"
    return escape_md(text)


def with_matches(text: str, terms: tuple[str, ...]) -> str:
    """Markdown of `text`, everything escaped, with each word matching a search term highlighted
    (whole words, hyphens anywhere: 'extrabudgetary' highlights 'extra-budgetary')."""
    patterns = [r"\b" + f"[{HYPHENS}]?".join(re.escape(ch) for ch in term) + r"\b" for term in terms if term]
    if not patterns:
        return escape_md(text)
    pieces = re.split(f"({'|'.join(sorted(patterns, key=len, reverse=True))})", text, flags=re.IGNORECASE)
    return "".join(f":orange-background[{escape_md(piece)}]" if i % 2 else escape_md(piece)
                   for i, piece in enumerate(pieces) if piece)


# ---------------------------------------------------------------------------------------------
# Documents: one naming rule for the whole app

UNDOCS = "https://undocs.org/"
# a UN document symbol: 'A/RES/80/225', 'A/C.3/80/L.19', 'E/CN.15/2024/L.3/Rev.1'; anything else
# from the database is not put into a URL
_SYMBOL_RE = re.compile(r"[A-Z][A-Za-z0-9.\-]*(?:/[A-Za-z0-9.\-]+)+")


# resolutions numbered by session or year, as cited: 'A/RES/1514 (XV)', 'A/RES/217 A (III)',
# 'S/RES/1373 (2001)'; their official symbols have no spaces and no part letter: A/RES/217(III)
_NUMBERED_BY_SESSION_RE = re.compile(r"(?P<base>[A-Z]/RES/\d{1,4})(?: [A-Z])? \((?P<session>[IVXLC]+|(?:19|20)\d\d)\)")


def symbol_url(symbol: object) -> str | None:
    """The document's page on undocs.org, for a value shaped like a UN symbol; else None."""
    if not present(symbol):
        return None
    if m := _NUMBERED_BY_SESSION_RE.fullmatch(str(symbol)):
        return f"{UNDOCS}{m.group('base')}({m.group('session')})"
    if not _SYMBOL_RE.fullmatch(str(symbol)):
        return None
    return UNDOCS + str(symbol)


@dataclass(frozen=True)
class DocumentName:
    """How the app names a document: 'symbol — title' when it has a symbol, else 'title (file name)',
    and the file name alone only when nothing better exists."""

    symbol: str | None
    title: str
    source_name: str
    yours: bool = False  # one of the session's own uploads

    @property
    def text(self) -> str:
        """'A/RES/80/225 — Title', 'Title (report.md)', or 'report.md' (', yours' for an upload)."""
        if self.symbol:
            name = f"{self.symbol} — {self.title}"
        else:
            name = f"{self.title} ({self.source_name})" if self.title and self.title != self.source_name \
                else self.source_name
        return f"{name} · yours" if self.yours else name

    @property
    def short(self) -> str:
        """'A/RES/80/225', or 'report.md' ('A/RES/80/225 · yours' for an upload)."""
        name = self.symbol or self.source_name
        return f"{name} · yours" if self.yours else name

    @property
    def url(self) -> str | None:
        """https://undocs.org/<symbol>, or None."""
        return symbol_url(self.symbol)

    def markdown(self, short: bool = False) -> str:
        """The name as Markdown, the symbol linked to undocs.org and everything else escaped."""
        if not self.symbol:
            return escape_md(self.source_name if short else self.text)
        head = f"[{self.symbol}]({self.url})" if self.url else escape_md(self.symbol)
        return head if short else f"{head} — {escape_md(self.title)}"


def document_name(symbol: object, title: object, source_name: object,
                  document_id: object = None) -> DocumentName:
    """The name of a document from its row's symbol, title and file name (NULLs allowed)."""
    return DocumentName(str(symbol).strip() if present(symbol) else None,
                        str(title) if present(title) else "",
                        str(source_name) if present(source_name) else "",
                        str(document_id).startswith(OWN_PREFIX))


def span(word: str, first: object, last: object) -> str:
    """'page 3', 'pages 3–4', 'line 51', 'lines 51–60'."""
    start = int(str(first))
    end = int(str(last)) if present(last) else start
    return f"{word} {start}" if start == end else f"{word}s {start}–{end}"


def where(page_start: object, page_end: object, line_start: object, line_end: object) -> str:
    """Where a row stands, for tables: 'page 3' or 'pages 3–4' for a PDF, else 'lines 51–60'."""
    if present(page_start):
        return span("page", page_start, page_end)
    return span("line", line_start, line_end)


def location(page_start: object, page_end: object, line_start: object, line_end: object) -> str:
    """Where a row was read: 'page 3 (lines 41–49 of the extracted text)' for a PDF, else
    'lines 51–60'."""
    place = where(page_start, page_end, line_start, line_end)
    if present(page_start):
        return f"{place} ({span('line', line_start, line_end)} of the extracted text)"
    return place


def day(value: object) -> str:
    """A date as '15 December 2025' ('' when missing)."""
    if not present(value):
        return ""
    return f"{value.day} {value:%B %Y}" if hasattr(value, "day") else str(value)


def document_facts(row: Mapping[str, Any]) -> str:
    """What a document says of itself, as one escaped Markdown line ('' when it says nothing):
    type, committee (or plenary), agenda item, adoption date, meeting."""
    known = {k: row.get(k) for k in ("doc_type", "committee", "agenda", "agenda_title",
                                     "meeting") if present(row.get(k))}
    adopted, met = day(row.get("adopted_on")), day(row.get("meeting_date"))
    agenda = ": ".join(str(known[k]) for k in ("agenda", "agenda_title") if k in known)
    meeting = known.get("meeting", "")
    if meeting and met and met != adopted:  # the day of adoption is said once
        meeting = f"{meeting}, {met}"
    parts = [known.get("doc_type"), known.get("committee"),
             f"agenda item {agenda}" if "agenda" in known else None,
             f"adopted {adopted}" if adopted else None, meeting]
    return " · ".join(escape_md(p) for p in parts if p)


def source_md(name: DocumentName, page_start: object, page_end: object, line_start: object,
              line_end: object, short: bool = False) -> str:
    """'[A/RES/80/225](…), page 3 (lines 41–49 of the extracted text)' or 'report.md, lines
    51–60' as Markdown; `short` leaves out the extracted lines of a PDF."""
    place = (where if short else location)(page_start, page_end, line_start, line_end)
    return f"{name.markdown(short=True)}, {escape_md(place)}"


def instrument_name(label: str, title: str, document: DocumentName | None = None) -> str:
    """'Resolution 79/187 — Title', with ' (A/RES/79/187)' (the document's short name) when
    instruments of several documents are listed together."""
    name = f"{label} — {title}"
    return f"{name} ({document.short})" if document is not None else name
