"""Reading gold files (``../shared/gold/README.md``) and turning their records into bare articles.

A gold line is either article-level (``doc``: a file beside the gold folder, with ``actors`` and events with
dates and places) or sentence-level (``text`` inline, with ``id``, ``source_dataset`` and maybe ``task``).
Every line becomes one :class:`GoldRecord`; a malformed one raises :class:`GoldFormatError` naming
``file:line``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from communique.config import IngestConfig
from communique.errors import InputError
from communique.ingest.article import new_article
from communique.ingest.readers import read_file
from communique.models import Article, PartialDate

__all__ = [
    "GoldActor",
    "GoldDate",
    "GoldEvent",
    "GoldFormatError",
    "GoldRecord",
    "articles_for",
    "load_gold",
]

Task = Literal["detection", "classification"]


class GoldFormatError(InputError):
    """A gold line that cannot be used; ``source`` is ``file:line``."""


@dataclass(frozen=True)
class GoldDate:
    """A gold date: one partial date (``2009``, ``2009-03``, ``2009-03-10``) or a range ``start/end``."""

    start: PartialDate
    end: PartialDate | None = None

    @classmethod
    def parse(cls, value: str) -> GoldDate:
        first, sep, last = value.strip().partition("/")
        start = PartialDate.parse(first)
        end = PartialDate.parse(last) if sep else None
        if start.year is None or (end is not None and end.year is None):
            raise ValueError(f"a gold date needs a year: {value!r}")
        return cls(start, end)

    def interval(self) -> tuple[dt.date, dt.date]:
        """The first and last day the date allows (a year is its 365 days, a range spans both ends)."""
        low, _ = day_interval(self.start)
        _, high = day_interval(self.end or self.start)
        return low, high

    @property
    def iso(self) -> str:
        return self.start.iso if self.end is None else f"{self.start.iso}/{self.end.iso}"


def day_interval(date: PartialDate) -> tuple[dt.date, dt.date]:
    """The days a partial date with a known year covers."""
    if date.year is None:
        raise ValueError(f"{date.iso} has no year")
    if date.month is None:
        return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    if date.day is None:
        first = dt.date(date.year, date.month, 1)
        following = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    day = dt.date(date.year, date.month, date.day)
    return day, day


@dataclass(frozen=True)
class GoldActor:
    """One entry of an article's ``actors`` list: a surface text and the code it should get."""

    text: str
    code: str
    role: str | None = None
    kind: str | None = None  # "place": compared by country


@dataclass(frozen=True)
class GoldEvent:
    type: str | None  # None: the source label has no PLOVER type (``unmapped``)
    source: str | None = None  # None or "": any actor (wildcard)
    target: str | None = None
    cameo: str | None = None
    date: GoldDate | None = None
    place: str | None = None
    required: bool | None = None  # None: the dataset does not say
    mode: str | None = None
    evidence: str | None = None
    source_text: str | None = None
    target_text: str | None = None
    unmapped: bool = False


@dataclass(frozen=True)
class GoldRecord:
    """One gold line: an article (``doc``) or a snippet (``text``) with its answers."""

    dataset: str
    language: str
    file: Path
    line: int
    id: str | None = None
    doc: str | None = None
    doc_path: Path | None = None
    text: str | None = None
    published: GoldDate | None = None
    actors: tuple[GoldActor, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    task: Task | None = None
    detection_type: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def key(self) -> str:
        """``dataset:id`` (or ``dataset:doc``): how reports name the record."""
        return f"{self.dataset}:{self.id or self.doc}"

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


# ------------------------------------------------------------------------------------------------- loading


def load_gold(paths: Sequence[Path], *, seeds_dir: Path | None = None) -> list[GoldRecord]:
    """Every record of the gold files, in file and line order.

    A ``doc`` is looked up in ``seeds_dir`` (default: ``seeds`` beside the gold file's folder), then in
    ``corpus`` beside it, then beside the gold file itself; ``name#locator`` names one record of a JSONL file.
    """
    records: list[GoldRecord] = []
    for path in paths:
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise GoldFormatError(str(path), f"cannot read gold file: {exc}") from exc
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                raw = json.loads(line)
                if not isinstance(raw, dict):
                    raise ValueError(f"a JSON {type(raw).__name__}, not an object")
                records.append(_record(raw, path, number, seeds_dir))
            except GoldFormatError:
                raise
            except (ValueError, TypeError, KeyError) as exc:
                raise GoldFormatError(where, str(exc)) from exc
    return records


def _dataset_name(path: Path) -> str:
    name = path.name
    for suffix in (".jsonl", ".dev"):
        name = name.removesuffix(suffix)
    return name


def _record(raw: dict[str, Any], path: Path, line: int, seeds_dir: Path | None) -> GoldRecord:
    doc = _optional_str(raw, "doc")
    text = _optional_str(raw, "text")
    if (doc is None) == (text is None):
        raise ValueError("a gold record needs exactly one of 'doc' and 'text'")
    task = raw.get("task")
    if task not in (None, "detection", "classification"):
        raise ValueError(f"unknown task {task!r}")
    events = raw.get("events", [])
    actors = raw.get("actors", [])
    if not isinstance(events, list) or not isinstance(actors, list):
        raise ValueError("'events' and 'actors' must be lists")
    published = raw.get("published")
    if published is not None and not (isinstance(published, dict) and isinstance(published.get("date"), str)):
        raise ValueError("'published' must be an object with a 'date'")
    record_id = raw.get("id")
    return GoldRecord(
        dataset=str(raw.get("source_dataset") or _dataset_name(path)),
        language=str(raw.get("language") or "und"),
        file=path,
        line=line,
        id=None if record_id is None else str(record_id),
        doc=doc,
        doc_path=_resolve_doc(doc, path, seeds_dir) if doc is not None else None,
        text=text,
        published=GoldDate.parse(published["date"]) if published is not None else None,
        actors=tuple(_actor(a) for a in actors),
        events=tuple(_event(e) for e in events),
        task=task,
        detection_type=_optional_str(raw, "detection_type"),
        extra={k: v for k, v in raw.items() if k not in _RECORD_KEYS},
    )


_RECORD_KEYS = {
    "doc", "text", "id", "source_dataset", "language", "published", "actors", "events", "task", "detection_type",
}  # fmt: skip


def _optional_str(raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be a string, not {type(value).__name__}")
    return value


def _actor(raw: Any) -> GoldActor:
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("text"), str)
        or not isinstance(raw.get("code"), str)
    ):
        raise ValueError(f"an actor needs 'text' and 'code': {raw!r}")
    return GoldActor(
        text=raw["text"], code=raw["code"], role=_optional_str(raw, "role"), kind=_optional_str(raw, "kind")
    )


def _event(raw: Any) -> GoldEvent:
    if not isinstance(raw, dict) or "type" not in raw:
        raise ValueError(f"an event needs a 'type': {raw!r}")
    kind = _optional_str(raw, "type")
    required = raw.get("required")
    if required is not None and not isinstance(required, bool):
        raise ValueError(f"'required' must be true or false, not {required!r}")
    date = _optional_str(raw, "date")
    cameo = raw.get("cameo")
    return GoldEvent(
        type=kind,
        source=_optional_str(raw, "source") or None,
        target=_optional_str(raw, "target") or None,
        cameo=None if cameo is None else str(cameo),
        date=GoldDate.parse(date) if date else None,
        place=_optional_str(raw, "place"),
        required=required,
        mode=_optional_str(raw, "mode"),
        evidence=_optional_str(raw, "evidence"),
        source_text=_optional_str(raw, "source_text"),
        target_text=_optional_str(raw, "target_text"),
        unmapped=bool(raw.get("unmapped")) or kind is None,
    )


def _resolve_doc(doc: str, gold_file: Path, seeds_dir: Path | None) -> Path:
    name = doc.partition("#")[0]
    base = gold_file.resolve().parent
    folders = [seeds_dir if seeds_dir is not None else base.parent / "seeds", base.parent / "corpus", base]
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    tried = ", ".join(str(f) for f in folders)
    raise ValueError(f"document {name!r} is in none of {tried}")


# ------------------------------------------------------------------------------------------------ articles


def articles_for(records: Sequence[GoldRecord], *, ingest: IngestConfig | None = None) -> list[Article]:
    """One bare article per record, in order, to run through the pipeline.

    ``doc`` files are read as ingest reads them (clutter, headers, HTML); inline snippets become text
    articles with source ``gold:<dataset>:<id>``. A snippet's gold ``published`` date is passed on as a date
    hint (snippets have no dateline); a document's never is: finding it is part of what is measured.
    """
    config = ingest or IngestConfig()
    cache: dict[Path, list[Article]] = {}
    articles: list[Article] = []
    for record in records:
        if record.doc_path is not None:
            articles.append(_doc_article(record, config, cache))
            continue
        assert record.text is not None  # guaranteed by the loader
        hints = [record.published.iso] if record.published is not None else []
        articles.append(
            new_article(
                source=f"gold:{record.dataset}:{record.id}", format="text", text=record.text, date_hints=hints
            )
        )
    return articles


def _doc_article(record: GoldRecord, config: IngestConfig, cache: dict[Path, list[Article]]) -> Article:
    assert record.doc_path is not None and record.doc is not None
    path = record.doc_path
    if path not in cache:
        items = list(read_file(path, config))
        cache[path] = [item for item in items if isinstance(item, Article)]
        if not cache[path]:
            reasons = "; ".join(getattr(item, "reason", None) or "" for item in items)
            raise GoldFormatError(record.where, f"{path} holds no article ({reasons})")
    found = cache[path]
    _, sep, locator = record.doc.partition("#")
    if not sep:
        return found[0]
    for article in found:
        if article.source.endswith(f"#{locator}"):
            return article
    raise GoldFormatError(record.where, f"{path} has no record {locator!r}")
