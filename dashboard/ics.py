"""iCalendar (.ics, RFC 5545) export of events (pure)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone

import pandas as pd

PRODID = "-//Resolution Explorer//events//EN"
PRECISION_NOTE = {"day": "", "month": " (month only)", "year": " (year only)"}


def _escape(text: object) -> str:
    return (str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    # lines longer than 75 octets continue on the next line after one space
    raw = line.encode("utf-8")
    parts = []
    while len(raw) > 75:
        cut = 75 if not parts else 74
        while (raw[cut] & 0xC0) == 0x80:  # never split a UTF-8 sequence
            cut -= 1
        parts.append(raw[:cut].decode("utf-8"))
        raw = raw[cut:]
    parts.append(raw.decode("utf-8"))
    return "\r\n ".join(parts)


def _day(value: object) -> date:
    return pd.Timestamp(value).date()


def calendar(events: pd.DataFrame, stamp: datetime | None = None) -> str:
    """An iCalendar file with one all-day VEVENT per dated event (rows of queries.events)."""
    stamp = stamp or datetime.now(timezone.utc)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    for row in events[events["start_date"].notna()].itertuples():
        start = _day(row.start_date)
        end = _day(row.end_date) if pd.notna(row.end_date) else start
        note = PRECISION_NOTE.get(row.precision, f" ({row.precision})")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{hashlib.sha1(row.event_key.encode()).hexdigest()[:20]}@resolution-explorer",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{start.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(end + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(str(row.label) + note)}",
            f"DESCRIPTION:{_escape(f'As written: {row.phrase}. Date precision: {row.precision}.')}",
        ]
        if isinstance(row.location, str) and row.location:
            lines.append(f"LOCATION:{_escape(row.location)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
