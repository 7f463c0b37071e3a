"""Small builders for story tests: features with controlled vectors, events with controlled fields."""

from __future__ import annotations

import datetime as dt

import numpy as np

from communique.models import DateEvidence, DateProvenance, Event, EventActor, PartialDate, Place, Span
from communique.stories.embed import DIMENSIONS
from communique.stories.features import ArticleFeatures


def unit(seed: int, near: np.ndarray | None = None, noise: float = 0.0) -> np.ndarray:
    """A random unit vector, or one near ``near`` (``noise`` sets how far)."""
    rng = np.random.default_rng(seed)
    vector = rng.standard_normal(DIMENSIONS).astype(np.float32)
    if near is not None:
        vector = near + noise * vector / np.linalg.norm(vector)
    return (vector / np.linalg.norm(vector)).astype(np.float32)


def feat(
    article_id: str,
    vector: np.ndarray,
    *,
    date: dt.date | None = None,
    actors: tuple[str, ...] = (),
    types: tuple[str, ...] = (),
    language: str = "en",
) -> ArticleFeatures:
    return ArticleFeatures(
        id=article_id,
        language=language,
        date=date,
        source=f"outlet-{article_id}",
        actors=frozenset(actors),
        types=frozenset(types),
        vector=vector,
    )


def event(
    event_id: str,
    article: str,
    *,
    type: str = "CONSULT",
    source: str | None = "IRN.GOV",
    target: str | None = "IGOMOSOIC",
    date: str | None = "2004-05-21",
    place: str | None = None,
) -> Event:
    return Event(
        id=event_id,
        article=article,
        sentence=0,
        trigger=Span(start=0, end=3, text="met"),
        type=type,
        source=EventActor(actor=None, code=source) if source else None,
        target=EventActor(actor=None, code=target) if target else None,
        date=DateEvidence(date=PartialDate.parse(date), provenance=DateProvenance.CONTENT) if date else None,
        place=Place(name=place) if place else None,
    )
