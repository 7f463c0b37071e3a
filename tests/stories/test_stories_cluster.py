"""Incremental blocked clustering: joins, date windows, stable ids, and comparisons that stay local."""

from __future__ import annotations

import datetime as dt

import numpy as np
from story_builders import feat, unit

from communique.config import StoriesConfig
from communique.stories.cluster import StoryIndex, pair_score

DAY = dt.date(2020, 1, 1)


def test_near_articles_join_and_far_ones_start_stories() -> None:
    base = unit(1)
    index = StoryIndex()
    first = index.add(feat("a", base, date=DAY, actors=("IRN",)))
    second = index.add(feat("b", unit(2, base, 0.3), date=DAY, actors=("IRN",), language="fr"))
    third = index.add(feat("c", unit(3), date=DAY, actors=("IRN",)))
    assert first.score is None and first.story == "st-a"
    assert second.story == "st-a" and second.score is not None and "IRN" in second.reason
    assert third.story == "st-c" and third.reason.startswith("started")
    assert index.by_id["st-a"].languages == {"en", "fr"}


def test_date_window_is_a_hard_limit() -> None:
    base = unit(1)
    index = StoryIndex()
    index.add(feat("a", base, date=DAY, actors=("IRN",)))
    late = index.add(feat("b", base, date=DAY + dt.timedelta(days=4), actors=("IRN",)))
    near = index.add(feat("c", base, date=DAY + dt.timedelta(days=3), actors=("IRN",)))
    assert late.story == "st-b" and near.story == "st-a"


def test_undated_articles_find_stories_by_actor() -> None:
    base = unit(1)
    index = StoryIndex()
    index.add(feat("a", base, date=DAY, actors=("IRN",)))
    assert index.add(feat("b", unit(2, base, 0.2), actors=("IRN",))).story == "st-a"


def test_blocking_never_compares_across_date_buckets() -> None:
    """200 copies of one report, each 10 days after the last: every copy starts a story, with no comparison."""
    base = unit(1)
    index = StoryIndex()
    for i in range(200):
        assignment = index.add(feat(f"a{i:03d}", base, date=DAY + dt.timedelta(days=10 * i), actors=("USA",)))
        assert assignment.score is None
    assert index.comparisons == 0


def test_comparisons_stay_bounded_per_article() -> None:
    """Many unrelated articles on one day, all mentioning one actor: each looks at a capped candidate list."""
    config = StoriesConfig(candidates_per_key=16)
    index = StoryIndex(config)
    n = 400
    for i in range(n):
        index.add(feat(f"a{i:03d}", unit(i), date=DAY, actors=("USA",)))
    keys = len(index.lookup_keys(feat("x", unit(0), date=DAY, actors=("USA",))))
    assert index.comparisons <= n * keys * config.candidates_per_key
    assert index.comparisons < n * n / 4  # far from all pairs


def test_order_of_arrival_does_not_change_story_ids() -> None:
    base = unit(1)
    articles = [feat(name, unit(i, base, 0.2), date=DAY, actors=("IRN",)) for i, name in enumerate("abc")]
    ids = {a.story for a in StoryIndex().add_all(articles)}
    reversed_ids = {a.story for a in StoryIndex().add_all(articles[::-1])}
    assert ids == reversed_ids == {"st-a"}


def test_pair_score_is_symmetric_and_rewards_shared_actors() -> None:
    a, b = unit(1), unit(2)
    plain = pair_score(feat("a", a), feat("b", b))
    shared = pair_score(feat("a", a, actors=("IRN", "OIC")), feat("b", b, actors=("IRN", "OIC")))
    assert np.isclose(plain, pair_score(feat("b", b), feat("a", a)))
    assert shared > plain
