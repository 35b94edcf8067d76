"""iCalendar (.ics, RFC 5545) export of events (pure).

Each event is an all-day VEVENT over the days its date pins down, titled with what the date's
precision is ("… (month only)"), and its DESCRIPTION carries the words as written, the precision,
and the paragraphs it comes from: their place, verbatim text and a link to each in the app.
A session whose dates the text does not state (the Commission's n-th session is only placed in a
year) has no day to put in a calendar: it is left out, and `left_out` says which were.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pandas as pd

from dashboard.text import document_name, paragraph_ref, paragraph_url, present
from dashboard.timeline_chart import TYPE_WORDS

PRODID = "-//Resolution Explorer//events//EN"
PRECISION_NOTE = {"day": "", "relative": " (date derived)", "month": " (month only)",
                  "year": " (year only)", "opening": " (the session's opening day)"}
PRECISION_WORDS = {"day": "exact day(s)", "relative": "derived from the dates of another event",
                   "month": "month only", "year": "year only",
                   "session": "a session, dates not stated",
                   "opening": "the text names only the session: its opening day, by the Assembly's rules"}
MAX_TEXT = 1500  # characters of a paragraph quoted in a DESCRIPTION
NO_DAY = ("session",)  # precisions that give no day a calendar could show


def _escape(text: object) -> str:
    return (str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    # lines longer than 75 octets continue on the next line after one space
    raw = line.encode("utf-8")
    parts: list[str] = []
    while len(raw) > (75 if not parts else 74):  # a continuation line gives one octet to its space
        cut = 75 if not parts else 74
        while (raw[cut] & 0xC0) == 0x80:  # never split a UTF-8 sequence
            cut -= 1
        parts.append(raw[:cut].decode("utf-8"))
        raw = raw[cut:]
    parts.append(raw.decode("utf-8"))
    return "\r\n ".join(parts)


def _day(value: object) -> date:
    return pd.Timestamp(value).date()


def _field(row: Any, name: str) -> Any:
    value = getattr(row, name, None)
    return value if isinstance(value, (list, tuple)) or hasattr(value, "tolist") or present(value) \
        else None


def in_calendar(events: pd.DataFrame) -> pd.DataFrame:
    """The events a calendar can hold: those with a start day and a precision that gives days."""
    return events[events["start_date"].notna() & ~events["precision"].isin(NO_DAY)]


def left_out(events: pd.DataFrame) -> pd.DataFrame:
    """The events `calendar` leaves out: no date at all, or a session whose dates are not stated."""
    return events[events["start_date"].isna() | events["precision"].isin(NO_DAY)]


def paragraph_link(paragraph_id: str, base_url: str) -> str:
    """The paragraph's address in the app: base_url (the app's root) + '/?paragraph=…'."""
    return base_url.rstrip("/") + paragraph_url(paragraph_id)[1:]


def _source_lines(source: dict, base_url: str | None) -> list[str]:
    name = document_name(source.get("symbol"), source.get("document_title"), source.get("source_name"))
    if not present(source.get("paragraph_id")):
        return [f"Source: {name.text} (text outside numbered paragraphs)."]
    ref = paragraph_ref(str(source.get("instrument_label")), str(source.get("kind")),
                        source.get("number"), source.get("ordinal"))
    first: Any = source.get("page_start")
    last: Any = source.get("page_end")
    where = ""
    if present(first):
        where = f", page {int(first)}" if not present(last) or int(last) == int(first) else \
            f", pages {int(first)}–{int(last)}"
    lines = [f"Source: {name.text} — {ref}{where}."]
    text = str(source.get("text") or "").strip()
    if text:
        quoted = text if len(text) <= MAX_TEXT else text[:MAX_TEXT].rsplit(" ", 1)[0] + " …"
        lines.append(f"“{quoted}”")
    if base_url:
        lines.append(f"Open the paragraph: {paragraph_link(source['paragraph_id'], base_url)}")
    return lines


def description(row: Any, base_url: str | None = None) -> str:
    """What an event's DESCRIPTION says: the date as written and its precision, what it is
    relative to, then each source paragraph with its place, verbatim text and link."""
    precision = str(row.precision)
    lines = [f"As written: “{row.phrase}”.",
             f"Date precision: {PRECISION_WORDS.get(precision, precision)}."]
    kind = _field(row, "event_type")
    if kind is not None:
        lines.append(f"Type: {TYPE_WORDS.get(str(kind), str(kind))}.")
    relative = _field(row, "relative_to")
    if relative is not None:
        lines.append(f"Relative to: {relative}.")
    sources = _field(row, "sources")
    sources = [] if sources is None else list(sources)
    for source in sources:
        lines += [""] + _source_lines(source, base_url)
    paragraphs = _field(row, "paragraphs")
    if paragraphs is not None and int(paragraphs) > len(sources) and sources:
        more = int(paragraphs) - len([s for s in sources if present(s.get("paragraph_id"))])
        if more > 0:
            lines += ["", f"… and {more} more paragraph{'s' if more != 1 else ''} "
                          "(the app's Timeline lists them all)."]
    return "\n".join(lines)


def calendar(events: pd.DataFrame, stamp: datetime | None = None,
             base_url: str | None = None) -> str:
    """An iCalendar file with one all-day VEVENT per event that has days (rows of
    queries.events; sessions with no stated dates are left out, see `left_out`). `base_url` (the
    app's root URL) makes the links to the source paragraphs."""
    stamp = stamp or datetime.now(timezone.utc)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:Resolution Explorer: planned events"]
    for row in in_calendar(events).itertuples():
        start = _day(row.start_date)
        end = _day(row.end_date) if pd.notna(row.end_date) else start
        title = _field(row, "title") or row.label
        note = PRECISION_NOTE.get(row.precision, f" ({row.precision})")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{hashlib.sha1(row.event_key.encode()).hexdigest()[:20]}@resolution-explorer",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{start.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(end + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(str(title) + note)}",
            f"DESCRIPTION:{_escape(description(row, base_url))}",
        ]
        kind = _field(row, "event_type")
        if kind is not None:
            lines.append(f"CATEGORIES:{_escape(TYPE_WORDS.get(str(kind), str(kind)))}")
        if isinstance(row.location, str) and row.location:
            lines.append(f"LOCATION:{_escape(row.location)}")
        sources = _field(row, "sources")
        first = next((s for s in ([] if sources is None else list(sources))
                      if present(s.get("paragraph_id"))), None)
        if base_url and first is not None:
            lines.append(f"URL;VALUE=URI:{paragraph_link(first['paragraph_id'], base_url)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
