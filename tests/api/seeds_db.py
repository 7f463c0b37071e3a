"""The seeds' database, built once per test run and shared by pytest-xdist workers (under a file lock)."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

import communique


def build_seeds_db(seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by this run's workers
    path = root / "seeds.duckdb"
    with (root / "seeds.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            building = root / "seeds.building.duckdb"
            building.unlink(missing_ok=True)
            report = communique.ingest([seeds], db=building)
            assert report.run.ok == 4, report.problems
            building.rename(path)
    return path
