"""One serialisable configuration object for the whole pipeline.

No module globals: every stage receives the ``Config`` it was built from, so a worker process (or a Ray actor)
rebuilds an identical pipeline from ``Config.model_dump_json()``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class JsonlFields(_Section):
    """Which JSON keys hold an article's fields (the first key present wins)."""

    text: list[str] = Field(default_factory=lambda: ["text", "content", "body", "article"])
    title: list[str] = Field(default_factory=lambda: ["title", "headline"])
    url: list[str] = Field(default_factory=lambda: ["url", "link", "source_url"])
    date: list[str] = Field(default_factory=lambda: ["date", "published", "publication_date", "pub_date"])
    language: list[str] = Field(default_factory=lambda: ["language", "lang"])
    id: list[str] = Field(default_factory=lambda: ["id", "doc_id", "guid"])
    outlet: list[str] = Field(default_factory=lambda: ["outlet", "publisher", "source_name"])


class IngestConfig(_Section):
    max_bytes: int = 20_000_000  # larger inputs are skipped, not read
    min_chars: int = 40  # shorter texts are not articles
    jsonl: JsonlFields = Field(default_factory=JsonlFields)


class LanguageConfig(_Section):
    min_letters: int = 20  # fewer letters than this: "und"
    min_confidence: float = 0.6  # a weaker best guess: "und", unless it has half this and leads as below
    min_lead: float = 4.0  # times the runner-up's score that a less confident best guess must reach
    trust_declared: bool = False  # use a JSONL/HTML declared language instead of detecting


class StoriesConfig(_Section):
    """Story clustering and event merging (communique.stories; docs/stories.md)."""

    threshold: float = 0.7  # article-to-story score needed to join (tuned on the dev pairs)
    actor_weight: float = 0.03  # added per shared resolved actor, up to max_shared_actors
    max_shared_actors: int = 3
    type_weight: float = 0.03  # added when an event type is shared
    window_days: int = 3  # a dated article joins only stories with a date within this many days
    candidates_per_key: int = 64  # blocking: the most recent stories kept per (date bucket, key)


class DedupConfig(_Section):
    near_threshold: float = 0.8  # estimated Jaccard similarity of shingles
    num_perm: int = 64
    shingle_size: int = 5


# Every stage of the per-article pipeline, in order; "meta" alone is META_PIPELINE.
FULL_PIPELINE = (
    "meta.language",
    "meta.dates",
    "nlp.parse",
    "actors.resolve",
    "events.extract",
    "stories.embed",
)
META_PIPELINE = ("meta.language", "meta.dates")


class Config(_Section):
    """The whole pipeline's configuration."""

    pipeline: list[str] = Field(default_factory=lambda: list(FULL_PIPELINE))
    ingest: IngestConfig = Field(default_factory=IngestConfig)
    language: LanguageConfig = Field(default_factory=LanguageConfig)
    dedup: DedupConfig = Field(default_factory=DedupConfig)
    kb_paths: list[Path] = Field(default_factory=list)  # users' own knowledge-base files
    lexicon_paths: list[Path] = Field(default_factory=list)  # users' own trigger lexicon files
    # Parse every sentence in full; by default a sentence with no word that could be a trigger gets entities only
    # (nlp.parse): a fifth less parse time on the corpus, the same gold scores.
    parse_all: bool = False
    # Modules imported before the pipeline is built, in every worker: they register users' own components.
    plugins: list[str] = Field(default_factory=list)
    stories: bool = True  # cluster new articles into stories and merge their events at the end of each ingest
    story: StoriesConfig = Field(default_factory=StoriesConfig)
