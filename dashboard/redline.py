"""A comparison (etl.compare) as the Compare page shows and downloads it: highlighted Markdown,
a standalone redline HTML file and an alignment table. Pure: no streamlit import."""

from __future__ import annotations

import html

import pandas as pd

from dashboard.text import escape_md
from etl.compare import Change, Comparison, Entry, Side, change_words

STATUS_WORDS = {"unchanged": "unchanged", "amended": "amended", "moved": "moved",
                "added": "added", "deleted": "deleted"}
KIND_WORDS = {"preambular": "preambular", "operative": "operative"}


def place(entry: Entry, side: str) -> str:
    """'operative 5' for one side of an entry, '–' when that side is missing."""
    unit = entry.old if side == "old" else entry.new
    return f"{KIND_WORDS[entry.kind]} {unit.index}" if unit else "–"


def entry_title(entry: Entry) -> str:
    """'operative 3 → operative 4 · moved, amended' (plain text)."""
    status = entry.status
    if entry.status == "moved" and entry.amended:
        status = "moved and amended"
    if entry.merged:
        status += ", merged into a longer paragraph"
    if entry.split_from is not None:
        status += f" (split from old {KIND_WORDS[entry.kind]} {entry.split_from})"
    return f"{place(entry, 'old')} → {place(entry, 'new')} · {status}"


def _marked(text: str, op: str) -> str:
    words = escape_md(text)
    if op == "delete":
        return f":red-background[~~{words}~~]"
    if op == "insert":
        return f":green-background[**{words}**]"
    return words


def side_markdown(entry: Entry, side: str) -> str:
    """One side's text as Markdown: the words it lost (old side) or gained (new side) highlighted."""
    unit = entry.old if side == "old" else entry.new
    if unit is None:
        return ""
    if entry.old is None or entry.new is None or not entry.amended:
        return escape_md(unit.text)
    keep = "delete" if side == "old" else "insert"
    return " ".join(_marked(part.text, part.op) for part in entry.diff if part.op in ("equal", keep))


def redline_markdown(entry: Entry) -> str:
    """The entry as one text: deletions struck through, insertions highlighted."""
    if entry.old is None or entry.new is None:
        unit = entry.old or entry.new
        return _marked(unit.text, "delete" if entry.new is None else "insert")  # type: ignore[union-attr]
    return " ".join(_marked(part.text, part.op) for part in entry.diff)


def side_name(side: Side) -> str:
    """'A/RES/80/160 (Resolution 80/160) — title', or the label and title without a symbol."""
    lead = f"{side.symbol} ({side.label})" if side.symbol else side.label
    return f"{lead} — {side.title}"


def changes_frame(comparison: Comparison) -> pd.DataFrame:
    """One row per mandate-level change: where, what, and the paragraphs to open."""
    rows = [{"where": f"{place(entry, 'old')} → {place(entry, 'new')}", "status": entry.status,
             "change": change_words(change), "kind_of_change": change.change,
             "old_paragraph_id": entry.old.paragraph_id if entry.old else None,
             "new_paragraph_id": entry.new.paragraph_id if entry.new else None}
            for entry, change in comparison.changes()]
    return pd.DataFrame(rows, columns=["where", "status", "change", "kind_of_change",
                                       "old_paragraph_id", "new_paragraph_id"])


def _changes_text(changes: list[Change]) -> str:
    return "; ".join(change_words(c) for c in changes)


def alignment_frame(comparison: Comparison) -> pd.DataFrame:
    """The alignment as a table, one row per aligned unit (the CSV download)."""
    rows = []
    for entry in comparison.entries:
        data = entry.as_json()
        rows.append({
            "kind": entry.kind, "status": entry.status, "amended": data["amended"],
            "old_index": data["old_index"], "new_index": data["new_index"],
            "similarity": data["similarity"], "merged": entry.merged, "split_from": entry.split_from,
            "old_lead_phrase": data["old_lead_phrase"], "new_lead_phrase": data["new_lead_phrase"],
            "old_verb": data["old_verb"], "new_verb": data["new_verb"],
            "mandate_changes": _changes_text(entry.changes),
            "old_paragraph_id": data["old_paragraph_id"], "new_paragraph_id": data["new_paragraph_id"],
            "old_text": data["old_text"], "new_text": data["new_text"],
        })
    return pd.DataFrame(rows)


_STYLE = """
body { font-family: sans-serif; max-width: 60rem; margin: 2rem auto; line-height: 1.5; color: #262730; }
del { background: #fde2e1; color: #8a1c1c; }
ins { background: #dcf5e3; color: #0b5a26; text-decoration: none; font-weight: bold; }
.where { color: #555; font-size: 0.9rem; margin-bottom: 0; }
.changes { color: #555; font-size: 0.9rem; margin-top: 0; }
p.text { margin-top: 0.2rem; }
"""


def _html_parts(entry: Entry) -> str:
    if entry.old is None:
        return f"<ins>{html.escape(entry.new.text)}</ins>"  # type: ignore[union-attr]
    if entry.new is None:
        return f"<del>{html.escape(entry.old.text)}</del>"
    tags = {"delete": "del", "insert": "ins"}
    return " ".join(f"<{tags[p.op]}>{html.escape(p.text)}</{tags[p.op]}>" if p.op in tags else html.escape(p.text)
                    for p in entry.diff)


def redline_html(comparison: Comparison, note: str) -> str:
    """A standalone HTML redline of the comparison, with its source note; every text escaped."""
    old, new = comparison.old, comparison.new
    title = f"Changes from {old.symbol or old.label} to {new.symbol or new.label}"
    counts = comparison.counts()
    lines = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p>Old: {html.escape(side_name(old))}<br>New: {html.escape(side_name(new))}</p>",
        f"<p>{html.escape(note)}</p>",
    ]
    for kind, by_status in counts.items():
        figures = ", ".join(f"{n} {status}" for status, n in by_status.items() if n) or "none"
        lines.append(f"<p>{html.escape(kind.capitalize())} paragraphs: {html.escape(figures)}</p>")
    for entry in comparison.entries:
        lines.append(f'<p class="where">{html.escape(entry_title(entry))}</p>')
        if entry.changes:
            lines.append(f'<p class="changes">{html.escape(_changes_text(entry.changes))}</p>')
        lines.append(f'<p class="text">{_html_parts(entry)}</p>')
    lines += ["</body>", "</html>"]
    return "\n".join(lines) + "\n"


def growth_frame(versions: list[tuple[str, Comparison]]) -> pd.DataFrame:
    """Per later version of a series, its paragraphs added, deleted, amended and moved against the one before."""
    rows = []
    for name, comparison in versions:
        counts = comparison.counts()
        for status in ("added", "deleted", "amended", "moved"):
            rows.append({"version": name, "status": status,
                         "paragraphs": sum(counts[kind][status] for kind in counts)})
    return pd.DataFrame(rows, columns=["version", "status", "paragraphs"])
