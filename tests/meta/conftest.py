from __future__ import annotations

from pathlib import Path

import pytest

from communique.ingest.article import new_article
from communique.models import Article


def read_seed(seeds: Path, prefix: str) -> str:
    (path,) = seeds.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_articles(seeds: Path) -> dict[str, Article]:
    """The four seeds as the text reader will give them (seed 002's "date" header moved to a date hint)."""
    texts = {prefix: read_seed(seeds, prefix) for prefix in ("000", "001", "002", "003")}
    articles = {
        prefix: new_article(source=f"seed-{prefix}", format="text", text=texts[prefix]) for prefix in texts
    }
    header = " date 2025-07-24 "
    assert texts["002"].startswith(header)
    articles["002"] = new_article(
        source="seed-002", format="text", text=texts["002"][len(header) :], date_hints=["2025-07-24"]
    )
    # Seed 003 from its dateline on: the page clutter above it is the reader's to strip.
    moscow = texts["003"].index("MOSCOW, May 21")
    articles["003"] = new_article(source="seed-003", format="text", text=texts["003"][moscow:])
    return articles
