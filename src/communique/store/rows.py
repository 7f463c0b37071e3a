"""Records as table rows: the query columns of each table, and the Arrow schema they are written with.

Every table keeps the full record as JSON beside its query columns, so reading back gives the exact model.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa

from communique.models import Actor, Article, Event, Mention, TemporalExpression

# What an article's own row keeps in its JSON record: the children live in their own tables.
ARTICLE_CHILDREN = {"text", "mentions", "events", "times"}

ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("content_hash", pa.string()),
        ("source", pa.string()),
        ("format", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("outlet", pa.string()),
        ("language", pa.string()),
        ("language_confidence", pa.float64()),
        ("published", pa.string()),
        ("published_date", pa.date32()),
        ("published_precision", pa.string()),
        ("published_provenance", pa.string()),
        ("dateline_place", pa.string()),
        ("duplicate_of", pa.string()),
        ("duplicate_kind", pa.string()),
        ("n_chars", pa.int32()),
        ("text", pa.string()),
        ("record", pa.string()),
        ("run_id", pa.string()),
        ("ingested_at", pa.timestamp("us")),
    ]
)
ARTICLE_COLUMNS = ARTICLE_SCHEMA.names

MENTION_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("article_id", pa.string()),
        ("sentence", pa.int32()),
        ("start_char", pa.int32()),
        ("end_char", pa.int32()),
        ("text", pa.string()),
        ("kind", pa.string()),
        ("actor", pa.string()),
        ("code", pa.string()),
        ("role", pa.string()),
        ("confidence", pa.float64()),
        ("chain", pa.int32()),
        ("method", pa.string()),
        ("unresolved_reason", pa.string()),
    ]
)

EVENT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("article_id", pa.string()),
        ("sentence", pa.int32()),
        ("language", pa.string()),
        ("type", pa.string()),
        ("mode", pa.string()),
        ("cameo", pa.string()),
        ("cameo_root", pa.string()),
        ("quad_class", pa.int32()),
        ("goldstein", pa.float64()),
        ("intensity", pa.float64()),
        ("source_actor", pa.string()),
        ("source_code", pa.string()),
        ("source_text", pa.string()),
        ("target_actor", pa.string()),
        ("target_code", pa.string()),
        ("target_text", pa.string()),
        ("event_date", pa.date32()),
        ("date", pa.string()),
        ("date_end", pa.string()),
        ("date_precision", pa.string()),
        ("date_provenance", pa.string()),
        ("place", pa.string()),
        ("place_country", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("geonames_id", pa.int64()),
        ("trigger_text", pa.string()),
        ("confidence", pa.float64()),
        ("negated", pa.bool_()),
        ("hypothetical", pa.bool_()),
        ("rule", pa.string()),
        ("story_id", pa.string()),
        ("record", pa.string()),
        ("source_root", pa.string()),
        ("source_leaf", pa.string()),
        ("target_root", pa.string()),
        ("target_leaf", pa.string()),
    ]
)

TIME_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("start_char", pa.int32()),
        ("end_char", pa.int32()),
        ("text", pa.string()),
        ("value", pa.string()),
        ("end_value", pa.string()),
        ("precision", pa.string()),
        ("anchor", pa.string()),
        ("kind", pa.string()),
    ]
)

ACTOR_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("name", pa.string()),
        ("kind", pa.string()),
        ("country", pa.string()),
        ("sector", pa.string()),
        ("cameo", pa.string()),
        ("wikidata", pa.string()),
        ("record", pa.string()),
    ]
)


def article_row(article: Article, run_id: str | None, now: dt.datetime) -> dict[str, Any]:
    published = article.published
    return {
        "id": article.id,
        "content_hash": article.content_hash,
        "source": article.source,
        "format": article.format,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "language": article.language,
        "language_confidence": article.language_confidence,
        "published": published.date.iso if published else None,
        "published_date": published.date.as_date() if published else None,
        "published_precision": published.precision if published else None,
        "published_provenance": published.provenance.value if published else None,
        "dateline_place": article.dateline.place if article.dateline else None,
        "duplicate_of": article.duplicate_of,
        "duplicate_kind": article.duplicate_kind,
        "n_chars": len(article.text),
        "text": article.text,
        "record": article.model_dump_json(exclude=ARTICLE_CHILDREN),
        "run_id": run_id,
        "ingested_at": now,
    }


def mention_row(article: Article, mention: Mention) -> dict[str, Any]:
    return {
        "id": mention.id,
        "article_id": article.id,
        "sentence": mention.sentence,
        "start_char": mention.span.start,
        "end_char": mention.span.end,
        "text": mention.span.text,
        "kind": mention.kind.value,
        "actor": mention.actor,
        "code": mention.code,
        "role": mention.role,
        "confidence": mention.confidence,
        "chain": mention.chain,
        "method": mention.method,
        "unresolved_reason": mention.unresolved_reason,
    }


def event_row(article: Article, event: Event) -> dict[str, Any]:
    date, place = event.date, event.place
    return {
        "id": event.id,
        "article_id": article.id,
        "sentence": event.sentence,
        "language": article.language,
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "cameo_root": event.cameo[:2] if event.cameo else None,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "intensity": event.intensity,
        "source_actor": event.source.actor if event.source else None,
        "source_code": event.source.code if event.source else None,
        "source_text": event.source.span.text if event.source and event.source.span else None,
        "target_actor": event.target.actor if event.target else None,
        "target_code": event.target.code if event.target else None,
        "target_text": event.target.span.text if event.target and event.target.span else None,
        "event_date": date.date.as_date() if date else None,
        "date": date.date.iso if date else None,
        "date_end": event.date_end.iso if event.date_end else None,
        "date_precision": date.precision if date else None,
        "date_provenance": date.provenance.value if date else None,
        "place": place.name if place else None,
        "place_country": place.country if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geonames_id": place.geonames_id if place else None,
        "trigger_text": event.trigger.text,
        "confidence": event.confidence,
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "rule": event.rule,
        "story_id": event.story,
        "record": event.model_dump_json(),
        **_code_parts("source", event.source.code if event.source else None),
        **_code_parts("target", event.target.code if event.target else None),
    }


def _code_parts(side: str, code: str | None) -> dict[str, str | None]:
    """The parts of a code, stored so that filtering by "OIC" or "IRN" compares columns, not strings."""
    root, _, leaf = (code or "").partition(".")
    return {f"{side}_root": root or None, f"{side}_leaf": leaf or None}


def time_row(article: Article, time: TemporalExpression) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "start_char": time.span.start,
        "end_char": time.span.end,
        "text": time.span.text,
        "value": time.value.iso if time.value else None,
        "end_value": time.end.iso if time.end else None,
        "precision": time.value.precision if time.value else None,
        "anchor": time.anchor,
        "kind": time.text_kind,
    }


def actor_row(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "country": actor.country,
        "sector": actor.sector,
        "cameo": actor.cameo,
        "wikidata": actor.wikidata,
        "record": actor.model_dump_json(),
    }
