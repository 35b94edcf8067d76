"""Report text made safe for Markdown: every character that could format is escaped (pure)."""

from __future__ import annotations

import re
from urllib.parse import quote

# CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it also disarms
# Streamlit's own syntax (:red[...], :emoji:, $math$) and raw HTML.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_AUTOLINK_RE = re.compile(r"(?i)\b(?:https?|ftp|mailto|www|file)(?=[:.])|@")


def escape_md(text: object) -> str:
    """`text` as Markdown that renders literally (no emphasis, links, HTML, math or colours)."""
    # GFM turns bare "http://", "www." and e-mail addresses into links even when escaped: an
    # invisible zero-width space inside them keeps report text from becoming a live link
    unlinked = _AUTOLINK_RE.sub(lambda m: m.group(0) + "\u200b", str(text))
    return _PUNCTUATION.sub(r"\\\1", unlinked).replace("\n", "  \n")


def paragraph_url(paragraph_id: str) -> str:
    """Link that opens one paragraph in the Explorer (the app's root with ?paragraph=)."""
    return "./?paragraph=" + quote(str(paragraph_id), safe="")


def paragraph_ref(instrument_label: str, kind: str, number: object, ordinal: object) -> str:
    """Human reference to a paragraph: 'Draft resolution I, para. 13' or '..., preambular 3'."""
    if number is not None and str(number) not in ("", "nan", "None", "<NA>"):
        return f"{instrument_label}, para. {number}"
    return f"{instrument_label}, {kind} paragraph {ordinal}"


def highlighted(lead_phrase: object, text: str) -> str:
    """Markdown of a paragraph with its lead phrase in bold, everything escaped."""
    lead = "" if lead_phrase is None else str(lead_phrase)
    if lead and lead not in ("nan", "None") and text.startswith(lead):
        return f"**{escape_md(lead)}**{escape_md(text[len(lead):])}"
    if lead and lead not in ("nan", "None"):
        return f"**{escape_md(lead)}** · {escape_md(text)}"
    return escape_md(text)
