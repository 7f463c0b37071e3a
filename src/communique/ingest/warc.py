"""WARC archives (plain or gzipped): each HTML response record is a page for the HTML reader."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from communique.config import IngestConfig
from communique.errors import InputError, SkipInput
from communique.ingest.article import ReadItem, failed, skipped
from communique.ingest.html import read_html
from communique.models import InputOutcome

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# What a cut-off or corrupt archive raises from inside warcio: its own error, or the decompressor's.
_BROKEN = (ArchiveLoadFailed, EOFError, zlib.error, OSError)
_RECORD_GAP = 4  # the blank lines that end a record are not part of its length


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _read_record(record: Any, number: int, label: str, config: IngestConfig) -> ReadItem:
    record_id = record.rec_headers.get_header("WARC-Record-ID") or f"record {number}"  # ARC records have none
    source = f"{label}#{record_id}"
    content_type = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or ""
    status = record.http_headers.get_statuscode() if record.http_headers else ""
    mime = content_type.split(";")[0].strip().lower()
    if record.rec_type != "response" or mime not in _HTML_TYPES:
        kind = f"type={record.rec_type}, content-type={content_type or 'none'}"
        return skipped(source, f"WARC record is not an HTML response ({kind})")
    if not str(status).startswith("2"):
        return skipped(source, f"WARC response has HTTP status {status or 'none'}, not 2xx")
    data = record.content_stream().read(config.max_bytes + 1)
    if len(data) > config.max_bytes:
        return skipped(source, f"WARC record is over the limit of {config.max_bytes} bytes")
    if not data:
        return skipped(source, "empty WARC record")
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        return read_html(data, source, config, url=url, charset=_charset(content_type), format="warc")
    except SkipInput as exc:
        return skipped(source, exc.reason)
    except InputError as exc:
        return failed(source, exc.reason)


def read_warc(stream: io.BufferedIOBase, label: str, config: IngestConfig) -> Iterator[ReadItem]:
    """Each record of the archive in ``stream`` as an article or an outcome; ``label`` names the file.

    A cut-off archive ends with a FAILED outcome for the rest: warcio stops quietly on a record whose
    headers were cut, so the bytes read are checked against the records found.
    """
    size = stream.seek(0, io.SEEK_END)
    stream.seek(0)
    archive = ArchiveIterator(stream)
    records = iter(archive)
    count = end = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except _BROKEN as exc:
            yield _truncated(label, count, exc)
            return
        except AttributeError:  # what warcio raises on some records whose headers were cut off
            yield _truncated(label, count, None)
            return
        count += 1
        try:
            item = _read_record(record, count, label, config)
            complete = _drain(record)
        except _BROKEN as exc:
            yield _truncated(label, count - 1, exc)
            return
        yield item if complete else _truncated(label, count - 1, None)
        if not complete:
            return
        archive.read_to_end(record)
        end = archive.get_record_offset() + archive.get_record_length()
    if size - end > _RECORD_GAP:
        yield _truncated(label, count, None)


def _drain(record: Any) -> bool:
    """Read what is left of the record; False when the archive ends before its declared length."""
    raw = record.raw_stream
    while raw.read(65536):
        pass
    return getattr(raw, "limit", 0) <= 0


def _truncated(label: str, complete: int, exc: BaseException | None) -> InputOutcome:
    where = f"after record {complete}" if complete else "at its start"
    detail = ""
    if exc is not None:  # warcio quotes the bad bytes: keep the message short and printable
        message = "".join(c if c.isprintable() else "?" for c in str(exc) or type(exc).__name__)
        detail = f": {message[:120]}"
    return failed(f"{label}#record {complete + 1}", f"truncated or corrupt WARC {where}{detail}")
