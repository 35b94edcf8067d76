"""When requested reports are due, as a calendar can hold them (pure).

A report asked "at its eighty-first session" of the General Assembly is due when that session
opens: the Assembly's n-th regular session opens in the year 1945 + n on the Tuesday of the second
week of September, counting from the first week that holds a working day of September (rule 1 of
its rules of procedure, as amended by resolution 57/301). Other bodies' sessions and bare years give
no day: such reports stay out of the calendar, and the page says how many.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from dashboard.text import present

ASSEMBLY = "General Assembly"
OPENING = "opening"  # the precision of a due date taken from the session's opening day


def assembly_opening(session: int) -> date:
    """The opening day of the General Assembly's `session`-th regular session."""
    year = 1945 + session
    first = date(year, 9, 1)
    # the first Monday-to-Sunday week with a September working day
    while first.weekday() > 4:
        first += timedelta(days=1)
    week_one = first - timedelta(days=first.weekday())
    return week_one + timedelta(days=7 + 1)  # the Tuesday of the week after


def dated(requests: pd.DataFrame) -> pd.Series:
    """Which requests the text gives a day for: those due at a stated General Assembly session."""
    body = requests["session_body"].where(requests["session_body"].notna(), requests["submitted_to"])
    return requests["session"].notna() & (body == ASSEMBLY)


def reporter_words(row: Any) -> str:
    """'Secretary-General to the General Assembly, session 81 (annual, oral)'."""
    when = f", session {int(row.session)}" if present(row.session) else \
        f", {int(row.due_year)}" if present(row.due_year) else ""
    how = [str(v) for v in (row.periodicity, row.form) if present(v) and v != "once"]
    return f"{row.reporter} to the {row.submitted_to}{when}" + (f" ({', '.join(how)})" if how else "")


def calendar_events(requests: pd.DataFrame) -> pd.DataFrame:
    """The requests with a due day, shaped as dashboard.ics.calendar reads events."""
    rows = []
    for row in requests[dated(requests)].itertuples():
        day = assembly_opening(int(row.session))
        subject = f" — {row.subject}" if present(row.subject) else ""
        source = {name: getattr(row, name) for name in (
            "paragraph_id", "instrument_label", "kind", "number", "ordinal", "text", "symbol",
            "document_title", "source_name", "page_start", "page_end")}
        rows.append({
            "event_key": str(row.report_request_id), "label": reporter_words(row),
            "title": f"Report due: {reporter_words(row)}{subject}", "start_date": day,
            "end_date": day, "precision": OPENING, "phrase": row.as_written,
            "event_type": "report_due", "relative_to": None, "location": None,
            "sources": [source], "paragraphs": 1})
    return pd.DataFrame(rows, columns=["event_key", "label", "title", "start_date", "end_date", "precision",
                                       "phrase", "event_type", "relative_to", "location", "sources",
                                       "paragraphs"])
