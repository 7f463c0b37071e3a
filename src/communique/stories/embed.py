"""Article embeddings with the process's one sentence encoder (:mod:`communique.encoder`, multilingual USE v3).

An article is embedded by its *story text*: the title and the first sentences of its body, where a news report
says what happened; the rest of an article drifts to background and quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np

from communique.encoder import DIMENSIONS, MODEL_NAME, Vectors, encode

if TYPE_CHECKING:
    from communique.models import Article

__all__ = ["DIMENSIONS", "MODEL_NAME", "StoryEmbedder", "Vectors", "embed", "story_text"]

LEDE_SENTENCES = 3
MAX_CHARS = 400

_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")


def story_text(article: Article) -> str:
    """Title plus the first :data:`LEDE_SENTENCES` sentences, whitespace collapsed, at most :data:`MAX_CHARS`."""
    text = article.text
    if article.sentences:
        end = article.sentences[min(LEDE_SENTENCES, len(article.sentences)) - 1].end
        lede = text[: max(end, 1)]
    else:
        lede = " ".join(_SENTENCE_END.split(text[: MAX_CHARS * 2])[:LEDE_SENTENCES])
    if article.title and not text.startswith(article.title):
        lede = f"{article.title}. {lede}"
    return _SPACE.sub(" ", lede).strip()[:MAX_CHARS]


def embed(texts: Sequence[str]) -> Vectors:
    """Unit vectors, one row per text (an empty text gets a zero row)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = encode([t or " " for t in texts])
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    np.divide(vectors, norms, out=vectors, where=norms > 0)
    return vectors


class StoryEmbedder:
    """Component ``stories.embed``: one batch of articles embedded at once (a no-op when stories are off)."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled

    def __call__(self, article: Article) -> Article:
        return next(iter(self.pipe([article])))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        batch = list(articles)
        if self.enabled and batch:
            for article, vector in zip(batch, embed([story_text(a) for a in batch]), strict=True):
                article._story_vector = vector
        return iter(batch)
