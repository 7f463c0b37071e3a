"""JSON Lines: one article per line, fields named as the configuration says, streamed."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from communique.config import IngestConfig, JsonlFields
from communique.errors import SkipInput
from communique.ingest.article import ReadItem, failed, long_enough, new_article, skipped
from communique.ingest.decode import decode


def _first(record: dict[str, Any], keys: list[str]) -> tuple[str | None, Any]:
    """The first of ``keys`` present (and not null) in ``record``, with its value."""
    for key in keys:
        if record.get(key) is not None:
            return key, record[key]
    return None, None


def _optional_str(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def read_record(
    record: dict[str, Any], label: str, number: int, config: IngestConfig, *, encoding: str = "utf-8"
) -> ReadItem:
    """An article from the JSON object on line ``number`` of the file ``label``."""
    where = f"{label}:{number}"
    fields: JsonlFields = config.jsonl
    used: dict[str, Any] = {}
    for name in ("text", "title", "url", "date", "language", "id", "outlet"):
        key, value = _first(record, getattr(fields, name))
        if key is not None:
            used[name] = value
            used[f"{name}_key"] = key
    doc_id = _optional_str(used.get("id"))
    source = f"{label}#{doc_id or f'line {number}'}"
    text = used.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        return skipped(source, f"{where}: no text (none of the fields {', '.join(fields.text)} has any)")
    if not isinstance(text, str):
        return failed(source, f"{where}: field {used['text_key']!r} is a {type(text).__name__}, not a string")
    keys = {used[k] for k in used if k.endswith("_key")}
    metadata = {key: value for key, value in record.items() if key not in keys}
    language = _optional_str(used.get("language"))
    if language:
        metadata["declared_language"] = language
    if encoding != "utf-8":
        metadata["encoding"] = encoding
    date = _optional_str(used.get("date"))
    article = new_article(
        source=source,
        format="jsonl",
        text=text,
        title=_optional_str(used.get("title")),
        url=_optional_str(used.get("url")),
        outlet=_optional_str(used.get("outlet")),
        metadata=metadata,
        date_hints=[date] if date else [],
    )
    return long_enough(article, config.min_chars)


def read_jsonl(lines: Iterable[bytes], label: str, config: IngestConfig) -> Iterator[ReadItem]:
    """Each non-blank line of ``lines`` as an article or an outcome; ``label`` names the file."""
    for number, raw in enumerate(lines, start=1):
        where = f"{label}:{number}"
        if not raw.strip():
            continue
        if len(raw) > config.max_bytes:
            reason = f"{where}: line is {len(raw)} bytes, over the limit of {config.max_bytes}"
            yield skipped(f"{label}#line {number}", reason)
            continue
        try:
            decoded = decode(raw, where)
            record = json.loads(decoded.text)
        except SkipInput:
            yield skipped(f"{label}#line {number}", f"{where}: binary data, not JSON")
            continue
        except json.JSONDecodeError as exc:
            yield failed(f"{label}#line {number}", f"{where}: invalid JSON: {exc}")
            continue
        if not isinstance(record, dict):
            yield failed(f"{label}#line {number}", f"{where}: a JSON {type(record).__name__}, not an object")
            continue
        yield read_record(record, label, number, config, encoding=decoded.encoding)
