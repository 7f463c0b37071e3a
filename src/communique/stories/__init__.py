"""Stories: articles about one happening grouped across languages, and their events merged.

``update_stories(store, article_ids)`` is the step the ingest runner calls once per run; see
``docs/stories.md`` for the method, the thresholds and the evaluation.
"""

from __future__ import annotations

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
