"""What machine a benchmark ran on, for the README's tables."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def describe(*extra: str) -> str:
    """CPU model, cores, Python and the OS, plus any library versions given."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return ", ".join([cpu, f"{os.cpu_count()} cores", f"Python {platform.python_version()}", *extra, platform.system()])
