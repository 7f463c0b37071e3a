"""Which reader an input needs, from its first bytes and, where they are not decisive, its name."""

from __future__ import annotations

import json
import re
from typing import Literal

from communique.ingest.decode import looks_binary

Format = Literal["html", "text", "jsonl", "warc", "feed", "gzip", "binary"]

HEAD_BYTES = 65536  # how much of an input sniffing reads
GZIP_MAGIC = b"\x1f\x8b"

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
# A text that is really HTML but lost its <html> (a fragment saved as .txt): several block tags.
_HTML_TAGS = re.compile(
    rb"</?(?:p|div|br|span|a|h[1-6]|table|article|section|script|meta|title)\b[^>]*>", re.I
)
_EXTENSIONS: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".gz": "gzip",
    ".txt": "text",
}


def extension_format(name: str) -> Format | None:
    """The format a file name suggests (the last suffix), if any."""
    match = re.search(r"\.[A-Za-z0-9]+$", name)
    return _EXTENSIONS.get(match.group(0).lower()) if match else None


def strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def sniff(head: bytes, name: str = "") -> Format:
    """The format of an input whose first bytes are ``head`` (content first: a .txt holding HTML is HTML)."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith((b"WARC/", b"filedesc://")):  # WARC, or its predecessor ARC
        return "warc"
    if looks_binary(head):
        return "binary"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    by_name = extension_format(name)
    if start.startswith(b"<"):
        prologue = start[:4096]
        if _FEED_ROOT.search(prologue) and not _HTML_START.search(prologue):
            return "feed"
        if _HTML_START.search(prologue) or len(_HTML_TAGS.findall(start)) >= 3:
            return "html"
    if start.startswith(b"{") and (by_name == "jsonl" or _first_line_is_json(start)):
        return "jsonl"
    if by_name in ("html", "jsonl", "feed"):
        return by_name
    if len(_HTML_TAGS.findall(start)) >= 5:
        return "html"
    return "text"


def _first_line_is_json(start: bytes) -> bool:
    line, newline, _ = start.partition(b"\n")
    if not newline and len(start) >= HEAD_BYTES - 8:
        return True  # a first line longer than the head: only JSONL has those
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError are both ValueErrors
        return False
