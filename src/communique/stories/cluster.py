"""Incremental, blocked story clustering.

Each new article is compared only with the stories its blocking keys point at, and joins the best one whose
score passes the threshold, or starts a story of its own. A key is a resolved actor or an embedding LSH band,
qualified by a 3-day date bucket for dated articles (the buckets within the window are looked up) or by
``"any"`` for undated ones; each key keeps its most recent ``candidates_per_key`` stories. So an article costs at
most ``keys x candidates_per_key`` comparisons, whatever the corpus size.

Score of an article against a story (see :func:`score`): cosine between the article's embedding and the story's
centroid, plus ``actor_weight`` per shared resolved actor (up to ``max_shared_actors``), plus ``type_weight``
when an event type is shared; a dated article and a dated story more than ``window_days`` apart never match.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from communique.config import StoriesConfig
from communique.stories.embed import DIMENSIONS, Vectors
from communique.stories.features import ArticleFeatures

BUCKET_DAYS = 3
LSH_TABLES = 12
LSH_BITS = 6
ANY = "any"  # the key qualifier of undated articles: they see every story under the key
UNDATED = "undated"  # the qualifier under which stories with undated articles are also listed

Key = tuple[object, ...]

_planes = (
    np.random.default_rng(20261124).standard_normal((DIMENSIONS, LSH_TABLES * LSH_BITS)).astype(np.float32)
)
_weights = (1 << np.arange(LSH_BITS)).astype(np.int64)
# A story with no dated article fits every date: its first and last day as ordinals far outside any calendar.
_NO_FIRST, _NO_LAST = -(2**40), 2**40


def lsh_bands(vector: Vectors) -> list[int]:
    """Random-hyperplane signatures of a unit vector, one ``LSH_BITS``-bit integer per table."""
    bits = (vector @ _planes > 0).reshape(LSH_TABLES, LSH_BITS).astype(np.int64)
    return [int(b) for b in bits @ _weights]


@dataclass
class StoryState:
    """What the clusterer remembers of a story."""

    id: str
    index: int  # row of the centroid matrix
    n_articles: int = 0
    n_undated: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    languages: set[str] = field(default_factory=set)
    actors: Counter[str] = field(default_factory=Counter)
    types: set[str] = field(default_factory=set)
    title: str = ""
    dirty: bool = False  # changed in this run: to be saved

    def add_date(self, day: dt.date | None) -> None:
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)


@dataclass(frozen=True)
class Assignment:
    """Where one article went and why."""

    article: str
    story: str
    score: float | None  # None: it started the story
    reason: str


def story_id_for(article_id: str) -> str:
    return f"st-{article_id}"


class StoryIndex:
    """Stories in memory with their centroids and blocking keys; :meth:`add` assigns one article."""

    def __init__(self, config: StoriesConfig | None = None) -> None:
        self.config = config or StoriesConfig()
        self.stories: list[StoryState] = []
        self.by_id: dict[str, StoryState] = {}
        self._sums = np.zeros((1024, DIMENSIONS), dtype=np.float32)
        # Per story row, what scoring needs as arrays: first and last day (ordinals), event types (a bit each);
        # and per actor the rows of the stories it is in.
        self._first = np.full(1024, _NO_FIRST, dtype=np.int64)
        self._last = np.full(1024, _NO_LAST, dtype=np.int64)
        self._types = np.zeros(1024, dtype=np.int64)
        self._type_bits: dict[str, int] = {}
        self._with_actor: dict[str, list[int]] = {}
        self._blocks: dict[Key, deque[int]] = {}
        self.comparisons = 0  # article-story scores computed (for tests and benchmarks)

    # -- state ----------------------------------------------------------------------------------------------

    def centroid_sum(self, story: StoryState) -> Vectors:
        row: Vectors = self._sums[story.index]
        return row

    def restore(self, story: StoryState, vector_sum: Vectors, keys: Iterable[Key]) -> None:
        """Load a stored story (from an earlier run) with its vector sum and blocking keys."""
        self._append(story, vector_sum)
        for key in keys:
            self._register(key, story.index)

    def _append(self, story: StoryState, vector_sum: Vectors) -> None:
        story.index = len(self.stories)
        if story.index >= len(self._sums):
            grown = len(self._sums)
            self._sums = np.concatenate([self._sums, np.zeros_like(self._sums)])
            self._first = np.concatenate([self._first, np.full(grown, _NO_FIRST, dtype=np.int64)])
            self._last = np.concatenate([self._last, np.full(grown, _NO_LAST, dtype=np.int64)])
            self._types = np.concatenate([self._types, np.zeros(grown, dtype=np.int64)])
        self._sums[story.index] = vector_sum
        self.stories.append(story)
        self.by_id[story.id] = story
        self._index_story(story, story.actors)

    def _index_story(self, story: StoryState, new_actors: Iterable[str]) -> None:
        """Bring the scoring arrays up to date with the story's dates and types and these newly added actors."""
        if story.first is not None and story.last is not None:
            self._first[story.index] = story.first.toordinal()
            self._last[story.index] = story.last.toordinal()
        self._types[story.index] = self._type_mask(story.types)
        for actor in new_actors:
            self._with_actor.setdefault(actor, []).append(story.index)

    def _type_mask(self, types: Iterable[str]) -> int:
        mask = 0
        for name in types:
            mask |= 1 << self._type_bits.setdefault(name, len(self._type_bits))
        return mask

    def _register(self, key: Key, index: int) -> None:
        block = self._blocks.get(key)
        if block is None:
            block = self._blocks[key] = deque(maxlen=self.config.candidates_per_key)
        if index not in block:
            block.append(index)

    # -- blocking -------------------------------------------------------------------------------------------

    def keys(self, article: ArticleFeatures) -> list[tuple[object, ...]]:
        """The raw keys of an article: its actors and LSH bands (unqualified)."""
        return [("actor", a) for a in sorted(article.actors)] + [
            ("lsh", t, band) for t, band in enumerate(lsh_bands(article.vector))
        ]

    def lookup_keys(self, article: ArticleFeatures) -> list[Key]:
        """The qualified keys an article looks up: nearby date buckets (and undated stories), or all stories."""
        raw = self.keys(article)
        if article.date is None:
            return [(ANY, *k) for k in raw]
        bucket = article.date.toordinal() // BUCKET_DAYS
        reach = -(-self.config.window_days // BUCKET_DAYS)
        qualifiers: list[object] = [bucket + d for d in range(-reach, reach + 1)]
        return [(q, *k) for q in [*qualifiers, UNDATED] for k in raw]

    def register_keys(self, article: ArticleFeatures) -> list[Key]:
        """The qualified keys a story is listed under once the article joins it."""
        raw = self.keys(article)
        qualifiers: list[object] = [ANY]
        qualifiers.append(UNDATED if article.date is None else article.date.toordinal() // BUCKET_DAYS)
        return [(q, *k) for q in qualifiers for k in raw]

    def candidates(self, article: ArticleFeatures) -> list[int]:
        seen: dict[int, None] = {}
        for key in self.lookup_keys(article):
            block = self._blocks.get(key)
            if block:
                seen.update(dict.fromkeys(block))
        return list(seen)

    # -- scoring and assignment ---------------------------------------------------------------------------

    def score(self, article: ArticleFeatures, indices: list[int]) -> np.ndarray:
        """Scores of the article against the stories at ``indices`` (``-inf`` where the dates are too far)."""
        self.comparisons += len(indices)
        rows = np.asarray(indices, dtype=np.int64)
        sums = self._sums[rows]
        norms = np.linalg.norm(sums, axis=1)
        norms[norms == 0] = 1.0
        scores = (sums @ article.vector) / norms
        config = self.config
        shared = np.zeros(len(rows), dtype=np.int64)
        for actor in article.actors:
            stories = self._with_actor.get(actor)
            if stories:
                shared += np.isin(rows, stories)
        # float32 throughout, as the cosine: the bonus is rounded to float32 once, then added
        scores += (config.actor_weight * np.minimum(shared, config.max_shared_actors)).astype(np.float32)
        if article.types:
            same_type = (self._types[rows] & self._type_mask(article.types)) != 0
            scores[same_type] += np.float32(config.type_weight)
        if article.date is not None:
            day, slack = article.date.toordinal(), config.window_days
            too_far = (day < self._first[rows] - slack) | (day > self._last[rows] + slack)
            scores[too_far] = -np.inf
        result: np.ndarray = scores
        return result

    def add(self, article: ArticleFeatures) -> Assignment:
        """Put an article in the best story that passes the threshold, or start a story with it."""
        indices = self.candidates(article)
        best: StoryState | None = None
        best_score = -np.inf
        if indices:
            scores = self.score(article, indices)
            top = int(np.argmax(scores))
            best_score = float(scores[top])
            if best_score >= self.config.threshold:
                best = self.stories[indices[top]]
        if best is None:
            best = StoryState(id=story_id_for(article.id), index=-1, title=article.title)
            self._append(best, np.zeros(DIMENSIONS, dtype=np.float32))
            assignment = Assignment(article.id, best.id, None, _start_reason(len(indices), best_score))
        else:
            assignment = Assignment(
                article.id, best.id, best_score, _join_reason(article, best, best_score, len(indices))
            )
        self._join(best, article)
        return assignment

    def _join(self, story: StoryState, article: ArticleFeatures) -> None:
        self._sums[story.index] += article.vector
        story.n_articles += 1
        story.n_undated += article.date is None
        story.add_date(article.date)
        story.languages.add(article.language)
        new_actors = [a for a in article.actors if a not in story.actors]
        story.actors.update(article.actors)
        story.types.update(article.types)
        self._index_story(story, new_actors)
        story.dirty = True
        for key in self.register_keys(article):
            self._register(key, story.index)

    def add_all(self, articles: Iterable[ArticleFeatures]) -> Iterator[Assignment]:
        """Assign articles in a deterministic order: dated ones by date, then undated, each by id."""
        ordered = sorted(articles, key=lambda a: (a.date is None, a.date or dt.date.min, a.id))
        for article in ordered:
            yield self.add(article)


def pair_score(a: ArticleFeatures, b: ArticleFeatures, config: StoriesConfig | None = None) -> float:
    """The score :class:`StoryIndex` would give article ``a`` against a story made of ``b`` alone."""
    index = StoryIndex(config)
    index.add(b)
    return float(index.score(a, [0])[0])


def blocked_together(a: ArticleFeatures, b: ArticleFeatures, config: StoriesConfig | None = None) -> bool:
    """Whether blocking would put a story made of ``b`` among ``a``'s candidates."""
    index = StoryIndex(config)
    index.add(b)
    return bool(index.candidates(a))


def _start_reason(n_candidates: int, best: float) -> str:
    if n_candidates == 0:
        return "started: no candidate story shares an actor or an embedding band in the date window"
    return f"started: best of {n_candidates} candidate stories scored {best:.3f}, under the threshold"


def _join_reason(article: ArticleFeatures, story: StoryState, score: float, n_candidates: int) -> str:
    shared = sorted(a for a in article.actors if a in story.actors)
    types = sorted(article.types & story.types)
    parts = [f"joined: score {score:.3f}, best of {n_candidates} candidates"]
    if shared:
        parts.append("shared actors " + ", ".join(shared[:5]))
    if types:
        parts.append("shared event types " + ", ".join(types))
    if article.date and story.first:
        parts.append(f"dated {article.date} within the story's {story.first}..{story.last}")
    return "; ".join(parts)


def stored_story_keys(story: StoryState, vector_sum: Vectors) -> list[Key]:
    """Blocking keys of a story loaded from the store: its actors and its centroid's bands, for its dates."""
    norm = float(np.linalg.norm(vector_sum))
    centroid = vector_sum / norm if norm else vector_sum
    raw: list[tuple[object, ...]] = [("actor", a) for a in sorted(story.actors)]
    raw += [("lsh", t, band) for t, band in enumerate(lsh_bands(centroid))]
    qualifiers: list[object] = [ANY]
    if story.n_undated:
        qualifiers.append(UNDATED)
    if story.first is not None and story.last is not None:
        first, last = story.first.toordinal() // BUCKET_DAYS, story.last.toordinal() // BUCKET_DAYS
        qualifiers += list(range(first, min(last, first + 60) + 1))
    return [(q, *k) for q in qualifiers for k in raw]
