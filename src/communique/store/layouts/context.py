"""What every layout reads: the selected events with their articles, mentions and actors.

One query for the events (the shared :func:`~communique.store.database.event_filters`), one for their articles
and one for the mentions of those articles; actors come from the database's ``actors`` table and, for an id the
table lacks (an organisation a person is coded to but never named), from the knowledge base.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from communique.models import Actor, ActorKind, Event, EventActor
from communique.store.layouts import geo

if TYPE_CHECKING:
    from communique.actors.kb import KnowledgeBase
    from communique.store.database import Store

_ISO3 = re.compile(r"[A-Z]{3}")
_GROUP_PREFIXES = ("IGO", "NGO")
# Columns the stories feature may add to the events table when it merges reports of one event.
_MERGE_COLUMNS = {
    "mentions": ("num_mentions", "n_mentions", "mention_count"),
    "sources": ("num_sources", "n_sources", "source_count"),
    "articles": ("num_articles", "n_articles", "article_count"),
}
# The events table with each merged event once: its earliest raw event carries the merged counts, the events
# merged into it are left out, and events no merge touched stay, counted once.
_EACH_EVENT_ONCE = """(
    SELECT * EXCLUDE (merged_rank) FROM (
        SELECT e.*, coalesce(m.n_mentions, 1) AS num_mentions, coalesce(m.n_sources, 1) AS num_sources,
               coalesce(m.n_articles, 1) AS num_articles,
               row_number() OVER (
                   PARTITION BY coalesce(mm.merged_id, e.id) ORDER BY e.event_date, e.article_id, e.sentence, e.id
               ) AS merged_rank
        FROM events e
        LEFT JOIN merged_event_members mm ON mm.event_id = e.id
        LEFT JOIN merged_events m ON m.id = mm.merged_id
    ) WHERE merged_rank = 1
) AS events"""
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_STORY_KINDS = {
    ActorKind.PERSON: "people",
    ActorKind.IGO: "organisations",
    ActorKind.NGO: "organisations",
    ActorKind.ORGANISATION: "organisations",
    ActorKind.PARTY: "organisations",
    ActorKind.ARMED_GROUP: "organisations",
    ActorKind.STATE: "locations",
    ActorKind.PLACE: "locations",
}


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    url: str | None
    source: str
    title: str | None
    outlet: str | None
    language: str
    published: dt.date | None
    ingested_at: dt.datetime | None
    text: str
    sentences: tuple[tuple[int, int], ...]

    def sentence_text(self, index: int) -> str | None:
        if 0 <= index < len(self.sentences):
            start, end = self.sentences[index]
            return self.text[start:end]
        return None

    @property
    def lead_end(self) -> int:
        """Where the lead (first) paragraph ends: the first blank line after the first non-blank text."""
        stripped = len(self.text) - len(self.text.lstrip())
        found = _PARAGRAPH_BREAK.search(self.text, stripped)
        return found.start() if found else len(self.text)


@dataclass(frozen=True)
class ActorView:
    """One side of an event as the layouts need it."""

    actor_id: str | None
    code: str | None  # ours: "IRN.GOV", "IGO.OIC"
    text: str | None  # as written in the article
    name: str | None  # canonical name
    kind: str | None
    country: str | None  # ISO 3166-1 alpha-3
    sector: str | None  # our sector code: GOV, MIL, ... IGO
    cameo: str | None  # CAMEO actor code: IRNGOV, IGOMOSOIC
    group: str | None  # CAMEO known-group code of an IGO/NGO: OIC, UNO
    wikidata: str | None
    office: str | None  # the office a person held on the event's date


@dataclass(frozen=True)
class EventRow:
    event: Event
    article: ArticleInfo
    date: dt.date | None  # the first day of the event's (possibly partial) date
    mentions: int = 1
    sources: int = 1
    articles: int = 1


@dataclass
class StoryEntities:
    people: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)


@cache
def _knowledge_base() -> KnowledgeBase | None:
    from communique.actors.kb import KnowledgeBase
    from communique.errors import CommuniqueError

    try:
        return KnowledgeBase.load()
    except CommuniqueError:
        return None


class ExportContext:
    """The events selected by ``filters`` and everything the layouts look up about them."""

    def __init__(self, store: Store, filters: dict[str, Any]) -> None:
        from communique.store.database import event_filters

        self._store = store
        filters = dict(filters)
        # By default an event reported by several articles of a story is exported once, with its counts.
        table = "events" if filters.pop("each_report", False) else _EACH_EVENT_ONCE
        where, params = event_filters(**filters)
        connection = store.connection
        columns = {row[0] for row in connection.execute(f"DESCRIBE SELECT * FROM {table}").fetchall()}
        merge = {key: next((c for c in names if c in columns), None) for key, names in _MERGE_COLUMNS.items()}
        counts = ", ".join(name or "1" for name in merge.values())
        rows = connection.execute(
            f"SELECT record, story_id, event_date, {counts} FROM {table} {where} "
            "ORDER BY event_date NULLS LAST, article_id, sentence, id",
            params,
        ).fetchall()
        events = [
            (Event.model_validate_json(r[0]).model_copy(update={"story": r[1]}), r[2], r[3:]) for r in rows
        ]
        self.article_ids = sorted({event.article for event, _, _ in events})
        self._articles = self._load_articles(self.article_ids)
        self._mentions = self._load_mentions(self.article_ids)
        self._actors: dict[str, Actor | None] = {
            actor_id: Actor.model_validate_json(record)
            for actor_id, record in connection.execute("SELECT id, record FROM actors").fetchall()
        }
        self.rows = [
            EventRow(
                event=event,
                article=self._articles[event.article],
                date=date,
                mentions=int(n[0] or 1),
                sources=int(n[1] or 1),
                articles=int(n[2] or 1),
            )
            for event, date, n in events
            if event.article in self._articles
        ]

    def __iter__(self) -> Iterator[EventRow]:
        return iter(self.rows)

    # -- loading --------------------------------------------------------------------------------------------

    def _load_articles(self, ids: list[str]) -> dict[str, ArticleInfo]:
        rows = self._store.connection.execute(
            "SELECT id, url, source, title, outlet, language, published_date, ingested_at, text, "
            "json_extract(record, '$.sentences') FROM articles WHERE list_contains(?, id)",
            [ids],
        ).fetchall()
        out: dict[str, ArticleInfo] = {}
        for row in rows:
            sentences = json.loads(row[9]) if row[9] else []
            out[row[0]] = ArticleInfo(
                id=row[0],
                url=row[1],
                source=row[2],
                title=row[3],
                outlet=row[4],
                language=row[5],
                published=row[6],
                ingested_at=row[7],
                text=row[8],
                sentences=tuple((int(s["start"]), int(s["end"])) for s in sentences),
            )
        return out

    def _load_mentions(self, ids: list[str]) -> dict[str, list[str]]:
        """The actors each article's mentions resolve to, in order of first mention."""
        rows = self._store.connection.execute(
            "SELECT article_id, actor FROM mentions WHERE list_contains(?, article_id) AND actor IS NOT NULL "
            "ORDER BY article_id, start_char",
            [ids],
        ).fetchall()
        out: dict[str, list[str]] = {}
        for article_id, actor_id in rows:
            seen = out.setdefault(article_id, [])
            if actor_id not in seen:
                seen.append(actor_id)
        return out

    # -- lookups --------------------------------------------------------------------------------------------

    def story_entities(self, article_id: str) -> StoryEntities:
        """The named people, organisations and places an article's mentions resolve to (canonical names)."""
        entities = StoryEntities()
        for actor_id in self._mentions.get(article_id, []):
            actor = self.actor(actor_id)
            bucket = _STORY_KINDS.get(actor.kind) if actor is not None else None
            if actor is None or bucket is None:
                continue
            names: list[str] = getattr(entities, bucket)
            if actor.name not in names:
                names.append(actor.name)
        return entities

    def actor(self, actor_id: str | None) -> Actor | None:
        if not actor_id:
            return None
        if actor_id not in self._actors:
            kb = _knowledge_base()
            self._actors[actor_id] = kb.get(actor_id) if kb is not None and actor_id in kb else None
        return self._actors[actor_id]

    def country_name(self, iso3: str | None) -> str | None:
        """A state's name as the knowledge base gives it ("Iran", "Russian Federation"), else GeoNames'."""
        state = self.actor(iso3)
        if state is not None and state.kind == ActorKind.STATE:
            return state.name
        return geo.country_name(iso3)

    def view(self, side: EventActor | None, on: dt.date | None) -> ActorView | None:
        """An event side with its names and codes; None when the event has no such side."""
        if side is None:
            return None
        actor = self.actor(side.actor)
        parts = side.code.split(".") if side.code else []
        country = sector = cameo = group = None
        if parts and parts[0] in _GROUP_PREFIXES:
            sector = parts[0]
            organisation = self.actor(parts[1]) if len(parts) > 1 else None
            cameo = organisation.cameo if organisation is not None else None
            if cameo and cameo.startswith(parts[0]) and len(cameo) >= 6:
                group = cameo[-3:]
        elif parts:
            country = parts[0] if _ISO3.fullmatch(parts[0]) else None
            sector = parts[1] if len(parts) > 1 and parts[1] else None
            cameo = (country or "") + (sector or "") or None
        name = actor.name if actor is not None else None
        if name is None and country is not None and sector is None:
            name = self.country_name(country)
        return ActorView(
            actor_id=side.actor,
            code=side.code,
            text=side.span.text if side.span is not None else None,
            name=name,
            kind=actor.kind.value if actor is not None else None,
            country=country,
            sector=sector,
            cameo=cameo,
            group=group,
            wikidata=actor.wikidata if actor is not None else None,
            office=_office(actor, on),
        )


def _office(actor: Actor | None, on: dt.date | None) -> str | None:
    if actor is None or actor.kind != ActorKind.PERSON or not actor.offices:
        return None
    held = (
        [o for o in actor.offices if o.held_on(on)]
        if on is not None
        else [o for o in actor.offices if o.end is None]
    )
    return held[0].role if held else None
