"""Stories: articles about one happening grouped across languages, and their events merged.

``update_stories(store, article_ids)`` is the step the ingest runner calls once per run; see
``docs/stories.md`` for the method, the thresholds and the evaluation.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from communique.stories.cluster import Assignment, StoryIndex, pair_score
    from communique.stories.merge import MergedEvent, RawEvent, dates_compatible, merge_story_events
    from communique.stories.update import (
        StoriesReport,
        rebuild,
        remerge,
        stories_after_ingest,
        unmerge,
        update_stories,
    )

# Loaded on first use: a worker process needs only ``communique.stories.embed``, not the story step's store
# (DuckDB, pandas: about 0.3 s of every worker's start).
_HOMES = {
    "Assignment": "cluster",
    "StoryIndex": "cluster",
    "pair_score": "cluster",
    "MergedEvent": "merge",
    "RawEvent": "merge",
    "dates_compatible": "merge",
    "merge_story_events": "merge",
    "StoriesReport": "update",
    "rebuild": "update",
    "remerge": "update",
    "stories_after_ingest": "update",
    "unmerge": "update",
    "update_stories": "update",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "Assignment",
    "MergedEvent",
    "RawEvent",
    "StoriesReport",
    "StoryIndex",
    "dates_compatible",
    "merge_story_events",
    "pair_score",
    "rebuild",
    "remerge",
    "stories_after_ingest",
    "unmerge",
    "update_stories",
]
