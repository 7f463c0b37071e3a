"""Hand-made predicted articles and gold records for the scorer's tests."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from communique.eval.gold import GoldActor, GoldDate, GoldEvent, GoldRecord
from communique.eval.matching import dedupe_symmetric
from communique.eval.scoring import occurrences
from communique.ingest.article import new_article
from communique.models import (
    Article,
    DateEvidence,
    DateProvenance,
    Event,
    EventActor,
    Mention,
    MentionKind,
    PartialDate,
    Place,
    Span,
)

_ids = itertools.count()


def article(text: str = "Some sentence about who did what.", **update: Any) -> Article:
    return new_article(source=f"test:{next(_ids)}", format="text", text=text).model_copy(update=update)


def event(
    type: str,
    source: str | None = None,
    target: str | None = None,
    *,
    cameo: str | None = None,
    date: str | None = None,
    date_end: str | None = None,
    place: str | None = None,
    participants: Sequence[str] = (),
    confidence: float = 0.5,
) -> Event:
    return Event(
        id=f"e{next(_ids)}",
        article="a",
        sentence=0,
        trigger=Span(start=0, end=1, text="x"),
        type=type,
        cameo=cameo,
        source=EventActor(actor=None, code=source) if source is not None else None,
        target=EventActor(actor=None, code=target) if target is not None else None,
        participants=[EventActor(actor=None, code=code) for code in participants],
        date=DateEvidence(date=PartialDate.parse(date), provenance=DateProvenance.CONTENT) if date else None,
        date_end=PartialDate.parse(date_end) if date_end else None,
        place=Place(name=place) if place else None,
        confidence=confidence,
    )


def mention(
    text: str, start: int, end: int, code: str | None, kind: MentionKind = MentionKind.ORGANISATION
) -> Mention:
    return Mention(id=f"m{next(_ids)}", sentence=0, span=Span.of(text, start, end), kind=kind, code=code)


def mention_of(text: str, needle: str, code: str | None, nth: int = 0) -> Mention:
    start = text.index(needle)
    for _ in range(nth):
        start = text.index(needle, start + 1)
    return mention(text, start, start + len(needle), code)


def gold_event(
    type: str | None, source: str | None = None, target: str | None = None, **fields: Any
) -> GoldEvent:
    if isinstance(fields.get("date"), str):
        fields["date"] = GoldDate.parse(fields["date"])
    return GoldEvent(type=type, source=source, target=target, unmapped=type is None, **fields)


def record(
    events: Sequence[GoldEvent] = (),
    *,
    text: str = "Some sentence about who did what.",
    actors: Sequence[GoldActor] = (),
    task: str | None = None,
    detection_type: str | None = None,
    dataset: str = "test",
    language: str = "en",
) -> GoldRecord:
    return GoldRecord(
        dataset=dataset,
        language=language,
        file=Path("test.jsonl"),
        line=next(_ids),
        id=str(next(_ids)),
        text=text,
        actors=tuple(actors),
        events=tuple(events),
        task=task,  # type: ignore[arg-type]
        detection_type=detection_type,
    )


def oracle(gold: GoldRecord, bare: Article) -> Article:
    """The perfect prediction: every gold event and a mention with the right code on every gold actor span."""
    events: list[Event] = []
    for item in dedupe_symmetric(gold.events):
        if item.type is None:
            continue
        date = item.date
        events.append(
            event(
                item.type,
                item.source,
                item.target,
                cameo=item.cameo,
                date=date.start.iso if date else None,
                date_end=date.end.iso if date and date.end else None,
                place=item.place,
                confidence=0.9,
            )
        )
    if gold.task == "detection" and gold.events:
        events = [event(gold.detection_type or "PROTEST")]
    mentions: list[Mention] = []
    wanted: list[tuple[str | None, str | None]] = [(a.text, a.code) for a in gold.actors]
    wanted += [(e.source_text, e.source) for e in gold.events] + [
        (e.target_text, e.target) for e in gold.events
    ]
    for text, code in wanted:
        if not text or not code:
            continue
        for start, end in occurrences(bare.text, text):
            mentions.append(mention(bare.text, start, end, code.replace("---", "XXX")))
    return bare.model_copy(update={"events": events, "mentions": mentions})
