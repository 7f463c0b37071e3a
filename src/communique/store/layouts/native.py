"""The ``native`` layout: our own tables, one file each, restricted to the selected events' articles when the
export is filtered."""

from __future__ import annotations

from typing import Any

from communique.store.database import event_filters
from communique.store.rows import ACTOR_SCHEMA, ARTICLE_COLUMNS, EVENT_SCHEMA

Query = tuple[str, list[Any]]

NATIVE_TABLES: tuple[str, ...] = ("articles", "events", "mentions", "actors", "temporal_expressions")

_ARTICLES = ", ".join(c for c in ARTICLE_COLUMNS if c != "record")
_EVENTS = ", ".join(c for c in EVENT_SCHEMA.names if c != "record")
_ACTORS = ", ".join(c for c in ACTOR_SCHEMA.names if c != "record")


def native_queries(filters: dict[str, Any]) -> dict[str, Query]:
    """The SELECT (with parameters) that gives each native table (every raw event: the merges are the stories')."""
    where, params = event_filters(**{k: v for k, v in filters.items() if k != "each_report"})
    if not where:
        return {
            "articles": (f"SELECT {_ARTICLES} FROM articles ORDER BY source, id", []),
            "events": (
                f"SELECT {_EVENTS} FROM events ORDER BY event_date NULLS LAST, article_id, sentence, id",
                [],
            ),
            "mentions": ("SELECT * FROM mentions ORDER BY article_id, start_char, id", []),
            "actors": (f"SELECT {_ACTORS} FROM actors ORDER BY id", []),
            "temporal_expressions": (
                "SELECT * FROM temporal_expressions ORDER BY article_id, start_char, end_char",
                [],
            ),
        }
    chosen = f"(SELECT DISTINCT article_id FROM events {where})"
    sides = f"(SELECT source_actor FROM events {where} UNION SELECT target_actor FROM events {where})"
    return {
        "articles": (f"SELECT {_ARTICLES} FROM articles WHERE id IN {chosen} ORDER BY source, id", params),
        "events": (
            f"SELECT {_EVENTS} FROM events {where} ORDER BY event_date NULLS LAST, article_id, sentence, id",
            params,
        ),
        "mentions": (
            f"SELECT * FROM mentions WHERE article_id IN {chosen} ORDER BY article_id, start_char, id",
            params,
        ),
        "actors": (
            f"SELECT {_ACTORS} FROM actors WHERE id IN (SELECT actor FROM mentions WHERE article_id IN {chosen}) "
            f"OR id IN {sides} ORDER BY id",
            params * 3,
        ),
        "temporal_expressions": (
            f"SELECT * FROM temporal_expressions WHERE article_id IN {chosen} "
            "ORDER BY article_id, start_char, end_char",
            params,
        ),
    }
