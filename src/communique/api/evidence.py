"""An event's evidence as the dashboard shows it: its sentence and the span of each field, with its codes."""

from __future__ import annotations

import json
from typing import Any

from communique.api.schemas import ArticleInfo, EventDetail, EvidenceSpan
from communique.cli.inspect import EVIDENCE_STYLES, evidence_spans
from communique.models import Article, Event, PartialDate, Span, TemporalExpression
from communique.store.database import Store


def load_article(store: Store, article_id: str) -> Article | None:
    """The article's own record and text, without its children."""
    row = store.connection.execute("SELECT record, text FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        return None
    data = json.loads(row[0])
    data["text"] = row[1]
    return Article.model_validate(data)


def load_times(store: Store, article_id: str) -> list[TemporalExpression]:
    """The article's temporal expressions (read here: ``Store.times`` turns missing values into NaN)."""
    found = store.connection.execute(
        "SELECT start_char, end_char, text, value, end_value, anchor, kind FROM temporal_expressions "
        "WHERE article_id = ? ORDER BY start_char",
        [article_id],
    ).fetchall()
    return [
        TemporalExpression(
            span=Span(start=start, end=end, text=text),
            value=PartialDate.parse(value) if value else None,
            end=PartialDate.parse(end_value) if end_value else None,
            anchor=anchor or "absolute",
            text_kind=kind or "",
        )
        for start, end, text, value, end_value, anchor, kind in found
    ]


def spans(article: Article, event: Event) -> list[EvidenceSpan]:
    """Each field's supporting characters, in the order of :data:`EVIDENCE_STYLES`."""
    found = dict(evidence_spans(event))
    found["quote"] = (event.quote.start, event.quote.end) if event.quote else None
    out = []
    for field in EVIDENCE_STYLES:
        span = found.get(field)
        if span is not None and 0 <= span[0] <= span[1] <= len(article.text):
            out.append(
                EvidenceSpan(field=field, start=span[0], end=span[1], text=article.text[span[0] : span[1]])
            )
    return out


def codes(event: Event) -> dict[str, Any]:
    return {
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "source": event.source.code if event.source else None,
        "target": event.target.code if event.target else None,
        "rule": event.rule,
        "confidence": event.confidence,
    }


def detail(article: Article, event: Event) -> EventDetail:
    sentence = next((s for s in article.sentences if s.start <= event.trigger.start < s.end), None)
    published = article.published.date.iso if article.published else None
    return EventDetail(
        event=event,
        article=ArticleInfo(
            id=article.id,
            source=article.source,
            title=article.title,
            url=article.url,
            outlet=article.outlet,
            language=article.language,
            published=published,
        ),
        sentence=sentence,
        sentence_text=article.text[sentence.start : sentence.end] if sentence else None,
        evidence=spans(article, event),
        codes=codes(event),
    )
