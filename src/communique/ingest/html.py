"""HTML pages: the article text and metadata as trafilatura extracts them."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from communique.config import IngestConfig
from communique.errors import SkipInput
from communique.ingest.article import ReadItem, long_enough, new_article
from communique.ingest.decode import decode

# Only the page's metadata (meta tags, JSON-LD, <time>, the URL) may date it: htmldate's extensive search
# reads dates from the content, where a page clock ("14:10 GMT 23 February 2019") would pass for the date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_HTML_LANG = re.compile(
    r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.IGNORECASE
)
_HTML_ROOT = re.compile(r"<(?:html|body)\b", re.IGNORECASE)
_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def read_html(
    data: bytes,
    source: str,
    config: IngestConfig,
    *,
    url: str | None = None,
    charset: str | None = None,
    format: str = "html",
) -> ReadItem:
    """An article from an HTML page; :class:`SkipInput` when the page holds no article text.

    ``url`` is where the page was fetched (a WARC's target URI); without it the page's canonical URL is used.
    """
    decoded = decode(data, source, charset or declared_charset(data))
    markup = decoded.text
    if not _HTML_ROOT.search(markup[:4096]):
        markup = f"<html><body>{markup}</body></html>"  # trafilatura finds no tree in a bare fragment
    import trafilatura  # here, not at the top: every process imports the readers, few read HTML (0.25 s)

    doc = trafilatura.bare_extraction(
        markup, url=url, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
    )
    if doc is None or isinstance(doc, dict) or not doc.text or not doc.text.strip():
        raise SkipInput(source, "no article text found in the HTML page")
    metadata: dict[str, Any] = {}
    if decoded.encoding != "utf-8":
        metadata["encoding"] = decoded.encoding
    if url and doc.url and doc.url != url:
        metadata["canonical_url"] = doc.url
    if doc.author:
        metadata["author"] = doc.author
    lang = _HTML_LANG.search(decoded.text[:4096])
    if lang:
        metadata["declared_language"] = lang.group(1)
    article = new_article(
        source=source,
        format=format,
        text=doc.text,
        title=doc.title,
        url=url or doc.url,
        outlet=doc.sitename,
        metadata=metadata,
        date_hints=[doc.date] if doc.date else [],
    )
    return long_enough(article, config.min_chars)


class _TextCollector(HTMLParser):
    """Collects the text of markup, a line break at each block element; drops scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed summary), one line per block element."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return "".join(collector.parts)
