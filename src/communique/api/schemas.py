"""Response documents of the API (what the OpenAPI document promises)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from communique.models import Actor, Event, Mention, Sentence, TemporalExpression


class EventRow(BaseModel):
    """An event's query columns (the table ``communique events`` prints)."""

    id: str
    article_id: str
    sentence: int
    language: str | None = None
    type: str
    mode: str | None = None
    cameo: str | None = None
    cameo_root: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    intensity: float | None = None
    source_actor: str | None = None
    source_code: str | None = None
    source_text: str | None = None
    target_actor: str | None = None
    target_code: str | None = None
    target_text: str | None = None
    event_date: str | None = None
    date: str | None = None
    date_end: str | None = None
    date_precision: str | None = None
    date_provenance: str | None = None
    place: str | None = None
    place_country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    trigger_text: str
    confidence: float
    negated: bool
    hypothetical: bool
    rule: str | None = None
    story_id: str | None = None


class Page(BaseModel):
    total: int = Field(description="How many items match, in all pages.")
    limit: int
    offset: int


class EventPage(Page):
    items: list[EventRow]


class EvidenceSpan(BaseModel):
    """Characters ``start:end`` of the article's text that support one field of the event."""

    field: str = Field(description="trigger, source, target, date, place or quote")
    start: int
    end: int
    text: str


class ArticleInfo(BaseModel):
    id: str
    source: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str
    published: str | None = None


class EventDetail(BaseModel):
    """One event with its evidence: the sentence, each field's span and the codes."""

    event: Event
    article: ArticleInfo
    sentence: Sentence | None = Field(description="The sentence the event was found in (article offsets).")
    sentence_text: str | None = None
    evidence: list[EvidenceSpan]
    codes: dict[str, Any]


class ArticleDetail(BaseModel):
    """An article with its text, sentences, actor mentions, events (with evidence) and dates in the text."""

    id: str
    source: str
    format: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str
    published: str | None = None
    published_provenance: str | None = None
    dateline: dict[str, Any] | None = None
    duplicate_of: str | None = None
    text: str
    sentences: list[Sentence]
    mentions: list[Mention]
    times: list[TemporalExpression]
    events: list[EventDetail]


class ArticleRow(BaseModel):
    id: str
    source: str
    format: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    language: str
    language_confidence: float | None = None
    published: str | None = None
    published_date: str | None = None
    published_precision: str | None = None
    published_provenance: str | None = None
    dateline_place: str | None = None
    duplicate_of: str | None = None
    duplicate_kind: str | None = None
    n_chars: int
    run_id: str | None = None
    events: int


class ArticlePage(Page):
    items: list[ArticleRow]


class MentionRow(BaseModel):
    id: str
    article_id: str
    sentence: int
    start_char: int
    end_char: int
    text: str
    kind: str
    actor: str | None = None
    code: str | None = None
    role: str | None = None
    confidence: float
    chain: int | None = None
    method: str | None = None
    unresolved_reason: str | None = None


class MentionPage(Page):
    items: list[MentionRow]


class ActorRow(BaseModel):
    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    cameo: str | None = None
    wikidata: str | None = None
    events: int


class ActorPage(Page):
    items: list[ActorRow]


class Activity(BaseModel):
    period: str
    as_source: int
    as_target: int


class ActorDetail(BaseModel):
    """An actor with its aliases and offices (from the knowledge base) and its events over time."""

    actor: Actor
    codes: dict[str, int] = Field(description="Codes the actor was given in events, with counts.")
    events: int
    activity: list[Activity]


class Summary(BaseModel):
    events: int
    articles_with_events: int
    first: str | None = None
    last: str | None = None
    mean_goldstein: float | None = None
    by_type: dict[str, int]
    by_quad_class: dict[str, int]
    by_language: dict[str, int]
    tables: dict[str, int]


class TimelinePoint(BaseModel):
    period: str
    key: str | None
    events: int


class Node(BaseModel):
    id: str
    label: str
    events: int


class Edge(BaseModel):
    source: str
    target: str
    events: int
    goldstein: float | None = None


class Network(BaseModel):
    nodes: list[Node]
    edges: list[Edge]


class PlacePoint(BaseModel):
    place: str | None = None
    country: str | None = None
    latitude: float
    longitude: float
    events: int
    goldstein: float | None = None


class StoryPage(Page):
    items: list[dict[str, Any]]


class StoryDetail(BaseModel):
    story: dict[str, Any]
    events: list[EventRow]


class IngestOutcome(BaseModel):
    source: str
    status: str
    reason: str | None = None
    article_id: str | None = None


class IngestResult(BaseModel):
    run: str
    ok: int
    unchanged: int
    skipped: int
    failed: int
    added: int
    outcomes: list[IngestOutcome]


class KbAddResult(BaseModel):
    saved: str
    actors: int = Field(description="Actors in the knowledge base with the new file.")
