"""Synthetic corpus: N distinct reports derived from the seed, with varied symbols, numbers and dates.

    python -m bench.corpus 1000 /tmp/corpus        # writes /tmp/corpus/report_0000.md ...

Each copy shifts resolution symbols, years and congress ordinals and swaps the host city, so every
file is a different document (different sha256, different citations and dates) with the seed's shape.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))
CITIES = ("Abu Dhabi", "Vienna", "Kyoto", "Doha", "Salvador", "Bangkok", "Cairo", "Santiago", "Nairobi", "Lisbon")
_SYMBOL_RE = re.compile(r"\b(\d{2})/(\d{1,3})\b")
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")


def variant(text: str, k: int) -> str:
    """The k-th distinct variant of a report text (k = 0 is the text unchanged)."""
    if k == 0:
        return text
    year_shift = k % 9
    text = _SYMBOL_RE.sub(lambda m: f"{int(m.group(1)) + year_shift}/{int(m.group(2)) + k % 997 + 1}", text)
    text = _YEAR_RE.sub(lambda m: str(int(m.group(1)) + year_shift), text)
    text = text.replace("Abu Dhabi", CITIES[k % len(CITIES)])
    return text.replace("## Chapter I", f"## Chapter I (synthetic report {k})", 1)


def make_corpus(n: int, out_dir: Path, seed: Path = SEED) -> list[Path]:
    """Write n distinct reports into out_dir and return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    text = seed.read_text(encoding="utf-8")
    paths = []
    for k in range(n):
        path = out_dir / f"report_{k:04d}.md"
        path.write_text(variant(text, k), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args()
    print(f"wrote {len(make_corpus(args.n, args.out_dir))} reports to {args.out_dir}")


if __name__ == "__main__":
    main()
