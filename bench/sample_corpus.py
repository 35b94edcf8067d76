"""Synthetic corpus of N distinct resolutions derived from the 265 sample PDFs (not a test).

    .venv/bin/python -m bench.sample_corpus 5000 /tmp/corpus5000     # writes /tmp/corpus5000/*.txt

How a document is derived: each sample PDF is read once into the text a user gets by copying it out
of a PDF viewer (poppler's `pdftotext`, cached in a temporary folder; the ETL reads such copies with
etl/readers/copied.py, see the README's "Reading official PDFs"). Document k (0 ≤ k < N) is sample
k mod 265 (sorted by name) in copy c = k // 265, shifted by s = c + 1 sessions and years:

- every General Assembly symbol and resolution number moves s sessions on (A/RES/80/225 →
  A/RES/81/225, "80/225." → "81/225.", A/C.3/80/L.19 → A/C.3/81/L.19, A/79/474 → A/80/474, "its
  resolution 78/112" → "… 79/112"); the seventy-ninth session's numbers also gain 500
  (A/RES/79/126 → A/RES/80/626), so that no shifted symbol of one session meets another's;
  applied to the whole text, so a copy's citations of other samples find them in the same copy;
- session ordinals in words move with them ("Eightieth session" → "Eighty-first session"), when
  the result is at most the hundredth;
- every year from 1950 to 2039 moves s years on ("18 December 2025" → "18 December 2026"), except
  the "2030 Agenda";
- the order of the preambular paragraphs varies: in copy c, the c-th and (c+1)-th preambular
  paragraphs that start a line with a participle ("Recalling", "Convinced") after a line ending in
  a comma swap places, when no page break falls between them (most copies), so the derived documents differ in more than numbers;
- the file is named after its new symbol (A_RES_81_225.txt).

Every document therefore has a different sha256 (checked), its own symbol, session and dates, and
the size and structure of a real resolution. Nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples" / "pdf"
CACHE = Path(tempfile.gettempdir()) / "resolution-explorer-sample-copies"

_SYMBOL_RE = re.compile(r"(?<![\d.])(\d{2})/(\d{1,3})(?![\d/])")   # 80/225, A/RES/80/225, A/79/474
_DRAFT_RE = re.compile(r"(?<=/)(\d{2})(?=/L\.)")                      # A/C.3/80/L.19
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b(?! Agenda)")
_PREAMBLE_RE = re.compile(r"^[A-Z][a-z]+(?:ing|ed)\b")  # Recalling, Convinced
_FILE_RE = re.compile(r"_(\d{2})_(L\.)?(\d+)")


def _ordinals() -> tuple[dict[str, int], dict[int, str], re.Pattern]:
    from etl import lexicon

    words = lexicon.ordinal_words()
    by_value = {v: w for w, v in words.items()}
    pattern = re.compile(rf"\b({lexicon.ORDINAL_PATTERN})(\s+(?:special\s+)?session)\b", re.IGNORECASE)
    return words, by_value, pattern


def text_copy(pdf: Path, cache: Path = CACHE) -> str:
    """The sample's copied text (pdftotext), read once and kept in `cache`."""
    cache.mkdir(parents=True, exist_ok=True)
    copy = cache / f"{pdf.stem}.txt"
    if not copy.exists():
        subprocess.run(["pdftotext", str(pdf), str(copy)], check=True)
    return copy.read_text(encoding="utf-8")


def _shift_symbol(m: re.Match, s: int) -> str:
    session, number = int(m.group(1)), int(m.group(2))
    if not 50 <= session <= 81:
        return m.group(0)
    return f"{session + s}/{number + 500 if session == 79 else number}"


def _swap_preambles(text: str, c: int) -> str:
    """Swap the c-th and (c+1)-th preambular paragraphs (line runs opening with a preambular lead)."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines)
              if i > 0 and _PREAMBLE_RE.match(line) and lines[i - 1].rstrip().endswith(",")]
    if len(starts) < 3:
        return text
    j = c % (len(starts) - 2)
    a, b, end = starts[j], starts[j + 1], starts[j + 2]
    if not all(line.strip() for line in lines[a:end]):  # a page break in between: leave it
        return text
    return "\n".join(lines[:a] + lines[b:end] + lines[a:b] + lines[end:])


def variant(text: str, c: int) -> str:
    """Copy c of a sample's text: s = c + 1 sessions and years on, two preambles swapped."""
    s = c + 1
    words, by_value, ordinal_re = _ordinals()

    def ordinal(m: re.Match) -> str:
        value = words[m.group(1).lower()]
        if not 50 <= value <= 81 or value + s > 100:
            return m.group(0)
        new = by_value[value + s]
        return (new[0].upper() + new[1:] if m.group(1)[0].isupper() else new) + m.group(2)

    text = _SYMBOL_RE.sub(lambda m: _shift_symbol(m, s), text)
    text = _DRAFT_RE.sub(lambda m: str(int(m.group(1)) + s), text)
    text = ordinal_re.sub(ordinal, text)
    text = _YEAR_RE.sub(lambda m: str(int(m.group(1)) + s), text)
    return _swap_preambles(text, c)


def derived_name(stem: str, c: int) -> str:
    """A_RES_80_225 → A_RES_81_225 (copy 0); the seventy-ninth session's numbers gain 500."""
    s = c + 1

    def shift(m: re.Match) -> str:
        session = int(m.group(1))
        number = int(m.group(3)) + (500 if session == 79 and not m.group(2) else 0)
        return f"_{session + s}_{m.group(2) or ''}{number}"

    return _FILE_RE.sub(shift, stem, count=1)


def make_corpus(n: int, out_dir: Path, samples: Path = SAMPLES) -> list[Path]:
    """Write n distinct derived documents into out_dir and return their paths."""
    pdfs = sorted(samples.glob("*.pdf"))
    copies = {pdf.stem: text_copy(pdf) for pdf in pdfs}
    out_dir.mkdir(parents=True, exist_ok=True)
    paths, digests = [], set()
    for k in range(n):
        pdf, c = pdfs[k % len(pdfs)], k // len(pdfs)
        data = variant(copies[pdf.stem], c).encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        if digest in digests:
            raise RuntimeError(f"copy {c} of {pdf.name} is not distinct")
        digests.add(digest)
        path = out_dir / f"{derived_name(pdf.stem, c)}.txt"
        if path.exists() and path in paths:
            raise RuntimeError(f"{path.name} written twice")
        path.write_bytes(data)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    args = parser.parse_args()
    paths = make_corpus(args.n, args.out_dir, args.samples)
    size = sum(p.stat().st_size for p in paths) / 1e6
    print(f"wrote {len(paths)} documents ({size:.1f} MB) to {args.out_dir}")


if __name__ == "__main__":
    main()
