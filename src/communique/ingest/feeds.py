"""RSS and Atom feeds: each entry an article, and entries whose linked page was also read give way to it."""

from __future__ import annotations

import email.utils
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import feedparser

from communique.config import IngestConfig
from communique.ingest.article import ReadItem, failed, long_enough, new_article, skipped
from communique.ingest.html import fragment_text
from communique.models import Article, InputOutcome

_PAGE_FORMATS = frozenset({"html", "warc"})
_FEED_FORMATS = frozenset({"rss", "atom"})


def _date_hint(entry: Any) -> str | None:
    """The entry's date as written, made ISO 8601 when it is an RFC 822 date (RSS), keeping its offset."""
    raw = entry.get("published") or entry.get("updated") or entry.get("created")
    if not raw:
        return None
    try:
        return email.utils.parsedate_to_datetime(raw).isoformat()
    except (TypeError, ValueError):
        return str(raw)  # Atom dates are ISO 8601 already; anything else goes to the meta stage as written


def _entry_text(entry: Any) -> str:
    """The longest of the entry's contents and summary, without markup."""
    candidates = [str(part.get("value", "")) for part in entry.get("content", [])]
    candidates.append(str(entry.get("summary", "")))
    return fragment_text(max(candidates, key=len))


def read_feed(data: bytes, label: str, config: IngestConfig) -> Iterator[ReadItem]:
    """Each entry of the feed in ``data`` as an article or an outcome; ``label`` names the file."""
    # Bytes, never a str: feedparser treats a string as a URL or a file name to open.
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        yield (
            failed(label, f"malformed feed: {problem}") if problem else skipped(label, "feed has no entries")
        )
        return
    version = str(parsed.get("version") or "")
    fmt = "atom" if version.startswith("atom") else "rss"
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        locator = entry.get("id") or entry.get("link") or f"entry {number}"
        date = _date_hint(entry)
        metadata: dict[str, Any] = {"feed": label}
        if entry.get("author"):
            metadata["author"] = entry["author"]
        article = new_article(
            source=f"{label}#{locator}",
            format=fmt,
            text=_entry_text(entry),
            title=entry.get("title"),
            url=entry.get("link"),
            outlet=outlet,
            metadata=metadata,
            date_hints=[date] if date else [],
        )
        yield long_enough(article, config.min_chars)


def _same_url(url: str) -> str:
    """A URL compared loosely: no fragment, no trailing slash, case-insensitive scheme and host."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def link_feed_entries(items: list[Article]) -> tuple[list[Article], list[InputOutcome]]:
    """Drop feed entries whose linked page is among ``items``; the page inherits the entry's title and date.

    Returns the articles to keep (in their order) and a SKIPPED outcome for each entry dropped.
    """
    pages: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.format in _PAGE_FORMATS and item.url:
            pages.setdefault(_same_url(item.url), index)
    kept = list(items)
    dropped: set[int] = set()
    outcomes: list[InputOutcome] = []
    for index, entry in enumerate(items):
        if entry.format not in _FEED_FORMATS or not entry.url:
            continue
        page_index = pages.get(_same_url(entry.url))
        if page_index is None:
            continue
        page = kept[page_index]
        kept[page_index] = page.model_copy(
            update={
                "title": page.title or entry.title,
                "date_hints": page.date_hints or list(entry.date_hints),
            }
        )
        dropped.add(index)
        outcomes.append(skipped(entry.source, f"entry's linked page {page.source} was ingested"))
    return [item for index, item in enumerate(kept) if index not in dropped], outcomes
