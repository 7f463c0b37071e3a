from __future__ import annotations

from pathlib import Path

import pytest

from communique.config import Config
from communique.ingest.readers import read_file
from communique.models import Article
from communique.pipeline import Pipeline


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Config())


@pytest.fixture(scope="session")
def seed_articles(seeds: Path, pipeline: Pipeline) -> dict[str, Article]:
    """The four seeds through the full pipeline, by file-name prefix ("000" … "003")."""
    out = {}
    for path in sorted(seeds.glob("*.txt")):
        (article,) = [item for item in read_file(path, Config().ingest) if isinstance(item, Article)]
        out[path.name[:3]] = pipeline(article)
    return out
