"""Turning what a reader found into a bare :class:`~communique.models.Article` with stable ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from communique.models import Article, InputOutcome, InputStatus

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_RUNS = re.compile(r"\n{3,}")
_ALL_WHITESPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """The text we store: NFC, Unix newlines, no trailing spaces, at most one blank line in a row.

    Offsets of every span refer to this form.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "").replace("\x00", "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def content_hash(text: str) -> str:
    """Hash of the normalised text (case- and whitespace-insensitive): equal for exact duplicates."""
    normal = _ALL_WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    return hashlib.blake2b(normal.encode("utf-8"), digest_size=10).hexdigest()


def article_id(source: str, text_hash: str) -> str:
    """Stable id of one article from one source: re-reading the same input gives the same id.

    Two sources with the same text are two articles (both are evidence, as wire copy reprinted by two outlets
    is); the second gets ``duplicate_of`` the first.
    """
    return hashlib.blake2b(f"{source}\x1f{text_hash}".encode(), digest_size=8).hexdigest()


def new_article(
    *,
    source: str,
    format: str,
    text: str,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    metadata: dict[str, Any] | None = None,
    date_hints: list[str] | None = None,
) -> Article:
    text = clean_text(text)
    digest = content_hash(text)
    return Article(
        id=article_id(source, digest),
        content_hash=digest,
        source=source,
        format=format,  # validated by pydantic
        text=text,
        title=clean_text(title) or None if title else None,
        url=url or None,
        outlet=outlet or None,
        metadata=metadata or {},
        date_hints=date_hints or [],
    )


ReadItem = Article | InputOutcome
"""What a reader yields: an article, or the outcome (skipped or failed, and why) of an input that is not."""


def skipped(source: str, reason: str) -> InputOutcome:
    return InputOutcome(source=source, status=InputStatus.SKIPPED, reason=reason)


def failed(source: str, reason: str) -> InputOutcome:
    return InputOutcome(source=source, status=InputStatus.FAILED, reason=reason)


def text_length(text: str) -> int:
    """Length of ``text``, wide (CJK) characters counted twice: each carries about what two Latin ones do."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def long_enough(article: Article, min_chars: int) -> ReadItem:
    """The article, or a skip when its cleaned text is too short to be one."""
    if len(article.text) < min_chars and text_length(article.text) < min_chars:
        return skipped(
            article.source, f"text is {len(article.text)} characters, under the minimum of {min_chars}"
        )
    return article
