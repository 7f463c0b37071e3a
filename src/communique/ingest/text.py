"""Plain-text articles: a leading metadata header, web clutter, and a title line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from communique.config import IngestConfig
from communique.ingest.article import ReadItem, long_enough, new_article
from communique.ingest.clutter import is_sentence, remove_clutter

_DATE = (
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    r"|\d{1,2}\.? [^\W\d_]{3,}\.? \d{4}|[^\W\d_]{3,}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}"
)
_URL = r"https?://\S+"
_KEY = r"(?P<key>date|published|title|source|url)"
# "Key: value" or "key = value" up to the end of the line, for any key.
_LINE_FIELD = re.compile(rf"[ \t]*{_KEY}[ \t]*[:=][ \t]*(?P<value>[^\n]+?)[ \t]*(?:\n|$)", re.IGNORECASE)
# Without a separator the value must have a date's or a URL's shape, and may run on into the body on the
# same line (" date 2025-07-24 NEW YORK, ..."); a bare "title" would swallow headlines such as "Title IX...".
_BARE_FIELD = re.compile(
    rf"[ \t]*(?P<key>date|published)[ \t]+(?P<value>{_DATE})(?=\s|$)\s*"
    rf"|[ \t]*(?P<ukey>url|source)[ \t]+(?P<uvalue>{_URL})\s*",
    re.IGNORECASE,
)
_MAX_TITLE = 200


@dataclass
class Header:
    """The metadata fields found before an article's body."""

    fields: dict[str, str] = field(default_factory=dict)
    date_hints: list[str] = field(default_factory=list)


def split_header(text: str) -> tuple[Header, str]:
    """The leading ``date|published|title|source|url`` fields of ``text``, and the text without them."""
    header = Header()
    rest = text.lstrip("\ufeff")
    while True:
        match = _LINE_FIELD.match(rest) or _BARE_FIELD.match(rest)
        if not match:
            break
        key = (match.group("key") or match.group("ukey")).lower()
        value = (match.group("value") or match.group("uvalue")).strip()
        if key in ("date", "published"):
            header.date_hints.append(value)
        header.fields.setdefault(key, value)
        rest = rest[match.end() :].lstrip(" \t")
    return header, rest if header.fields else text


def find_title(text: str) -> str | None:
    """The first line when it reads as a headline: short, not a sentence, then a blank line and more text."""
    first, sep, rest = text.strip().partition("\n")
    first = first.strip()
    if not sep or not rest.startswith("\n") or not rest.strip():
        return None
    if not first or len(first) >= _MAX_TITLE or is_sentence(first) or first.endswith((".", "!", "?")):
        return None
    return first


def read_text(text: str, source: str, config: IngestConfig, *, encoding: str = "utf-8") -> ReadItem:
    """An article from a plain-text document (header fields moved to metadata, clutter lines removed)."""
    header, body = split_header(text)
    cleaned = remove_clutter(body)
    metadata: dict[str, Any] = {}
    if encoding != "utf-8":
        metadata["encoding"] = encoding
    if header.fields:
        metadata["header"] = header.fields
    if cleaned.removed:
        metadata["clutter_removed"] = len(cleaned.removed)
        metadata["clutter_lines"] = cleaned.removed
    source_field = header.fields.get("source", "")
    is_url = source_field.startswith(("http://", "https://"))
    article = new_article(
        source=source,
        format="text",
        text=cleaned.text,
        title=header.fields.get("title") or find_title(cleaned.text.strip()),
        url=header.fields.get("url") or (source_field if is_url else None),
        outlet=None if is_url else source_field,
        metadata=metadata,
        date_hints=header.date_hints,
    )
    return long_enough(article, config.min_chars)
