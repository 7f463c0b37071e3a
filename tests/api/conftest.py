from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from seeds_db import build_seeds_db

from communique.api import Settings, create_app

TOKEN = "test-token-1234"


@pytest.fixture(scope="session")
def seeds_db(seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seeds_db(seeds, tmp_path_factory)


@pytest.fixture(scope="session")
def client(seeds_db: Path) -> Iterator[TestClient]:
    """A read-only server over the seeds' database (no token: writes are off)."""
    with TestClient(create_app(Settings(db=seeds_db))) as test_client:
        yield test_client


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def writable(seeds_db: Path, tmp_path: Path) -> Iterator[TestClient]:
    """A server with writes on, over a copy of the seeds' database and a KB folder of its own."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(seeds_db, copy)
    settings = Settings(db=copy, token=TOKEN, kb_dir=tmp_path / "kb", max_upload_bytes=200_000)
    with TestClient(create_app(settings)) as test_client:
        yield test_client
