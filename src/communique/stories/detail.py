"""One story as users see it: its articles, languages, timeline and merged events."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from pydantic import Field

from communique.models import Record, Story
from communique.stories import storage

if TYPE_CHECKING:
    from communique.store.database import Store


class StoryArticle(Record):
    """An article of a story, with why it joined."""

    id: str
    language: str
    published: str | None = None
    outlet: str | None = None
    title: str
    score: float | None = None  # None: it started the story
    reason: str


class StoryDetail(Story):
    """``Story`` (id, article ids, languages, first and last date) plus what ``communique story`` shows."""

    title: str = ""
    actors: dict[str, int] = Field(default_factory=dict)
    event_types: list[str] = Field(default_factory=list)
    members: list[StoryArticle] = Field(default_factory=list)
    timeline: dict[str, int] = Field(default_factory=dict)  # publication date (or "undated") -> articles
    merged_events: list[dict[str, Any]] = Field(default_factory=list)


def story_detail(store: Store, story_id: str) -> StoryDetail | None:
    row = store._one(
        "SELECT id, first_date, last_date, languages, actors, event_types, title FROM stories WHERE id = ?",
        [story_id],
    )
    if row is None:
        return None
    articles = storage.story_articles(store, story_id)
    members = [
        StoryArticle(
            id=r["id"],
            language=r["language"],
            published=r["published"],
            outlet=r["outlet"],
            title=r["title"],
            score=r["score"],
            reason=r["reason"],
        )
        for r in articles
    ]
    timeline: dict[str, int] = {}
    for member in members:
        key = member.published or "undated"
        timeline[key] = timeline.get(key, 0) + 1
    merged = storage.merged_events_frame(store, story=story_id)
    first, last = row[1], row[2]
    return StoryDetail(
        id=row[0],
        articles=[m.id for m in members],
        languages=list(row[3]),
        first=first if isinstance(first, dt.date) else None,
        last=last if isinstance(last, dt.date) else None,
        title=row[6] or "",
        actors=dict(sorted(json.loads(row[4]).items(), key=lambda kv: (-kv[1], kv[0]))),
        event_types=list(row[5]),
        members=members,
        timeline=dict(sorted(timeline.items())),
        merged_events=json.loads(merged.to_json(orient="records", date_format="iso")),
    )
