"""Turning a drafted event into a coded :class:`~communique.models.Event`: codes, scores, date and place."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Literal

from communique.actors.kb import state_of
from communique.events.ontology import goldstein, plover_intensity, quad_class
from communique.events.places import Gazetteer, PlaceRecord
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
    TemporalExpression,
)

if TYPE_CHECKING:
    from communique.events.extract import Draft
    from communique.nlp import ParsedSentence

# "in Dakar", "à Téhéran", "en Moscú", "near the town of Samarra", "in northern Mali": a place right after one
# of these is where something happened.
_LOCATED = re.compile(
    r"\b(?:in|at|near|outside(?:\s+of)?|à|au|aux|en|dans|près\s+de|cerca\s+de)\s+(?:(?:the|la|le|el|l')\s*)?"
    r"(?:(?:northern|southern|eastern|western|central|north|south|east|west)\s+)?"
    r"(?:(?:[\w-]+\s+){0,3}(?:city|town|village|capital|province|region|district|ville|capitale|région|ciudad|"
    r"pueblo|provincia|región)\s+(?:of|de|d')\s*)?$",
    re.IGNORECASE,
)


# Prepositions that place what happens: "in", "à", "en" ... (the parse finds them however far: "in a residential
# sector of eastern Beirut").
_LOCATIVE = frozenset(
    {"in", "at", "near", "outside", "inside", "à", "au", "aux", "dans", "en", "près", "cerca"}
)


def _located_by_parse(sentence: ParsedSentence, mention: Mention) -> bool:
    """Whether the parse puts a place under a locative preposition of its noun phrase, before any verb."""
    if not sentence.parsed:
        return False
    token = sentence.head(mention.span.start, mention.span.end)
    for _ in range(6):
        if token is None or token.pos_ in ("VERB", "AUX"):
            return False
        if any(c.dep_ == "case" and c.lower_ in _LOCATIVE for c in token.children):  # UD: "à Beyrouth"
            return True
        head = token.head
        if head.i == token.i:
            return False
        if head.pos_ == "ADP" and head.lower_ in _LOCATIVE:  # English: "in" heads its object
            return True
        token = head
    return False


@functools.cache
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def event(*, event_id: str, article: Article, draft: Draft, time: TemporalExpression | None) -> Event:
    date, date_end, future = _date(article, time)
    mode = draft.mode
    if draft.future or future:
        mode = "future"
    elif draft.negated:
        mode = "negation"
    elif draft.hypothetical:
        mode = "hypothetical"
    return Event(
        id=event_id,
        article=article.id,
        sentence=draft.sentence.index,
        trigger=Span.of(article.text, *draft.trigger),
        type=draft.type,
        mode=mode,
        cameo=draft.cameo,
        source=_actor(draft.source),
        target=_actor(draft.target),
        participants=[a for m in draft.participants if (a := _actor(m)) is not None],
        date=date,
        date_end=date_end,
        place=_place(article, draft),
        quote=Span.of(article.text, *draft.quote) if draft.quote else None,
        negated=draft.negated,
        hypothetical=draft.hypothetical,
        confidence=round(draft.confidence, 3),
        goldstein=goldstein(draft.cameo),
        quad_class=quad_class(draft.cameo),
        intensity=plover_intensity(draft.type, mode),
        rule=draft.rule,
    )


def _actor(mention: Mention | None) -> EventActor | None:
    if mention is None:
        return None
    attributes = {"role": mention.role} if mention.role else {}
    return EventActor(actor=mention.actor, code=mention.code, span=mention.span, attributes=attributes)


def _date(
    article: Article, time: TemporalExpression | None
) -> tuple[DateEvidence | None, PartialDate | None, bool]:
    """The sentence's own date when it has one, else the article's; and whether it lies in the future."""
    if time is not None and time.value is not None:
        evidence = DateEvidence(
            date=time.value,
            provenance=DateProvenance.CONTENT,
            confidence=0.8 if time.anchor == "absolute" else 0.7,
            span=time.span,
            note=f"{time.anchor} expression resolved against the article's date",
        )
        return evidence, time.end, time.mode == "future"
    if article.published is None:
        return None, None, False
    published = article.published.model_copy(update={"note": "the article's date", "span": None})
    return published, None, False


def _place(article: Article, draft: Draft) -> Place | None:
    text = article.text
    sentence_places = [
        m for m in article.mentions if m.sentence == draft.sentence.index and m.kind is MentionKind.PLACE
    ]
    located = [
        m
        for m in sentence_places
        if _LOCATED.search(text[max(0, m.span.start - 60) : m.span.start])
        or _located_by_parse(draft.sentence, m)
    ]
    named = sorted({state for m in article.mentions if (state := state_of(m.code))})
    for mention in sorted(located, key=lambda m: abs(m.span.start - draft.trigger[0])):
        # a place the actor stage put in a state is not its namesake elsewhere ("Antioquia", COL: not Antakya);
        # one it could not place is, at most, in a state the article names ("el caserío Puerto Esperanza" in a
        # Colombian report with no state it could read is not the Argentine town)
        countries = [mention.code.split(".")[0]] if mention.code else named
        record = gazetteer().resolve(mention.span.text, countries=countries)
        if record is not None and record.country in countries:
            return _as_place(record, mention.span, "sentence")
    if article.dateline is not None and article.dateline.place:
        record = gazetteer().resolve(article.dateline.place)
        if record is not None:
            return _as_place(record, article.dateline.place_span, "dateline")
    return None


def _as_place(record: PlaceRecord, span: Span | None, provenance: Literal["sentence", "dateline"]) -> Place:
    return Place(
        name=record.name,
        span=span,
        geonames_id=record.geonames_id,
        country=record.country,
        latitude=record.latitude,
        longitude=record.longitude,
        provenance=provenance,
    )
