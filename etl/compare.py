"""Compare two instruments paragraph by paragraph: alignment by content, word diff, mandate changes. Pure.

Paragraphs are aligned within their kind (preambular with preambular, operative with operative):
first the ones whose text is the same apart from whitespace, footnote markers, quotes and hyphens,
then the most similar remaining pairs above a threshold, then the leftovers of a merge (an old
paragraph whose text the new side has folded into a paragraph already paired). A pair out of the
order the other pairs keep is `moved`. The page and `python -m etl compare` share this module; the
database reads live in etl/load.py and dashboard/queries.py, the SQL they run is here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from etl import lexicon

UNCHANGED = "unchanged"
AMENDED = "amended"
MOVED = "moved"
ADDED = "added"
DELETED = "deleted"
STATUSES = (UNCHANGED, AMENDED, MOVED, ADDED, DELETED)
KINDS = ("preambular", "operative")

# Two paragraphs pair when their texts are at least this similar (rapidfuzz ratio, 0-100), or when
# one holds the other almost whole (a merge). Measured on the samples' year-to-year and draft
# pairs: amended paragraphs score 62-99, different paragraphs of one resolution rarely above 50.
PAIR_MIN_SIMILARITY = 60.0
# Then, among the paragraphs left, rewrites: those that keep most of their words (a long insertion,
# clauses reordered: rapidfuzz token_set_ratio) or their first dozen words (the second half
# rewritten). Measured on the twelve year-to-year samples read side by side: such rewrites keep
# 75-100 of their words with a ratio of 45-59; leftovers a reader calls different paragraphs keep
# at most 73, or have a ratio below 45, and share no more than their lead and a few words.
REWRITE_MIN_WORDS_KEPT = 75.0
REWRITE_SAME_OPENING_WORDS = 12
REWRITE_MIN_SIMILARITY = 45.0
# A merge or a split: the part is found in the whole at least this well (rapidfuzz partial_ratio;
# a merged paragraph loses its lead, "Also requests the Office to report" -> "..., and to report"),
# the part is no fragment, and the whole is longer than its own counterpart by most of the part.
PART_MIN_CONTAINMENT = 85.0
PART_MIN_CHARS = 40
PART_LENGTH_SHARE = 0.5

_VARIANTS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00ad": None, "\u200b": None,
})
_SPACE_RE = re.compile(r"\s+")
_TOKEN_RE = re.compile(r"\S+")


def plain(text: str) -> str:
    """The text with quote and hyphen variants unified and whitespace runs as one space."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", text).translate(_VARIANTS)).strip()


def canonical(text: str) -> str:
    """What `unchanged` compares: the plain text without any whitespace (PDFs put spaces inside words)."""
    return _SPACE_RE.sub("", plain(text))


@dataclass(frozen=True)
class Unit:
    """One paragraph of a side, with the facts its mandate-level changes are read from."""

    paragraph_id: str
    kind: str
    index: int  # 1-based among the paragraphs of its kind; a numbered operative paragraph's printed number
    position: int  # 0-based among the paragraphs of its kind, in document order
    label: str | None
    text: str  # the paragraph and its sub-items
    lead_phrase: str | None = None
    verb: str | None = None
    directive_level: int | None = None
    addressees: tuple[str, ...] = ()
    funding: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()  # dates and sessions named, as written
    reports: tuple[str, ...] = ()  # reports asked for, as written


@dataclass(frozen=True)
class Side:
    """One instrument to compare: who it is and its paragraphs in document order."""

    instrument_id: str
    document_id: str
    symbol: str | None
    label: str
    title: str
    status: str
    session: int | None
    units: tuple[Unit, ...] = ()

    def header(self) -> dict:
        """The side as the JSON output names it."""
        counts = {kind: sum(u.kind == kind for u in self.units) for kind in KINDS}
        return {"instrument_id": self.instrument_id, "document_id": self.document_id, "symbol": self.symbol,
                "label": self.label, "title": self.title, "status": self.status, "session": self.session,
                "preambular": counts["preambular"], "operative": counts["operative"]}


@dataclass(frozen=True)
class Change:
    """A change to what a paragraph asks: of its verb, addressees, funding, dates or reports."""

    change: str  # a key of CHANGE_WORDS
    value: str
    old: str | None = None
    new: str | None = None
    direction: str | None = None  # for a verb: stronger | weaker | same level


@dataclass(frozen=True)
class DiffPart:
    op: str  # equal | insert | delete
    text: str


@dataclass
class Entry:
    """One aligned unit: an old paragraph, a new one, or a pair."""

    status: str
    kind: str
    old: Unit | None
    new: Unit | None
    similarity: float | None = None  # 0-100 for a pair
    merged: bool = False  # this old paragraph is one of several folded into the new one
    split_from: int | None = None  # an added paragraph holding a part of this old paragraph (old_index)
    diff: list[DiffPart] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def amended(self) -> bool | None:
        if self.old is None or self.new is None:
            return None
        return canonical(self.old.text) != canonical(self.new.text)

    def as_json(self) -> dict:
        """The entry as `python -m etl compare --json` prints it."""
        old, new = self.old, self.new
        return {
            "status": self.status, "kind": self.kind,
            "old_index": old.index if old else None, "new_index": new.index if new else None,
            "old_paragraph_id": old.paragraph_id if old else None,
            "new_paragraph_id": new.paragraph_id if new else None,
            "amended": self.amended,
            "similarity": None if self.similarity is None else round(self.similarity, 1),
            "merged": self.merged, "split_from": self.split_from,
            "old_lead_phrase": old.lead_phrase if old else None, "new_lead_phrase": new.lead_phrase if new else None,
            "old_verb": old.verb if old else None, "new_verb": new.verb if new else None,
            "old_directive_level": old.directive_level if old else None,
            "new_directive_level": new.directive_level if new else None,
            "old_text": old.text if old else None, "new_text": new.text if new else None,
            "diff": [asdict(part) for part in self.diff],
            "changes": [{k: v for k, v in asdict(c).items() if v is not None} for c in self.changes],
        }


@dataclass
class Comparison:
    old: Side
    new: Side
    entries: list[Entry]

    def counts(self) -> dict[str, dict[str, int]]:
        """Entries per kind and status."""
        table = {kind: dict.fromkeys(STATUSES, 0) for kind in KINDS}
        for entry in self.entries:
            table[entry.kind][entry.status] += 1
        return table

    def changes(self) -> list[tuple[Entry, Change]]:
        """Every mandate-level change with the entry it belongs to, in document order."""
        return [(entry, change) for entry in self.entries for change in entry.changes]

    def as_json(self) -> dict:
        """The whole comparison as one JSON object."""
        return {"old": self.old.header(), "new": self.new.header(), "counts": self.counts(),
                "paragraphs": [entry.as_json() for entry in self.entries]}


# --- alignment ---------------------------------------------------------------------------------


def compare(old: Side, new: Side) -> Comparison:
    """Align the two sides' paragraphs kind by kind and describe every change."""
    entries: list[Entry] = []
    for kind in KINDS:
        entries += _align_kind([u for u in old.units if u.kind == kind], [u for u in new.units if u.kind == kind], kind)
    for entry in entries:
        entry.diff = word_diff(entry.old.text if entry.old else "", entry.new.text if entry.new else "")
        entry.changes = mandate_changes(entry.old, entry.new)
    return Comparison(old, new, entries)


def _similarity_text(unit: Unit) -> str:
    return plain(unit.text).lower()


def _align_kind(olds: list[Unit], news: list[Unit], kind: str) -> list[Entry]:
    pairs: dict[int, tuple[int, float]] = {}  # old position -> (new position, similarity)
    taken_new: set[int] = set()
    # 1. the same text, in order of appearance
    by_text: dict[str, list[int]] = defaultdict(list)
    for j, unit in enumerate(news):
        by_text[canonical(unit.text)].append(j)
    for i, unit in enumerate(olds):
        candidates = by_text.get(canonical(unit.text))
        if candidates:
            j = min(candidates, key=lambda j: abs(j - i))  # repeated boilerplate: the nearest one
            candidates.remove(j)
            pairs[i] = (j, 100.0)
            taken_new.add(j)
    # 2. the most similar remaining pairs
    old_left = [i for i in range(len(olds)) if i not in pairs]
    new_left = [j for j in range(len(news)) if j not in taken_new]
    texts_old = {i: _similarity_text(olds[i]) for i in old_left}
    texts_new = {j: _similarity_text(news[j]) for j in new_left}
    scored = []
    for i in old_left:
        for j in new_left:
            score = fuzz.ratio(texts_old[i], texts_new[j], score_cutoff=PAIR_MIN_SIMILARITY)
            if score:
                scored.append((score, -abs(i / max(len(olds), 1) - j / max(len(news), 1)), i, j))
    for score, _, i, j in sorted(scored, reverse=True):
        if i not in pairs and j not in taken_new:
            pairs[i] = (j, score)
            taken_new.add(j)
    rewrites = []
    for i in old_left:
        for j in new_left:
            if i not in pairs and j not in taken_new:
                kept = fuzz.token_set_ratio(texts_old[i], texts_new[j])
                if (kept >= REWRITE_MIN_WORDS_KEPT or _same_opening(texts_old[i], texts_new[j])) \
                        and fuzz.ratio(texts_old[i], texts_new[j]) >= REWRITE_MIN_SIMILARITY:
                    rewrites.append((kept, -abs(i / max(len(olds), 1) - j / max(len(news), 1)), i, j))
    for kept, _, i, j in sorted(rewrites, reverse=True):
        if i not in pairs and j not in taken_new:
            pairs[i] = (j, fuzz.ratio(texts_old[i], texts_new[j]))
            taken_new.add(j)
    # 3. merges: an old paragraph held almost whole in a new paragraph paired with another old one
    merged: set[int] = set()
    counterpart_of_new = {j: i for i, (j, _) in pairs.items()}
    for i in range(len(olds)):
        if i not in pairs:
            whole, score = _whole_holding(olds[i], {j: news[j] for j in taken_new},
                                      {j: olds[counterpart_of_new[j]] for j in taken_new})
            if whole is not None:
                pairs[i] = (whole, score)
                merged.add(i)
    in_order = _kept_in_order(sorted((i, j, score) for i, (j, score) in pairs.items()))
    entries: list[tuple[tuple[float, int, int], Entry]] = []
    for i, (j, score) in pairs.items():
        same = canonical(olds[i].text) == canonical(news[j].text)
        status = (UNCHANGED if same else AMENDED) if i in in_order else MOVED
        entries.append(((j, 0, i), Entry(status, kind, olds[i], news[j], score, merged=i in merged)))
    split_sources = _split_sources(olds, news, pairs, taken_new)
    for j in range(len(news)):
        if j not in taken_new:
            entries.append(((j, 0, -1), Entry(ADDED, kind, None, news[j], split_from=split_sources.get(j))))
    for i in range(len(olds)):
        if i not in pairs:
            anchor = max((pairs[k][0] for k in range(i) if k in pairs), default=-1)
            entries.append(((anchor + 0.5, 1, i), Entry(DELETED, kind, olds[i], None)))
    return [entry for _, entry in sorted(entries, key=lambda item: item[0])]


def _same_opening(old: str, new: str) -> bool:
    """Whether the two texts open with the same REWRITE_SAME_OPENING_WORDS words."""
    old_words, new_words = old.split(), new.split()
    n = REWRITE_SAME_OPENING_WORDS
    return len(old_words) > n and len(new_words) > n and old_words[:n] == new_words[:n]


def _kept_in_order(pairs: list[tuple[int, int, float]]) -> set[int]:
    """The old positions of the largest set of pairs (old, new, similarity) whose new positions keep the old order.

    Of several such sets, the one keeping the most similar pairs, then the one whose pairs moved
    least: when two paragraphs swap, the amended one is the one that moved.
    """
    best: list[tuple[int, float, float]] = []  # (pairs kept, similarity kept, minus displacement) ending at k
    back: list[int] = []
    for k, (i, j, score) in enumerate(pairs):
        own: tuple[int, float, float] = (1, score, float(-abs(i - j)))
        value, prev = own, -1
        for m in range(k):
            if pairs[m][1] <= j:
                candidate = (best[m][0] + 1, best[m][1] + score, best[m][2] - abs(i - j))
                if candidate > value:
                    value, prev = candidate, m
        best.append(value)
        back.append(prev)
    kept: set[int] = set()
    k = max(range(len(pairs)), key=lambda m: best[m], default=-1)
    while k != -1:
        kept.add(pairs[k][0])
        k = back[k]
    return kept


def _whole_holding(part: Unit, wholes: dict[int, Unit], their_counterparts: dict[int, Unit]) -> tuple[int | None, float]:
    """The whole (by position) that holds `part` besides its own counterpart, and how well; else (None, 0)."""
    if len(part.text) < PART_MIN_CHARS:
        return None, 0.0
    text = _similarity_text(part)
    best: tuple[int | None, float] = (None, 0.0)
    for j, whole in wholes.items():
        if len(whole.text) < len(their_counterparts[j].text) + PART_LENGTH_SHARE * len(part.text):
            continue  # the whole is no longer than its own counterpart: nothing else was folded in
        score = fuzz.partial_ratio(text, _similarity_text(whole))
        if score >= PART_MIN_CONTAINMENT and score > best[1]:
            best = (j, score)
    return best


def _split_sources(olds: list[Unit], news: list[Unit], pairs: dict[int, tuple[int, float]],
                   taken_new: set[int]) -> dict[int, int]:
    """Added new paragraphs that hold a part of a paired old paragraph: new position -> old index."""
    sources: dict[int, int] = {}
    main_parts = {i: news[j] for i, (j, _) in pairs.items()}
    for j in range(len(news)):
        if j not in taken_new:
            i, _ = _whole_holding(news[j], {i: olds[i] for i in pairs}, main_parts)
            if i is not None:
                sources[j] = olds[i].index
    return sources


# --- what changed ------------------------------------------------------------------------------


def word_diff(old: str, new: str) -> list[DiffPart]:
    """Word-level differences from old to new text; words compare with quotes and hyphens unified."""
    old_words, new_words = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    if canonical(old) == canonical(new):
        return [DiffPart("equal", " ".join(new_words))] if new_words else []
    parts: list[DiffPart] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for op in Indel.opcodes([plain(w) for w in old_words], [plain(w) for w in new_words]):
        if op.tag == "equal":  # a run of changes reads as what went, then what came
            _append(parts, "delete", deleted)
            _append(parts, "insert", inserted)
            deleted, inserted = [], []
            _append(parts, "equal", new_words[op.dest_start:op.dest_end])
        else:
            deleted += old_words[op.src_start:op.src_end]
            inserted += new_words[op.dest_start:op.dest_end]
    _append(parts, "delete", deleted)
    _append(parts, "insert", inserted)
    return parts


def _append(parts: list[DiffPart], op: str, words: list[str]) -> None:
    if not words:
        return
    if parts and parts[-1].op == op:
        parts[-1] = DiffPart(op, f"{parts[-1].text} {' '.join(words)}")
    else:
        parts.append(DiffPart(op, " ".join(words)))


def _direction(old_level: int | None, new_level: int | None) -> str | None:
    if old_level is None or new_level is None:
        return None
    return "stronger" if new_level > old_level else "weaker" if new_level < old_level else "same level"


def mandate_changes(old: Unit | None, new: Unit | None) -> list[Change]:
    """What the change does to the mandate: verb, addressees, funding, dates and reports."""
    changes: list[Change] = []
    either = old or new
    assert either is not None, "an entry has at least one side"
    kind = either.kind
    if old is not None and new is not None:
        if kind == "operative" and old.verb != new.verb and (old.verb or new.verb):
            changes.append(Change("verb", f"{old.lead_phrase or '–'} → {new.lead_phrase or '–'}", old.verb, new.verb,
                                  _direction(old.directive_level, new.directive_level)))
    elif kind == "operative" and (unit := old or new) is not None and unit.verb:
        changes.append(Change("mandate_added" if new else "mandate_removed", unit.lead_phrase or unit.verb or "",
                              None if new else unit.verb, unit.verb if new else None))
    for name, facet in (("addressee", "addressees"), ("funding", "funding"), ("date", "dates"), ("report", "reports")):
        before = _unique(getattr(old, facet) if old else ())
        after = _unique(getattr(new, facet) if new else ())
        before_keys, after_keys = {_key(v) for v in before}, {_key(v) for v in after}
        added = [v for v in after if _key(v) not in before_keys]
        removed = [v for v in before if _key(v) not in after_keys]
        if name in ("date", "report"):  # "at its eightieth session" -> "at its eighty-first session"
            for was, now in zip(removed, added):
                changes.append(Change(f"{name}_changed", now, was, now))
            removed, added = removed[len(added):], added[len(removed):]
        changes += [Change(f"{name}_added", v) for v in added]
        changes += [Change(f"{name}_removed", v) for v in removed]
    return changes


def _key(value: str) -> str:
    return canonical(value).lower()


def _unique(values: tuple[str, ...] | tuple[()]) -> list[str]:
    return list(dict.fromkeys(values))


def summary_lines(comparison: Comparison) -> list[str]:
    """The comparison as a readable summary: counts per status, then each mandate-level change."""
    old, new = comparison.old, comparison.new
    lines = [f"old: {_side_name(old)}", f"new: {_side_name(new)}", ""]
    for kind, counts in comparison.counts().items():
        total_old = sum(u.kind == kind for u in old.units)
        total_new = sum(u.kind == kind for u in new.units)
        figures = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
        lines.append(f"{kind} paragraphs: {total_old} -> {total_new} ({figures or 'none'})")
    changes = comparison.changes()
    lines += ["", f"mandate-level changes: {len(changes)}"]
    for entry, change in changes:
        lines.append(f"  {_where(entry)}: {change_words(change)}")
    return lines


def _side_name(side: Side) -> str:
    name = f"{side.symbol} ({side.label})" if side.symbol else side.label
    return f"{name}, {side.title} [{side.instrument_id}]"


def _where(entry: Entry) -> str:
    kind = "PP" if entry.kind == "preambular" else "OP"
    old = f"{kind}{entry.old.index}" if entry.old else "-"
    new = f"{kind}{entry.new.index}" if entry.new else "-"
    return f"{old} -> {new}"


CHANGE_WORDS = {
    "verb": "verb changed", "mandate_added": "mandate added", "mandate_removed": "mandate removed",
    "addressee_added": "addressee added", "addressee_removed": "addressee removed",
    "funding_added": "funding wording added", "funding_removed": "funding wording removed",
    "date_added": "date added", "date_removed": "date removed", "date_changed": "date changed",
    "report_added": "report requested", "report_removed": "report request removed",
    "report_changed": "report request changed",
}


def change_words(change: Change) -> str:
    """A change in words: 'verb changed: Requests → Encourages (weaker)'."""
    value = change.value
    if change.change.startswith("funding"):
        value = lexicon.FUNDING_LABELS.get(value, value)
    if change.change.endswith("_changed"):
        value = f"{change.old} → {change.new}"
    words = f"{CHANGE_WORDS[change.change]}: {value}"
    return f"{words} ({change.direction})" if change.direction else words


# --- reading a side from the database (run by etl/load.py and dashboard/queries.py) -------------

SIDE_SQL = """
    select i.instrument_id, i.document_id, d.symbol, i.label, i.title, i.status, d.session
    from instruments i join documents d using (document_id)
    where i.instrument_id = ?
"""
UNITS_SQL = """
    select p.paragraph_id, p.kind, p.number, p.label, p.text, p.lead_phrase, p.verb, p.directive_level,
           (select list(s.text order by s.line_start, s.letter) from subparagraphs s
             where s.paragraph_id = p.paragraph_id) as sub_texts,
           (select list(s.letter order by s.line_start, s.letter) from subparagraphs s
             where s.paragraph_id = p.paragraph_id) as sub_letters,
           (select list(a.addressee order by a.addressee) from addressees a
             where a.paragraph_id = p.paragraph_id) as addressees,
           (select list(f.condition order by f.condition) from funding_conditions f
             where f.paragraph_id = p.paragraph_id) as funding,
           (select list(e.phrase order by e.event_id) from events e
             where e.paragraph_id = p.paragraph_id and not e.is_historical
               and e.event_type not in ('report_due', 'adoption')) as dates,
           (select list(e.phrase order by e.event_id) from events e
             where e.paragraph_id = p.paragraph_id and e.event_type = 'report_due') as reports
    from paragraphs p
    where p.instrument_id = ?
    order by p.ordinal
"""
RESOLVE_SQL = """
    select i.instrument_id from instruments i join documents d using (document_id)
    where i.instrument_id = ? or upper(d.symbol) = upper(?)
    order by i.instrument_id = ? desc, i.instrument_id
"""


# a report asked for: a report date in a paragraph that asks something (invite and up); in a paragraph
# that takes note, recalls or welcomes, the same words date a report already made
REPORT_MIN_LEVEL = 2


class UnknownInstrument(LookupError):
    """An instrument reference that names no instrument, or several."""


def resolve(reference: str, matches: list[str]) -> str:
    """The one instrument id a reference names, given RESOLVE_SQL's rows; raises UnknownInstrument."""
    if matches and matches[0] == reference:
        return reference
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UnknownInstrument(f"no instrument or document symbol {reference!r} in the database")
    raise UnknownInstrument(f"{reference!r} names {len(matches)} instruments; give one of their ids: "
                            + ", ".join(matches))


def side_from_rows(side_row: tuple, unit_rows: list[tuple]) -> Side:
    """A Side from SIDE_SQL's row and UNITS_SQL's rows."""
    units: list[Unit] = []
    positions = dict.fromkeys(KINDS, 0)
    for (paragraph_id, kind, number, label, text, lead, verb, level, sub_texts, sub_letters,
         addressees, funding, dates, reports) in unit_rows:
        position = positions[kind]
        positions[kind] += 1
        subs = [f"({letter}) {sub}" for letter, sub in zip(sub_letters or (), sub_texts or ())]
        if (level or 0) < REPORT_MIN_LEVEL:  # "Takes note of the report ... of 1 July 2016": a date, no request
            dates, reports = [*(dates or ()), *(reports or ())], ()
        units.append(Unit(paragraph_id, kind, number if number is not None else position + 1, position, label,
                          " ".join([text, *subs]), lead, verb, level, tuple(addressees or ()),
                          tuple(funding or ()), tuple(dates or ()), tuple(reports or ())))
    instrument_id, document_id, symbol, label, title, status, session = side_row
    return Side(instrument_id, document_id, symbol, label, title, status, session, tuple(units))
