"""What story clustering knows of an article: its embedding, date, resolved actors, event types, outlet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlparse

import numpy as np

from communique.models import Article, MentionKind
from communique.stories.embed import Vectors

# Mentions that say nothing about which happening a report is on.
_IGNORED_KINDS = frozenset({MentionKind.PRONOUN, MentionKind.GROUP})


@dataclass(frozen=True)
class ArticleFeatures:
    """The clustering view of one article. ``vector`` is a unit-length embedding (a row of float32)."""

    id: str
    language: str
    date: dt.date | None
    source: str
    actors: frozenset[str]
    types: frozenset[str]
    vector: Vectors
    title: str = ""


def article_date(article: Article) -> dt.date | None:
    """The publication day, when it is known to the day (a month or a year is too vague for a 3-day window)."""
    published = article.published
    if published is not None and published.precision == "day":
        return published.date.as_date()
    return None


def article_source(article: Article) -> str:
    """Who published it, for counting sources: the outlet, else the URL's host, else the input file."""
    if article.outlet:
        return article.outlet.strip().lower()
    if article.dateline is not None and article.dateline.outlet:
        return article.dateline.outlet.strip().lower()
    if article.url:
        host = urlparse(article.url).netloc.lower()
        if host:
            return host.removeprefix("www.")
    return article.source.split("#", 1)[0]


def article_actors(article: Article) -> frozenset[str]:
    """Resolved actor ids of the article's named mentions (pronouns and role collectives left out)."""
    return frozenset(m.actor for m in article.mentions if m.actor and m.kind not in _IGNORED_KINDS)


def features(article: Article, vector: Vectors) -> ArticleFeatures:
    return ArticleFeatures(
        id=article.id,
        language=article.language,
        date=article_date(article),
        source=article_source(article),
        actors=article_actors(article),
        types=frozenset(e.type for e in article.events if not e.negated and not e.hypothetical),
        vector=np.asarray(vector, dtype=np.float32),
        title=(article.title or article.text[:80]).strip(),
    )
