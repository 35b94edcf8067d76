"""A browser session's own documents: checked, stored in the session's private folder and read by
the ETL in a worker process into the session's own database (never into the shared one).

Each session gets a folder of its own under the upload root (a random name, mode 0700) holding the
files it sent and `yours.duckdb`, built from them by `etl.pipeline.build`. The folder goes when the
session ends (its state is garbage-collected) or, failing that, after an idle time. Reading runs in
a small pool of worker processes shared by the server, so a long PDF never holds up another
session's page, and no more than `workers` files are read at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import weakref
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from dashboard.scope import OWN_PREFIX
from etl.errors import EtlError

SUFFIXES = (".pdf", ".md", ".markdown", ".txt")
DATABASE_NAME = "yours.duckdb"
PDF_MAGIC = b"%PDF-"


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        return float(raw) if raw else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    """What one session may upload, and how the server reads uploads (settings: README)."""

    file_mb: float = 25
    session_mb: float = 100
    files: int = 40
    idle_minutes: float = 120
    workers: int = 1
    worker_memory_mb: float = 3072
    read_timeout_s: float = 600

    @classmethod
    def from_env(cls) -> Limits:
        """The limits as set by RESOLUTIONS_UPLOAD_* environment variables (defaults otherwise)."""
        d = cls()
        return cls(_env_number("RESOLUTIONS_UPLOAD_FILE_MB", d.file_mb),
                   _env_number("RESOLUTIONS_UPLOAD_SESSION_MB", d.session_mb),
                   int(_env_number("RESOLUTIONS_UPLOAD_FILES", d.files)),
                   _env_number("RESOLUTIONS_UPLOAD_IDLE_MINUTES", d.idle_minutes),
                   max(1, int(_env_number("RESOLUTIONS_UPLOAD_WORKERS", d.workers))),
                   _env_number("RESOLUTIONS_UPLOAD_WORKER_MEMORY_MB", d.worker_memory_mb),
                   _env_number("RESOLUTIONS_UPLOAD_READ_TIMEOUT_S", d.read_timeout_s))

    @property
    def file_bytes(self) -> int:
        """The largest file accepted, in bytes."""
        return int(self.file_mb * 1024 * 1024)

    @property
    def session_bytes(self) -> int:
        """The most one session may store, in bytes."""
        return int(self.session_mb * 1024 * 1024)


def upload_root() -> Path:
    """Where the sessions' folders live: $RESOLUTIONS_UPLOAD_DIR, else a folder in the system temp."""
    raw = os.environ.get("RESOLUTIONS_UPLOAD_DIR")
    return Path(raw).expanduser() if raw else Path(tempfile.gettempdir()) / "resolution-explorer-uploads"


# ---------------------------------------------------------------------------------------------
# Checking a file before it is stored

def display_name(name: str) -> str:
    """A file name fit to show and store: the last path component, no control characters."""
    base = re.split(r"[\\/]", name)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().strip(".")
    return base[:120] or "document"


def stored_name(name: str) -> str:
    """The name a file is stored under in the session folder: letters, digits and . _ - only."""
    shown = display_name(name)
    stem, dot, suffix = shown.rpartition(".")
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", stem if dot else shown).strip("._-") or "document"
    return f"{stem[:80]}.{suffix.lower()}" if dot and f".{suffix.lower()}" in SUFFIXES else f"{stem[:80]}"


def check_file(name: str, data: bytes, limits: Limits) -> str | None:
    """Why a file cannot be taken (in words), or None; only the bytes decide what it is."""
    suffix = Path(stored_name(name)).suffix
    if suffix not in SUFFIXES:
        return f"not a PDF, markdown or text file (accepted: {', '.join(SUFFIXES)})"
    if len(data) > limits.file_bytes:
        return f"too large ({len(data) / 1024 / 1024:.1f} MB; the limit is {limits.file_mb:g} MB per file)"
    if not data.strip():
        return "the file is empty"
    if suffix == ".pdf" and not data.startswith(PDF_MAGIC):
        return "not a PDF: its name says PDF but its bytes do not"
    if suffix != ".pdf" and data.startswith(PDF_MAGIC):
        return "a PDF with a text file's name: rename it to .pdf"
    if suffix != ".pdf" and b"\x00" in data[:4096]:
        return "not a text file (binary bytes)"
    return None


def sha256(data: bytes) -> str:
    """The content hash that recognises the same document twice."""
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------------------------------
# A session's folder

@dataclass(frozen=True)
class FileResult:
    """What became of one uploaded file, in words."""

    name: str
    loaded: bool
    message: str


@dataclass
class SessionStore:
    """One session's private folder: its files and the database read from them."""

    folder: Path

    @classmethod
    def create(cls, root: Path) -> SessionStore:
        """A new, empty folder with an unguessable name, readable by this server's user only."""
        root.mkdir(parents=True, exist_ok=True)
        folder = root / secrets.token_hex(16)
        folder.mkdir(mode=0o700)
        (folder / "files").mkdir(mode=0o700)
        return cls(folder)

    @property
    def files_dir(self) -> Path:
        """The uploaded files, under their stored names."""
        return self.folder / "files"

    @property
    def database(self) -> Path:
        """The session's own database (absent until a file was read)."""
        return self.folder / DATABASE_NAME

    @property
    def progress_file(self) -> Path:
        """Where the worker writes how far it has read."""
        return self.folder / "progress.json"

    def files(self) -> list[Path]:
        """The stored files, by name."""
        if not self.files_dir.is_dir():
            return []
        return sorted(p for p in self.files_dir.iterdir() if p.is_file())

    def used_bytes(self) -> int:
        """The bytes the stored files take."""
        return sum(p.stat().st_size for p in self.files())

    def hashes(self) -> dict[str, Path]:
        """The stored files by content hash."""
        return {sha256(p.read_bytes()): p for p in self.files()}

    def database_version(self) -> tuple[str, int, int, int] | None:
        """Identity of the session's database file (path, inode, mtime, size), None when absent."""
        try:
            info = self.database.stat()
        except OSError:
            return None
        return (str(self.database), info.st_ino, info.st_mtime_ns, info.st_size)

    def touch(self) -> None:
        """Mark the folder as in use (the idle sweep leaves it alone)."""
        try:
            os.utime(self.folder)
        except OSError:
            pass

    def save(self, name: str, data: bytes) -> Path:
        """Store one checked file under a fresh stored name; returns its path."""
        self.files_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = self.files_dir / stored_name(name)
        n = 1
        while target.exists():
            n += 1
            target = self.files_dir / f"{Path(stored_name(name)).stem}-{n}{Path(target).suffix}"
        target.write_bytes(data)
        return target

    def remove(self, names: list[str]) -> None:
        """Delete stored files by name (the database must be rebuilt afterwards)."""
        for name in names:
            path = self.files_dir / Path(name).name
            if path.is_file():
                path.unlink()

    def clear(self) -> None:
        """Remove every file and the database."""
        shutil.rmtree(self.files_dir, ignore_errors=True)
        self.database.unlink(missing_ok=True)
        self.files_dir.mkdir(mode=0o700, exist_ok=True)


def sweep(root: Path, idle_seconds: float, now: float | None = None) -> list[Path]:
    """Remove session folders idle for longer than `idle_seconds`; returns those removed."""
    now = time.time() if now is None else now
    removed = []
    try:
        folders = [p for p in root.iterdir() if p.is_dir() and re.fullmatch(r"[0-9a-f]{32}", p.name)]
    except OSError:
        return []
    for folder in folders:
        try:
            idle = now - folder.stat().st_mtime
        except OSError:
            continue
        if idle > idle_seconds:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


# ---------------------------------------------------------------------------------------------
# Reading, in a worker process

@dataclass
class Build:
    """What the worker read: one summary line per loaded file, the problems, or why it failed."""

    loaded: dict[str, str] = field(default_factory=dict)  # stored file name -> summary in words
    problems: dict[str, str] = field(default_factory=dict)  # stored file name -> problem in words
    error: str | None = None


def _limit_memory(megabytes: float) -> None:
    # a worker that reads a hostile PDF fails with MemoryError instead of exhausting the machine
    limit = int(megabytes * 1024 * 1024)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def yield_to_pages() -> None:
    """Run this process (and the ETL workers it starts) only on CPU time nothing else wants, so
    that pages stay quick for everyone while a long PDF is read: Linux's SCHED_IDLE policy, else
    the lowest priority."""
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):  # not Linux
        os.nice(19)


def _summary_words(symbol: str | None, doc_type: str | None, preambular: int, operative: int,
                   warnings: int, fallback: str) -> str:
    what = f" — {doc_type}" if doc_type else ""
    plural = "" if warnings == 1 else "s"
    return (f"{symbol or fallback}{what}, {preambular} preambular and {operative} operative "
            f"paragraphs, {warnings} warning{plural}")


def build_session(files_dir: str, database: str, progress_file: str) -> Build:
    """Read every file in `files_dir` into `database` (atomically); runs in a worker process."""
    import duckdb

    from etl import pipeline

    def progress(done: int, total: int) -> None:
        Path(progress_file).write_text(json.dumps({"done": done, "total": total}))

    files = sorted(Path(files_dir).iterdir())
    result = Build()
    try:
        built = pipeline.build([Path(files_dir)] if files else [], Path(database),
                               progress=progress, workers=1)
    except EtlError as error:
        result.error = str(error)
        for path in files:
            result.problems[path.name] = _problem_for(path.name, str(error))
        return result
    except MemoryError:
        result.error = "ran out of memory while reading (the worker's limit)"
        return result
    for problem in built.problems:
        name = next((p.name for p in files if p.name in problem), None)
        if name:
            result.problems[name] = _problem_for(name, problem)
    con = duckdb.connect(database, read_only=True)
    try:
        types = dict(con.execute("select source_name, doc_type from documents").fetchall())
    finally:
        con.close()
    for summary in built.summaries:
        result.loaded[summary.source_name] = _summary_words(
            summary.symbol, types.get(summary.source_name), summary.preambular, summary.operative,
            len(summary.warnings), summary.source_name)
    return result


def _problem_for(name: str, problem: str) -> str:
    # the ETL's messages start with the file's path: the user knows which file they sent
    for part in problem.split("; "):
        if name in part:
            return part.split(": ", 1)[-1] if ": " in part else part
    return problem


class Readers:
    """The server's reading processes: at most `workers` at once, each with a memory limit."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._slots = threading.BoundedSemaphore(limits.workers)

    def read(self, store: SessionStore, on_progress: Callable[[tuple[int, int] | None], None],
             *, poll_s: float = 0.2) -> Build:
        """Read a session's files into its database in a child process (waiting for a free slot)."""
        on_progress(None)
        with self._slots:
            store.progress_file.unlink(missing_ok=True)
            # a child process of its own (not multiprocessing, which would re-run the app script
            # Streamlit installed as __main__): the server's threads are never blocked by the GIL
            child = subprocess.Popen(
                [sys.executable, "-m", "dashboard.uploads", str(store.files_dir), str(store.database),
                 str(store.progress_file), str(self.limits.worker_memory_mb)],
                cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
            started = time.monotonic()
            while child.poll() is None:
                if time.monotonic() - started > self.limits.read_timeout_s:
                    child.kill()
                    child.wait()
                    return Build(error=f"reading took longer than {self.limits.read_timeout_s:g} s "
                                       "and was stopped")
                on_progress(progress_of(store))
                time.sleep(poll_s)
            out, _ = child.communicate()
        if child.returncode != 0:
            return Build(error="the reading process stopped (out of memory or damaged input): "
                               "the file could not be read")
        return Build(**json.loads(out))


REPO_ROOT = Path(__file__).resolve().parent.parent
_READERS: Readers | None = None
_READERS_LOCK = threading.Lock()


def readers() -> Readers:
    """The server's one set of reading processes."""
    global _READERS
    with _READERS_LOCK:
        if _READERS is None:
            _READERS = Readers(Limits.from_env())
        return _READERS


def progress_of(store: SessionStore) -> tuple[int, int] | None:
    """(files read, files in all) as the worker last wrote it, or None."""
    try:
        found = json.loads(store.progress_file.read_text())
        return int(found["done"]), int(found["total"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


# ---------------------------------------------------------------------------------------------
# The session's handle

class SessionHandle:
    """Kept in a session's state: its store, removed with the session's state."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store
        self.results: list[FileResult] = []
        self.last_touch = 0.0
        # Streamlit drops a session's state when the session ends: the folder goes with it
        self._finalizer = weakref.finalize(self, shutil.rmtree, str(store.folder), True)

    def touch(self, every_s: float = 60) -> None:
        """Mark the folder as in use, at most once a minute."""
        now = time.monotonic()
        if now - self.last_touch > every_s:
            self.store.touch()
            self.last_touch = now


def accept(store: SessionStore, files: list[tuple[str, bytes]], limits: Limits,
           shared_symbol: Callable[[str], str | None]) -> tuple[list[FileResult], list[tuple[str, str]]]:
    """Check and store uploaded files: the refused ones' results, and (shown, stored) names to read.

    `shared_symbol(sha256)` names the shared document with that content, if there is one.
    """
    refused: list[FileResult] = []
    stored: list[tuple[str, str]] = []
    hashes = {digest: path.name for digest, path in store.hashes().items()}
    used, count = store.used_bytes(), len(store.files())
    for name, data in files:
        shown = display_name(name)
        problem = check_file(name, data, limits)
        digest = sha256(data)
        if problem is None:
            if digest in hashes:
                problem = f"the same document as {hashes[digest]}, already added: loaded once"
            elif (symbol := shared_symbol(digest)) is not None:
                problem = f"already in the shared data as {symbol}: loaded once"
            elif count >= limits.files:
                problem = f"a session holds {limits.files} files at most: remove some first"
            elif used + len(data) > limits.session_bytes:
                problem = f"a session holds {limits.session_mb:g} MB at most: remove some files first"
        if problem:
            refused.append(FileResult(shown, False, problem))
            continue
        path = store.save(name, data)
        hashes[digest] = path.name
        used, count = used + len(data), count + 1
        stored.append((shown, path.name))
    return refused, stored


def outcome(store: SessionStore, stored: list[tuple[str, str]], build: Build) -> list[FileResult]:
    """Each newly stored file's result; files that could not be read are removed again."""
    results = []
    for shown, name in stored:
        if name in build.loaded:
            results.append(FileResult(shown, True, build.loaded[name]))
            continue
        results.append(FileResult(shown, False, build.problems.get(name) or build.error
                                  or "no resolution or decision found"))
        store.remove([name])
    return results


# ---------------------------------------------------------------------------------------------
# The current browser session (the only part that needs Streamlit)

STATE_HANDLE = "_uploads"


def session_handle(create: bool = False) -> SessionHandle | None:
    """This browser session's handle; with `create`, made on first use (sweeping idle folders)."""
    import streamlit as st

    found = st.session_state.get(STATE_HANDLE)
    if found is None and create:
        limits = Limits.from_env()
        root = upload_root()
        sweep(root, limits.idle_minutes * 60)
        found = SessionHandle(SessionStore.create(root))
        st.session_state[STATE_HANDLE] = found
    return found


def is_yours(document_id: object) -> bool:
    """Whether a document (or instrument, paragraph) id is one of the session's own."""
    return str(document_id).startswith(OWN_PREFIX)


def session_database() -> tuple[str, int, int, int] | None:
    """Identity of this session's own database, or None when it has no documents of its own."""
    handle = session_handle()
    if handle is None:
        return None
    handle.touch()
    return handle.store.database_version()


def main(argv: list[str]) -> int:
    """The reading process: FILES_DIR DATABASE PROGRESS_FILE MEMORY_MB; prints the Build as JSON."""
    files_dir, database, progress_file, memory_mb = argv
    _limit_memory(float(memory_mb))
    yield_to_pages()
    print(json.dumps(asdict(build_session(files_dir, database, progress_file))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
