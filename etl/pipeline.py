"""Files -> database: read and decode, parse, extract, load. The ETL's one entry point."""

from __future__ import annotations

import hashlib
import itertools
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from dataclasses import dataclass, field
from pathlib import Path

from etl.counterparts import Profile, find_counterparts, profiles_of
from etl.errors import EtlError
from etl.extract import TABLE_COLUMNS, Source, document_rows
from etl.load import check_target, write_database
from etl.metadata import document_metadata
from etl.parse import parse_layout
from etl.readers import SUFFIXES, ReadResult, decode, read_file  # noqa: F401  (decode: part of this module's API)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "resolutions.duckdb"
DEFAULT_SEEDS = ROOT / "seeds"
IN_FLIGHT_PER_WORKER = 4  # jobs queued per worker: enough to keep it busy, few enough to bound memory
PARALLEL_MIN_FILES = 16  # below this, starting worker processes costs more than it saves
BATCH_DOCUMENTS = 50  # documents per insert: bounds memory on large corpora


def default_db_path() -> Path:
    """The database the ETL writes and the app reads: $RESOLUTIONS_DB or data/resolutions.duckdb.

    A relative $RESOLUTIONS_DB is taken from the repository root, as the app takes it.
    """
    path = Path(os.environ.get("RESOLUTIONS_DB") or DEFAULT_DB).expanduser()
    return path if path.is_absolute() else ROOT / path


@dataclass
class Summary:
    """What one document contributed, for the one-line report per file."""

    source_name: str
    instruments: int = 0
    preambular: int = 0
    operative: int = 0
    warnings: list[str] = field(default_factory=list)
    symbol: str | None = None

    def line(self) -> str:
        """One line for the terminal."""
        name = f"{self.source_name} ({self.symbol})" if self.symbol else self.source_name
        text = (f"{name}: {self.instruments} instruments, {self.preambular} preambular and "
                f"{self.operative} operative paragraphs, {len(self.warnings)} warnings")
        return text


@dataclass
class BuildResult:
    summaries: list[Summary]
    problems: list[str]  # files skipped, one line each


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the text files inside the folders named, in a stable order."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not p.name.startswith("."))
            if not found:
                raise EtlError(f"{path}: folder holds no {', '.join(SUFFIXES)} file")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise EtlError(f"{path}: no such file or folder")
    return files


def document_id_for(path: Path, taken: set[str]) -> str:
    """A stable id from the file name, unique within one build."""
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-") or "document"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def process_file(path: Path, source: Source, text: str, decode_warnings: list[str]) -> tuple[dict, Summary]:
    """Parse and extract one markdown text; raises EtlError when it holds no instrument."""
    from etl.readers.markdown import read_markdown

    return process_read(path, source, ReadResult(read_markdown(text), "markdown", source.encoding, decode_warnings))


def process_read(path: Path, source: Source, read: ReadResult) -> tuple[dict, Summary]:
    """Parse and extract one file as its reader read it; raises EtlError when it holds no instrument."""
    decode_warnings = read.warnings
    doc = parse_layout(source.source_name, read.layout)
    if not doc.instruments:
        raise EtlError(f"{path}: no resolution or decision found (expected headings such as "
                       f"'Draft resolution I' or 'Resolution 33/1')")
    for warning in decode_warnings:
        doc.warnings.insert(0, (None, warning))
    rows = document_rows(doc, source, document_metadata(read.layout, doc))
    paragraphs = rows["paragraphs"]
    summary = Summary(source.source_name, len(rows["instruments"]),
                      sum(p.kind == "preambular" for p in paragraphs), sum(p.kind == "operative" for p in paragraphs),
                      [f"line {w.line}: {w.message}" if w.line else w.message for w in rows["parse_warnings"]],
                      rows["documents"][0].symbol)
    return rows, summary


def _process_job(job: tuple[Path, str, str]) -> tuple[dict, Summary] | str:
    """Read, parse and extract one file (in a worker process when there are many); the bytes are
    read here, not held by the caller, so memory holds the files being read, not the corpus."""
    path, document_id, digest = job
    try:
        try:
            data = path.read_bytes()
        except OSError as error:
            return f"{path}: cannot be read ({error.strerror or error})"
        if hashlib.sha256(data).hexdigest() != digest:
            return f"{path}: changed while the build was reading it; run the build again"
        read = read_file(path, data)
        source = Source(document_id, path.name, digest, read.encoding, read.file_format, read.layout.pages,
                        str(path.resolve()))
        return process_read(path, source, read)
    except EtlError as error:
        return str(error)


def build(paths: Iterable[Path], db_path: Path | None = None, *,
          progress: Callable[[int, int], None] | None = None, workers: int | None = None) -> BuildResult:
    """Load every report under `paths` into a new database at `db_path` (atomically)."""
    db_path = check_target(db_path if db_path else default_db_path())  # before any parsing
    files = collect_files(paths)
    problems: list[str] = []
    jobs: list[tuple[Path, str, str]] = []
    seen_hashes: dict[str, Path] = {}
    taken_ids: set[str] = set()
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as error:
            problems.append(f"{path}: cannot be read ({error.strerror or error})")
            continue
        if not data.strip():
            problems.append(f"{path}: file is empty")
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen_hashes:
            problems.append(f"{path}: same document as {seen_hashes[digest]}; loaded once")
            continue
        seen_hashes[digest] = path
        jobs.append((path, document_id_for(path, taken_ids), digest))

    summaries: list[Summary] = []
    profiles: list[Profile] = []

    def batches() -> Iterator[dict[str, list]]:
        batch: dict[str, list] = {table: [] for table in TABLE_COLUMNS}
        in_batch = 0
        for result in _run_jobs(jobs, progress, workers):
            if isinstance(result, str):
                problems.append(result)
                continue
            rows, summary = result
            summaries.append(summary)
            profiles.extend(profiles_of(rows))
            for table, table_rows in rows.items():
                batch[table] += table_rows
            in_batch += 1
            if in_batch == BATCH_DOCUMENTS:
                yield batch
                batch, in_batch = {table: [] for table in TABLE_COLUMNS}, 0
        if not summaries:  # raised inside the build: the old database stays as it was
            raise EtlError("; ".join(problems) if problems else "nothing to load")
        yield batch
        yield {"counterparts": find_counterparts(profiles)}  # across all documents, once they are all in

    write_database(batches(), db_path)
    return BuildResult(summaries, problems)


def _run_jobs(jobs: list, progress: Callable[[int, int], None] | None,
              workers: int | None) -> Iterator[tuple[dict, Summary] | str]:
    """Process jobs in order, in worker processes when there are many; yields as they finish."""
    total = len(jobs)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if total >= PARALLEL_MIN_FILES and workers > 1:
        # forkserver, not fork: a caller with threads (a server, DuckDB's own) would hand its
        # workers locks held by threads that do not exist in them (workers died mid-build)
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("forkserver")) as pool:
            # a bounded window of jobs in flight, taken in order: results never pile up in this
            # process when the writer is slower than the workers (pool.map submits them all)
            window: deque[Future] = deque()
            queued = iter(jobs)
            for job in itertools.islice(queued, IN_FLIGHT_PER_WORKER * workers):
                window.append(pool.submit(_process_job, job))
            done = 0
            while window:
                result = window.popleft().result()
                if (job := next(queued, None)) is not None:
                    window.append(pool.submit(_process_job, job))
                done += 1
                yield result
                if progress:
                    progress(done, total)
    else:
        for done, job in enumerate(jobs, start=1):
            yield _process_job(job)
            if progress:
                progress(done, total)
