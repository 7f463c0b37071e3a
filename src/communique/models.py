"""The one data model every stage reads and enriches.

An :class:`Article` enters the pipeline bare (text, source, format) and each stage fills its own slots:
``meta`` sets language, publication date and dateline; ``nlp`` sets sentences; ``actors`` adds mentions;
``events`` adds events and temporal expressions. Every field that comes from the text carries the
:class:`Span` that supports it, so a user can always ask "why?".

All records are pydantic models: ``model_dump_json()`` / ``model_validate_json()`` round-trip them exactly.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

SCHEMA_VERSION = 1

Precision = Literal["day", "month", "year"]
"""How much of a date is known."""


class DateProvenance(StrEnum):
    """Where a date came from, most trusted first."""

    METADATA = "metadata"  # HTML meta, a JSON field, a "date 2025-07-24" header
    DATELINE = "dateline"  # "MOSCOW, May 21 (RIA Novosti) -"
    CONTENT = "content"  # a date written in the article's own text
    INFERRED = "inferred"  # bounded from other evidence (office-holders' tenures)


class Record(BaseModel):
    """Base of every record: strict fields, JSON round-trips."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(Record):
    """Characters ``start:end`` of the article's cleaned ``text`` (Python string offsets)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        return self

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start=start, end=end, text=text[start:end])


class PartialDate(Record):
    """A calendar date of which the year, or the month and day, may be unknown.

    ``"2004-05-21"``, ``"2004-05"``, ``"2004"`` and ``"XXXX-05-21"`` (month and day known, year not: a
    dateline without a year) are all valid; :attr:`iso` gives that form (TIMEX3 style).
    """

    year: int | None = Field(default=None, ge=1, le=9999)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    @model_validator(mode="after")
    def _valid(self) -> PartialDate:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.year is None and self.month is None:
            raise ValueError("a date needs a year or a month")
        if self.day is not None and self.month is not None:
            # 2000 is a leap year: Feb 29 stays possible while the year is unknown.
            dt.date(self.year or 2000, self.month, self.day)
        return self

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def iso(self) -> str:
        year = f"{self.year:04d}" if self.year is not None else "XXXX"
        parts = [year]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def as_date(self) -> dt.date | None:
        """The full date, or None when the year is unknown (month/day default to the first)."""
        if self.year is None:
            return None
        return dt.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(year=value.year, month=value.month, day=value.day)

    @classmethod
    def parse(cls, iso: str) -> PartialDate:
        """Inverse of :attr:`iso`."""
        parts = iso.strip().split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() or p == "XXXX" for p in parts):
            raise ValueError(f"not a partial ISO date: {iso!r}")
        year = None if parts[0] == "XXXX" else int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
        return cls(year=year, month=month, day=day)


class DateEvidence(Record):
    """A date with where it came from, the text that says so and how sure we are."""

    date: PartialDate
    provenance: DateProvenance
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    span: Span | None = None
    # For inferred dates: the interval the evidence allows (inclusive).
    earliest: dt.date | None = None
    latest: dt.date | None = None
    note: str | None = None

    @property
    def precision(self) -> Precision:
        return self.date.precision


class Dateline(Record):
    """The agency-style opening of a report: place, date and outlet, each optional."""

    place: str | None = None
    place_span: Span | None = None
    date_span: Span | None = None
    outlet: str | None = None
    outlet_span: Span | None = None
    span: Span


class Sentence(Record):
    start: int
    end: int


class ActorKind(StrEnum):
    STATE = "state"
    IGO = "igo"
    NGO = "ngo"
    PERSON = "person"
    ORGANISATION = "organisation"
    ARMED_GROUP = "armed_group"
    PARTY = "party"
    PLACE = "place"
    GROUP = "group"  # an unnamed collective coded by role: "protesters", "police"


class Office(Record):
    """A role held by a person in a state or an organisation, with its tenure."""

    role: str  # "head of state", "foreign minister", "secretary general"
    organisation: str  # actor id of the state or IGO
    sector: str = "GOV"
    start: dt.date | None = None
    end: dt.date | None = None  # None: still in office

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Actor(Record):
    """A canonical actor of the knowledge base."""

    id: str
    name: str
    kind: ActorKind
    wikidata: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None
    cameo: str | None = None
    aliases: dict[str, list[str]] = Field(default_factory=dict)  # language -> names
    former_names: list[FormerName] = Field(default_factory=list)
    offices: list[Office] = Field(default_factory=list)


class FormerName(Record):
    name: str
    language: str = "en"
    until: dt.date | None = None


class MentionKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    COUNTRY = "country"
    PLACE = "place"
    GROUP = "group"
    PRONOUN = "pronoun"
    NOMINAL = "nominal"  # "the president", "Son Eminence"
    OTHER = "other"


class Mention(Record):
    """A stretch of text that refers to an actor (resolved or explicitly not)."""

    id: str
    sentence: int
    span: Span
    kind: MentionKind
    actor: str | None = None  # actor id; None means explicitly unresolved
    code: str | None = None  # "IRN.GOV", "IGO.OIC": the actor as coded on the article's date
    role: str | None = None
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    chain: int | None = None  # mentions of one actor in one article share a chain
    method: str = ""  # which rule or model produced the resolution
    unresolved_reason: str | None = None
    subject: bool = False  # the mention is (in the phrase of) its clause's grammatical subject


class TemporalExpression(Record):
    """A date or range written in the text, normalised against the article's date."""

    span: Span
    value: PartialDate | None = None
    end: PartialDate | None = None  # for ranges ("May 28-31")
    anchor: Literal["absolute", "relative", "weekday"] = "absolute"
    # What was written: "date", "range", "month", "year", "season", "weekday", "deictic" ("yesterday"),
    # "unit" ("last year"), "ago" ("three days ago"), "vague" ("recently").
    text_kind: str = ""
    mode: Literal["past", "future"] | None = None  # a cue in the expression or its clause ("next", "will")
    # How to resolve it again against another anchor (see communique.events.times); None when absolute.
    relative: str | None = None


class EventActor(Record):
    actor: str | None
    code: str | None  # "IRN.GOV"
    span: Span | None = None
    attributes: dict[str, str] = Field(default_factory=dict)


class Place(Record):
    name: str
    span: Span | None = None
    geonames_id: int | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    provenance: Literal["sentence", "dateline", "none"] = "sentence"


class Event(Record):
    """One coded event with the evidence for each field."""

    id: str
    article: str
    sentence: int
    trigger: Span
    type: str  # PLOVER type
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    cameo: str | None = None
    source: EventActor | None = None
    target: EventActor | None = None
    participants: list[EventActor] = Field(default_factory=list)  # multilateral meetings
    date: DateEvidence | None = None
    date_end: PartialDate | None = None
    place: Place | None = None
    quote: Span | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    goldstein: float | None = None
    quad_class: int | None = None
    intensity: float | None = None
    rule: str = ""
    story: str | None = None


class Story(Record):
    id: str
    articles: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    first: dt.date | None = None
    last: dt.date | None = None


class Article(Record):
    """One news article as read and enriched by the pipeline."""

    id: str  # stable: hash of the source locator and the normalised text
    content_hash: str  # hash of the normalised text; equal hashes are exact duplicates
    source: str  # path#locator or URL
    format: Literal["text", "html", "jsonl", "warc", "rss", "atom", "stdin"]
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)  # reader-specific fields kept verbatim
    language: str = "und"
    language_confidence: float = 0.0
    published: DateEvidence | None = None
    dateline: Dateline | None = None
    duplicate_of: str | None = None
    duplicate_kind: Literal["exact", "near"] | None = None
    sentences: list[Sentence] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    times: list[TemporalExpression] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    # Raw metadata date candidates found by readers (HTML <meta>, a JSON field), resolved by the meta stage.
    date_hints: list[str] = Field(default_factory=list)
    # What a stage noticed but could not use ("metadata date 2019-02-30 is impossible"): kept, not lost.
    warnings: list[str] = Field(default_factory=list)
    # The NLP parse while the article is in the pipeline (communique.nlp.Parse); never serialised.
    _parse: Any = PrivateAttr(default=None)
    # The story embedding (a numpy vector) computed by ``stories.embed`` in the worker; the runner stores it.
    _story_vector: Any = PrivateAttr(default=None)
    # The MinHash values of the text, computed where the article was processed (a worker) so that the runner's
    # duplicate check only compares them (communique.ingest.dedup).
    _minhash: Any = PrivateAttr(default=None)
    # The knowledge-base actors its mentions resolve to (list[Actor]), attached by ``actors.resolve`` where the
    # article was resolved, so that the runner stores them without loading the knowledge base itself.
    _actors: Any = PrivateAttr(default=None)


class InputStatus(StrEnum):
    OK = "ok"
    UNCHANGED = "unchanged"  # a file ingested before, as it is now, by the same pipeline: not read again
    SKIPPED = "skipped"
    FAILED = "failed"


class InputOutcome(Record):
    """What became of one input (a file, a JSONL line, a WARC record, a feed entry) in one run."""

    source: str
    status: InputStatus
    reason: str | None = None
    article_id: str | None = None


class Run(Record):
    id: str
    started: dt.datetime
    finished: dt.datetime | None = None
    command: str
    inputs: list[str] = Field(default_factory=list)
    ok: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    added: int = 0  # articles new to the database


Actor.model_rebuild()
