"""Stories end to end through the ingest runner: the seeds, one report in two languages, reversibility, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import communique
from communique.cli import app
from communique.config import Config
from communique.ingest import read_bytes
from communique.models import Article
from communique.pipeline import Pipeline
from communique.store.database import Store
from communique.stories import rebuild, remerge, unmerge, update_stories
from communique.stories.features import features
from communique.stories.storage import save_embeddings
from communique.stories.update import article_features

pytestmark = pytest.mark.slow  # the full pipeline (spaCy, actors, events) and the sentence encoder

ENGLISH = (
    "TEHRAN, May 21, 2004 (IRNA) - Iranian Foreign Minister Kamal Kharrazi met the Secretary General of the "
    "Organization of the Islamic Conference, Abdelouahed Belkeziz, in Tehran on Friday. The two men discussed "
    "the situation in Iraq and the Palestinian territories, the ministry said.\n"
)
# The same report, written in French for this test.
FRENCH = (
    "TÉHÉRAN, 21 mai 2004 (AFP) - Le ministre iranien des Affaires étrangères, Kamal Kharrazi, a rencontré "
    "vendredi à Téhéran le secrétaire général de l'Organisation de la Conférence islamique, Abdelouahed "
    "Belkeziz. Les deux hommes ont évoqué la situation en Irak et dans les territoires palestiniens, a indiqué "
    "le ministère.\n"
)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Path:
    path = tmp_path_factory.mktemp("seeds") / "db.duckdb"
    communique.ingest([seeds], db=path)
    return path


@pytest.fixture(scope="module")
def twin_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("twin")
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "fr.txt").write_text(FRENCH, encoding="utf-8")
    path = folder / "db.duckdb"
    communique.ingest([folder], db=path)
    return path


def test_seeds_are_four_stories(seeds_db: Path) -> None:
    with Store(seeds_db, read_only=True) as store:
        stories = store.stories()
        assert len(stories) == 4
        assert store.count("story_articles") == 4
        assert store.count("article_embeddings") == 4


def test_one_report_in_two_languages_is_one_story_with_one_merged_event(twin_db: Path) -> None:
    with Store(twin_db, read_only=True) as store:
        [story_id] = store.stories().id.tolist()
        detail = store.story(story_id)
        assert detail is not None
        assert sorted(detail.languages) == ["en", "fr"] and len(detail.articles) == 2
        assert all(e.story == story_id for e in store.events())
        merged = store.merged_events_frame(type="CONSULT")
        assert len(merged) == 1
        row = merged.iloc[0]
        assert (row.n_mentions, row.n_sources, row.n_articles) == (2, 2, 2)
        assert sorted(row.languages) == ["en", "fr"]
        evidence = json.loads(store.merged_events_frame(with_evidence=True).evidence.iloc[0])
        assert {e["spans"]["trigger"]["text"] for e in evidence} >= {"met", "rencontré"}


def test_merging_is_reversible_and_recomputable(twin_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "db.duckdb"
    copy.write_bytes(twin_db.read_bytes())
    with Store(copy) as store:
        raw_before = store.events_frame()
        merged_before = store.merged_events_frame()
        story_id = merged_before.story_id.iloc[0]
        assert unmerge(store) == len(merged_before)
        assert store.count("merged_events") == store.count("merged_event_members") == 0
        assert store.events_frame().equals(raw_before)  # the raw events never change
        with store.transaction():
            remerge(store, [story_id])
        assert store.merged_events_frame().equals(merged_before)


def test_updates_are_incremental_and_rebuild_gives_the_same_stories(twin_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "db.duckdb"
    copy.write_bytes(twin_db.read_bytes())
    with Store(copy) as store:
        before = store.stories().id.tolist()
        assert update_stories(store).articles == 0  # nothing new to place
        report = rebuild(store)
        assert (report.articles, report.new_stories, report.joined) == (2, 1, 1)
        assert store.stories().id.tolist() == before


def test_the_features_the_runner_keeps_are_those_the_store_gives_back(tmp_path: Path) -> None:
    config = Config()
    read = [a for t in (ENGLISH, FRENCH) for a in read_bytes(t.encode(), f"{len(t)}.txt", config.ingest)]
    processed = Pipeline(config).process([a for a in read if isinstance(a, Article)])
    articles = [a for a in processed if isinstance(a, Article)]
    assert len(articles) == 2
    kept = {a.id: features(a, a._story_vector) for a in articles if a._story_vector is not None}
    with Store(tmp_path / "db.duckdb") as store:
        with store.transaction():
            store.save_articles(articles)
            save_embeddings(store, {a.id: a._story_vector for a in articles if a._story_vector is not None})
        read_back = {f.id: f for f in article_features(store, sorted(kept))}
    assert kept.keys() == read_back.keys()
    for article_id, mine in kept.items():
        stored = read_back[article_id]
        assert (mine.date, mine.source, mine.actors, mine.types, mine.title) == (
            stored.date,
            stored.source,
            stored.actors,
            stored.types,
            stored.title,
        )
        assert mine.actors  # Kharrazi, Belkeziz, the OIC, ...
        assert (mine.vector == stored.vector).all()


def test_cli_stories_and_story(twin_db: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["stories", "--db", str(twin_db), "--format", "json", "--lang", "fr"])
    assert listed.exit_code == 0, listed.output
    [row] = json.loads(listed.output)
    shown = runner.invoke(app, ["story", row["id"], "--db", str(twin_db)])
    assert shown.exit_code == 0, shown.output
    assert "CONSULT" in shown.output and "2 articles in en, fr" in shown.output
    missing = runner.invoke(app, ["story", "st-nothing", "--db", str(twin_db)])
    assert missing.exit_code == 1
