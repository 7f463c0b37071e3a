from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from communique.config import DedupConfig
from communique.ingest.article import new_article
from communique.ingest.dedup import DuplicateFinder
from communique.models import DateEvidence, DateProvenance, PartialDate
from communique.store.database import Store
from communique.store.schema import latest_version


def _article(text: str, source: str = "a.txt", language: str = "en") -> object:
    article = new_article(source=source, format="text", text=text)
    article.language = language
    return article


def test_new_database_is_migrated_to_the_latest_version(tmp_path: Path) -> None:
    with Store(tmp_path / "x.duckdb") as store:
        assert store.version() == latest_version()
    with Store(tmp_path / "x.duckdb", read_only=True) as store:  # reopening migrates nothing
        assert store.version() == latest_version()


def test_articles_round_trip_with_dates_and_filters(tmp_path: Path, seeds: Path) -> None:
    texts = sorted(seeds.glob("*.txt"))
    articles = [new_article(source=str(p), format="text", text=p.read_text()) for p in texts]
    articles[0].language = "en"
    articles[0].published = DateEvidence(
        date=PartialDate(year=2003, month=5, day=27), provenance=DateProvenance.INFERRED
    )
    articles[1].language = "fr"
    articles[3].published = DateEvidence(
        date=PartialDate(month=5, day=21), provenance=DateProvenance.DATELINE
    )
    with Store(tmp_path / "x.duckdb") as store:
        with store.transaction():
            assert store.save_articles(articles) == 4
        assert store.save_articles(articles) == 0  # upsert: nothing new
        assert store.count() == 4
        again = store.articles()
        assert [a.model_dump() for a in again] == [a.model_dump() for a in articles]
        assert [a.id for a in store.articles(language="fr")] == [articles[1].id]
        assert [a.id for a in store.articles(since=dt.date(2003, 1, 1), until=dt.date(2003, 12, 31))] == [
            articles[0].id
        ]
        frame = store.articles_frame(with_text=False)
        assert "text" not in frame.columns
        assert frame.loc[frame.id == articles[3].id, "published"].item() == "XXXX-05-21"


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_reads_back_with_pandas(tmp_path: Path, fmt: str, seeds: Path) -> None:
    with Store(tmp_path / "x.duckdb") as store:
        paths = sorted(seeds.glob("*.txt"))
        store.save_articles([new_article(source=str(p), format="text", text=p.read_text()) for p in paths])
        out = store.export_articles(tmp_path / "out", fmt)  # type: ignore[arg-type]
    frame = {"parquet": pd.read_parquet, "csv": pd.read_csv, "jsonl": lambda p: pd.read_json(p, lines=True)}[
        fmt
    ](out)
    assert len(frame) == 4
    assert {"id", "source", "language", "published", "text"} <= set(frame.columns)


def test_exact_and_near_duplicates_are_flagged_and_kept(seeds: Path) -> None:
    text = (seeds / "003_a9a3d9c4bdde8030.txt").read_text()
    finder = DuplicateFinder(DedupConfig())
    original = _article(text, "one.txt")
    same = _article(text.upper(), "two.txt")  # same normalised text from another outlet
    edited = _article(text.replace("Mr. Ivanov said.", "Mr. Ivanov told reporters."), "three.txt")
    other = _article((seeds / "000_e3df0066fa1946bb.txt").read_text(), "four.txt")
    assert finder.check(original) is not None
    finder.check(same)
    finder.check(edited)
    assert finder.check(other) is not None
    assert (same.duplicate_of, same.duplicate_kind) == (original.id, "exact")
    assert (edited.duplicate_of, edited.duplicate_kind) == (original.id, "near")
    assert other.duplicate_of is None
