"""The story step: cluster new articles into stories and re-merge the events of the stories they touched."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from communique.config import Config, StoriesConfig
from communique.models import InputOutcome, InputStatus
from communique.stories import storage
from communique.stories.cluster import StoryIndex
from communique.stories.embed import embed, story_text
from communique.stories.features import ArticleFeatures, features
from communique.stories.merge import merge_story_events

if TYPE_CHECKING:
    from communique.store.database import Store

log = logging.getLogger(__name__)

CHUNK = 2_000  # articles loaded and embedded at a time


@dataclass
class StoriesReport:
    """What one story update did."""

    articles: int = 0  # articles newly placed in a story
    new_stories: int = 0
    joined: int = 0  # articles that joined an existing story
    stories_touched: int = 0
    merged_events: int = 0  # merged events of the touched stories, after the update
    comparisons: int = 0  # article-story scores computed (blocking keeps this near-linear)
    embed_seconds: float = 0.0
    cluster_seconds: float = 0.0


def article_features(
    store: Store, ids: Sequence[str], in_memory: Mapping[str, ArticleFeatures] | None = None
) -> list[ArticleFeatures]:
    """Features of stored articles: those in ``in_memory`` as given, the others read from the store, embedding
    (and storing the embeddings of) those not embedded yet."""
    in_memory = in_memory or {}
    out = [in_memory[i] for i in ids if i in in_memory]
    unknown = [i for i in ids if i not in in_memory]
    for first in range(0, len(unknown), CHUNK):
        chunk = unknown[first : first + CHUNK]
        articles = storage.load_articles(store, chunk)
        vectors = storage.load_embeddings(store, chunk)
        missing = [a for a in articles if a.id not in vectors]
        if missing:
            fresh = embed([story_text(a) for a in missing])
            new = {a.id: v for a, v in zip(missing, fresh, strict=True)}
            with store.transaction():
                storage.save_embeddings(store, new)
            vectors.update(new)
        out += [features(a, vectors[a.id]) for a in articles]
    return out


def update_stories(
    store: Store,
    article_ids: Sequence[str] | None = None,
    config: StoriesConfig | None = None,
    in_memory: Mapping[str, ArticleFeatures] | None = None,
) -> StoriesReport:
    """Place the given stored articles (default: every article not in a story yet) into stories.

    ``in_memory``: the features of articles the caller holds as stored (the runner: those it saved in this run),
    so that they are not read back.

    Articles already in a story stay where they are; their stories' events are labelled and re-merged (so a
    re-ingest that rewrote their raw events is reflected). Story ids are stable: ``st-`` + the id of the
    article that started the story.
    """
    config = config or StoriesConfig()
    report = StoriesReport()
    if article_ids is None:
        article_ids = [
            r[0]
            for r in store.connection.execute(
                "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles) ORDER BY id"
            ).fetchall()
        ]
    ids = sorted(set(article_ids))
    already = storage.assigned(store, ids)
    new_ids = [i for i in ids if i not in already]
    start = time.perf_counter()
    new = article_features(store, new_ids, in_memory)
    report.embed_seconds = time.perf_counter() - start

    start = time.perf_counter()
    index = StoryIndex(config)
    known = storage.load_index(store, index, [f.date for f in new]) if new else 0
    assignments = list(index.add_all(new))
    report.cluster_seconds = time.perf_counter() - start
    report.articles = len(assignments)
    report.joined = sum(1 for a in assignments if a.score is not None)
    report.new_stories = report.articles - report.joined
    report.comparisons = index.comparisons
    touched = sorted({a.story for a in assignments} | set(already.values()))
    report.stories_touched = len(touched)
    with store.transaction():
        storage.save_assignments(store, index, assignments)
        storage.label_events(store, list(already))
        report.merged_events = remerge(store, touched)
    log.info(
        "stories: %d articles (%d joined, %d new stories; %d stories loaded), %d comparisons",
        report.articles,
        report.joined,
        report.new_stories,
        known,
        report.comparisons,
    )
    return report


def remerge(store: Store, story_ids: Sequence[str]) -> int:
    """Recompute the merged events of these stories from their raw events; returns how many there are."""
    if not story_ids:
        return 0
    storage.delete_merged(store, story_ids)
    raw = storage.story_raw_events(store, story_ids)
    merged = [m for story, events in raw.items() for m in merge_story_events(story, events)]
    storage.save_merged(store, merged)
    return len(merged)


def unmerge(store: Store, story_ids: Sequence[str] | None = None) -> int:
    """Drop merged events (of these stories, or all), leaving the raw events as they were; returns how many."""
    with store.transaction():
        return storage.delete_merged(store, story_ids)


def rebuild(store: Store, config: StoriesConfig | None = None) -> StoriesReport:
    """Forget every story and merged event and cluster all articles again (embeddings are kept)."""
    with store.transaction():
        for table in ("merged_event_members", "merged_events", "story_articles", "stories"):
            store._write(f"DELETE FROM {table}")
        store._write(
            "UPDATE events SET story_id = NULL, record = json_merge_patch(record, json_object('story', NULL))"
        )
    return update_stories(store, None, config)


def stories_after_ingest(
    store: Store,
    config: Config,
    outcomes: Sequence[InputOutcome],
    in_memory: Mapping[str, ArticleFeatures] | None = None,
) -> StoriesReport | None:
    """The runner's story step: place the run's stored articles, when the pipeline resolved actors.

    A pipeline without ``actors.resolve`` (the ``meta`` ingest) is left alone: clustering then has only the
    embedding to go on, and ``communique stories --update`` can place those articles later.
    """
    if not config.stories or "actors.resolve" not in config.pipeline:
        return None
    ids = [o.article_id for o in outcomes if o.status is InputStatus.OK and o.article_id]
    return update_stories(store, ids, config.story, in_memory)
