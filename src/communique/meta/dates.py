"""The publication date of an article: from metadata, else its dateline, else its first paragraphs.

Every candidate is checked before use: an impossible date (2019-02-30, year 0) or one after tomorrow is not
used, and a warning naming the value is added to ``article.warnings``. A missing year stays missing.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from communique.meta.dateline import DateParts, date_parts, date_regex, find_dateline
from communique.models import Article, DateEvidence, DateProvenance, PartialDate, Span

# How sure each source is on its own.
_CONFIDENCE = {
    "metadata": 1.0,
    "metadata_ambiguous": 0.8,  # "07/08/2025": day and month could be swapped
    "metadata_disputed": 0.7,  # the dateline says another day
    "dateline": 0.9,
    "dateline_with_metadata_year": 0.85,  # metadata gives only the year
    "content": 0.5,  # a date in the lede is mostly the event's day, near the publication's
    "content_unconfirmed": 0.4,  # dateparser did not confirm it
}

_ISO = re.compile(
    r"(?P<y>\d{4})(?:[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?)?"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
)
_DAY_FIRST = re.compile(r"(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<y>\d{4})")
# A line that is a clock or a page time-stamp ("14:10 GMT +3"): no content date is taken from it.
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\b(?:GMT|UTC)\b")
_CONTENT_CHARS = 1200  # "the first paragraphs": the lede, not the whole page
_CONTENT_PARAGRAPHS = 2
_MIN_SENTENCE_LETTERS = 20  # letters besides the date for a line to be running text, not a stamp
_DATEPARSER_SETTINGS: dict[str, Any] = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


@dataclass(frozen=True)
class _Parsed:
    date: PartialDate
    ambiguous: bool = False


class _Invalid(ValueError):
    """A date that was read but cannot be used; the message names why."""


def _checked(year: int | None, month: int | None, day: int | None, today: dt.date) -> PartialDate:
    try:
        date = PartialDate(year=year, month=month, day=day)
    except ValidationError as exc:
        reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise _Invalid(f"is impossible ({reason})") from None
    full = date.as_date()
    if full is not None and full > today + dt.timedelta(days=1):
        raise _Invalid("is in the future")
    return date


def parse_metadata_date(value: str, today: dt.date) -> _Parsed | None:
    """A metadata date string, parsed strictly: ISO 8601, RFC 2822, DD/MM/YYYY or a written full date.

    Returns None when the string is not a date; raises ``_Invalid`` when it is one that cannot be.
    """
    value = value.strip()
    if match := _ISO.fullmatch(value):
        y, m, d = (int(g) if g else None for g in match.group("y", "m", "d"))
        return _Parsed(_checked(y, m, d, today))
    if match := _DAY_FIRST.fullmatch(value):
        a, b, y = (int(g) for g in match.group("a", "b", "y"))
        # Day first, as most of the world writes it, unless only month-first can be a date (07/24/2025).
        day, month = (b, a) if b > 12 >= a else (a, b)
        return _Parsed(_checked(y, month, day, today), ambiguous=a <= 12 and b <= 12 and a != b)
    if (fields := email.utils.parsedate_tz(value)) is not None and re.search(r"[A-Za-z]", value):
        return _Parsed(_checked(fields[0], fields[1], fields[2], today))
    if (written := date_regex().fullmatch(value)) is not None:
        parts = date_parts(written, value)
        return _Parsed(_checked(parts.year, parts.month, parts.day, today)) if parts.year else None
    return None


def _dateparser_confirms(text: str, language: str) -> dt.date | None:
    import dateparser

    try:
        parsed = dateparser.parse(text, languages=[language], settings=_DATEPARSER_SETTINGS)
    except ValueError:  # a language dateparser does not know ("und", "zh-Hant"...)
        return None
    return parsed.date() if parsed is not None else None


def _paragraph_lines(text: str, skip: Span | None) -> list[tuple[int, str]]:
    """(offset, line) of the first paragraphs, without the dateline and without clock/time-stamp lines."""
    head = text[:_CONTENT_CHARS]
    if skip is not None and skip.end <= len(head):
        head = " " * skip.end + head[skip.end :]  # blank out the dateline, keeping offsets
    paragraphs = 0
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in head.split("\n"):
        if not line.strip():
            paragraphs += 1 if lines else 0
        elif not _CLOCK.search(line):
            lines.append((offset, line))
        offset += len(line) + 1
        if paragraphs >= _CONTENT_PARAGRAPHS:
            break
    return lines


class PublicationDater:
    """Sets ``published``, ``dateline`` and (when missing) ``outlet`` on an article."""

    def __init__(self, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.today = today

    def __call__(self, article: Article) -> Article:
        today = self.today()
        found = find_dateline(article.text)
        if found is not None:
            article.dateline = found.dateline
            if article.outlet is None and found.dateline.outlet:
                article.outlet = found.dateline.outlet
        metadata = self._metadata(article, today)
        parts = found.date if found else None
        dateline = self._dateline_date(article, parts, today)
        span = parts.span if parts is not None and dateline is not None else None
        article.published = self._combine(article, metadata, dateline, span)
        if article.published is None:
            article.published = self._content(article, today)
        return article

    def _metadata(self, article: Article, today: dt.date) -> _Parsed | None:
        for hint in article.date_hints:
            try:
                parsed = parse_metadata_date(hint, today)
            except _Invalid as exc:
                article.warnings.append(f"metadata date {hint!r} {exc}")
                continue
            if parsed is None:
                article.warnings.append(f"metadata date {hint!r} not understood")
                continue
            return parsed
        return None

    @staticmethod
    def _dateline_date(article: Article, parts: DateParts | None, today: dt.date) -> PartialDate | None:
        if parts is None:
            return None
        try:
            return _checked(parts.year, parts.month, parts.day, today)
        except _Invalid as exc:
            article.warnings.append(f"dateline date {parts.span.text!r} {exc}")
            return None

    @staticmethod
    def _combine(
        article: Article, metadata: _Parsed | None, dateline: PartialDate | None, span: Span | None
    ) -> DateEvidence | None:
        """Metadata first; the dateline supports it, completes a year-only one, or stands alone."""
        if metadata is None:
            if dateline is None:
                return None
            return DateEvidence(
                date=dateline,
                provenance=DateProvenance.DATELINE,
                confidence=_CONFIDENCE["dateline"],
                span=span,
            )
        meta = metadata.date
        confidence = _CONFIDENCE["metadata_ambiguous" if metadata.ambiguous else "metadata"]
        if dateline is None:
            return DateEvidence(date=meta, provenance=DateProvenance.METADATA, confidence=confidence)
        if (meta.month, meta.day) == (dateline.month, dateline.day) and dateline.year in (None, meta.year):
            return DateEvidence(
                date=meta,
                provenance=DateProvenance.METADATA,
                confidence=max(confidence, _CONFIDENCE["dateline"]),
                span=span,
                note="the dateline agrees",
            )
        completes = meta.day is None and meta.month in (None, dateline.month)
        if completes and dateline.year in (None, meta.year):
            # The metadata knows only the year (or the month): the dateline gives the day.
            return DateEvidence(
                date=PartialDate(year=meta.year, month=dateline.month, day=dateline.day),
                provenance=DateProvenance.DATELINE,
                confidence=_CONFIDENCE["dateline_with_metadata_year"],
                span=span,
                note=f"year from metadata ({meta.iso})",
            )
        article.warnings.append(f"dateline date {dateline.iso} differs from metadata date {meta.iso}")
        return DateEvidence(
            date=meta,
            provenance=DateProvenance.METADATA,
            confidence=_CONFIDENCE["metadata_disputed"],
            note=f"the dateline says {dateline.iso}",
        )

    @staticmethod
    def _content(article: Article, today: dt.date) -> DateEvidence | None:
        skip = article.dateline.span if article.dateline else None
        for offset, line in _paragraph_lines(article.text, skip):
            for match in date_regex().finditer(line):
                parts = date_parts(match, line)
                if parts.year is None:
                    continue
                if sum(ch.isalpha() for ch in line) - sum(ch.isalpha() for ch in match.group(0)) < (
                    _MIN_SENTENCE_LETTERS
                ):
                    continue  # a bare date line is a page stamp, not the article speaking
                try:
                    date = _checked(parts.year, parts.month, parts.day, today)
                except _Invalid as exc:
                    article.warnings.append(f"content date {match.group(0)!r} {exc}")
                    continue
                confirmed = _dateparser_confirms(match.group(0), article.language)
                if confirmed is not None and confirmed != date.as_date():
                    continue  # our reading and dateparser's disagree: use neither
                start = offset + match.start()
                return DateEvidence(
                    date=date,
                    provenance=DateProvenance.CONTENT,
                    confidence=_CONFIDENCE["content" if confirmed else "content_unconfirmed"],
                    span=Span.of(article.text, start, start + len(match.group(0))),
                    note="a full date in the first paragraphs",
                )
        return None
