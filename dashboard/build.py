"""How the database gets built: the ETL command the app shows, runs, and the tests reuse."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = REPO_ROOT / "seeds"


def etl_available() -> bool:
    """True when the ETL package (etl/pipeline.py) is present in this checkout."""
    return (REPO_ROOT / "etl" / "pipeline.py").exists()


def build_command(db: Path, seeds: Path = SEED_DIR) -> list[str]:
    """The ETL command line that builds `db` from the report files in `seeds`."""
    return [sys.executable, "-m", "etl", str(seeds), "--db", str(db)]


def shown_command(db: Path) -> str:
    """The build command as a user would type it from the repository root."""
    try:
        db_arg = str(db.relative_to(REPO_ROOT))
    except ValueError:
        db_arg = str(db)
    return shlex.join(["python", "-m", "etl", "seeds", "--db", db_arg])


def run_build(db: Path, seeds: Path = SEED_DIR,
              timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the ETL in a child process (the app itself never writes to the database)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.run(build_command(db, seeds), cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=timeout, check=False)


def build_in_process(db: Path, seeds: Path = SEED_DIR) -> Path:
    """Build `db` with the ETL's Python API (for tests and benchmarks)."""
    from etl.pipeline import build  # imported late: the ETL may not exist yet

    db.parent.mkdir(parents=True, exist_ok=True)
    build([seeds], db)
    return db
