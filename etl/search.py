"""The search index: the words of each paragraph (with its sub-items), as the dashboard's ranked
search looks them up. DuckDB's own `fts` extension has to be downloaded, and this app runs offline,
so the index is a plain table built with the rest and scored with BM25 in SQL.

One rule makes the words, for the index and for the search box alike: lower case, accents and
hyphens dropped ('Extra-budgetary' = 'extrabudgetary'); a hyphenated word is also indexed by its
parts, so "Secretary-General" is found by "secretary-general", "secretarygeneral" and "general".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u00ad"
_WORD_RE = re.compile(rf"[0-9a-z]+(?:[{HYPHENS}][0-9a-z]+)*")
_HYPHEN_RE = re.compile(f"[{HYPHENS}]")


def fold(text: str) -> str:
    """Lower case without accents ('Côte' -> 'cote'); hyphens kept."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words of a text as the search compares them, in order (hyphens dropped)."""
    return [_HYPHEN_RE.sub("", w) for w in _WORD_RE.findall(fold(text))]


def index_terms(text: str) -> Counter[str]:
    """How often each indexed term occurs in a text: its words, and the parts of hyphenated ones."""
    counts: Counter[str] = Counter()
    for word in _WORD_RE.findall(fold(text)):
        counts[_HYPHEN_RE.sub("", word)] += 1
        parts = _HYPHEN_RE.split(word)
        if len(parts) > 1:
            counts.update(parts)
    return counts


def paragraph_terms(texts: Iterable[str]) -> Counter[str]:
    """The indexed terms of a paragraph: its own text and its sub-items' texts."""
    total: Counter[str] = Counter()
    for text in texts:
        total.update(index_terms(text))
    return total


def query_parts(query: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """A search box's text as (the words that must all appear, the phrases that must appear)."""
    phrases: list[tuple[str, ...]] = []
    required: list[str] = []
    for quoted, bare in re.findall(r'"([^"]*)"?|(\S+)', query):
        found = words(quoted or bare)
        if quoted and len(found) > 1:
            phrases.append(tuple(found))
        required += found
    return tuple(dict.fromkeys(required)), tuple(dict.fromkeys(phrases))


def phrase_pattern(phrase: tuple[str, ...]) -> str:
    """A regular expression for a phrase over folded, hyphen-free text (its words are [0-9a-z]+)."""
    return r"\b" + r"[^0-9a-z]+".join(re.escape(w) for w in phrase) + r"\b"
