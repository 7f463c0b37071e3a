"""Bounding an undated article's date from the tenures of the office-holders it names with their offices.

"Russian Foreign Minister Sergei Lavrov" can only be written while Lavrov is foreign minister (from March
2004); "Iran's Foreign Minister Kamal Kharrazi" only from 1997 to 2005. The intersection of such intervals bounds
the publication date. A partial date from the dateline ("May 21") then often has one possible year; where it has
several, an explicit year named with "last year" in the text ("fall 2003" … "last year") picks the next one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from communique.models import Actor, DateEvidence, DateProvenance, PartialDate

# "last year" in the languages we date; an explicit year Y mentioned with it suggests publication in Y + 1.
_LAST_YEAR = re.compile(
    r"\b(?:last year|l'an dernier|l'année dernière|l'an passé|el año pasado|el pasado año|letztes Jahr|"
    r"im vergangenen Jahr|в прошлом году|العام الماضي|السنة الماضية|geçen yıl|l'anno scorso|ano passado)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
# How far ahead a date written without its year is announced.
UPCOMING = dt.timedelta(days=90)


@dataclass(frozen=True)
class TenureEvidence:
    """A person named with an office (and, where given, the state or organisation it is of)."""

    person: Actor
    offices: frozenset[str]
    organisation: str | None
    text: str


Interval = tuple[dt.date, dt.date]


def tenure_intervals(evidence: TenureEvidence, today: dt.date) -> list[Interval]:
    out = []
    for office in evidence.person.offices:
        if office.role not in evidence.offices:
            continue
        if evidence.organisation is not None and office.organisation != evidence.organisation:
            continue
        out.append((office.start or dt.date.min, office.end or today))
    return out


def intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    out = []
    for start_a, end_a in a:
        for start_b, end_b in b:
            start, end = max(start_a, start_b), min(end_a, end_b)
            if start <= end:
                out.append((start, end))
    return sorted(out)


def bound(evidence: Iterable[TenureEvidence], today: dt.date) -> tuple[list[Interval], list[str]]:
    """The intervals every piece of evidence allows, and the evidence used (evidence that contradicts the rest,
    such as a KB gap, is left out rather than allowed to empty the result)."""
    allowed: list[Interval] = [(dt.date.min, today)]
    used: list[str] = []
    for item in evidence:
        intervals = tenure_intervals(item, today)
        narrower = intersect(allowed, intervals)
        if narrower:
            allowed = narrower
            used.append(item.text)
    return allowed, used


def infer(
    published: DateEvidence | None,
    text: str,
    evidence: list[TenureEvidence],
    today: dt.date,
    language: str | None = None,
) -> tuple[DateEvidence | None, str | None]:
    """A better publication date from tenures (or None when they pin nothing), and a note on what they allow."""
    if published is not None and published.date.year is not None:
        return None, None
    intervals, used = bound(evidence, today)
    if not used:
        return None, None
    earliest, latest = intervals[0][0], intervals[-1][1]
    note = f"tenures of {'; '.join(dict.fromkeys(used))} allow {earliest} to {latest}"
    if published is not None and published.date.month is not None:
        return _complete(published, text, intervals, note), note
    if earliest.year != latest.year and language is not None:
        narrower = _before_upcoming(text, language, intervals)
        if narrower:
            intervals = narrower
            earliest, latest = intervals[0][0], intervals[-1][1]
            note += f"; an upcoming date without a year narrows it to {earliest} to {latest}"
    if earliest.year != latest.year:
        return None, note
    date = DateEvidence(
        date=PartialDate(year=earliest.year),
        provenance=DateProvenance.INFERRED,
        confidence=0.7,
        earliest=earliest,
        latest=latest,
        note=note,
    )
    return date, note


def _before_upcoming(text: str, language: str, intervals: list[Interval]) -> list[Interval]:
    """News announces a coming date without its year ("will gather here from May 28-31") only when it is weeks
    away: the article then falls within ``UPCOMING`` before one of that date's occurrences in the intervals."""
    from communique.events.times import find_times

    allowed: list[Interval] = []
    for expression in find_times(text, language, None):
        value = expression.value
        if expression.mode != "future" or value is None or value.year is not None or value.month is None:
            continue
        for start, end in intervals:
            for year in range(start.year, end.year + 2):
                try:
                    coming = dt.date(year, value.month, value.day or 1)
                except ValueError:
                    continue
                allowed += intersect([(coming - UPCOMING, coming - dt.timedelta(days=1))], [(start, end)])
        if allowed:
            return sorted(set(allowed))
    return []


def _complete(
    published: DateEvidence, text: str, intervals: list[Interval], note: str
) -> DateEvidence | None:
    """Give a month/day date without a year the year(s) the tenures allow."""
    month, day = published.date.month, published.date.day
    assert month is not None
    years = sorted(
        {
            year
            for start, end in intervals
            for year in range(max(start.year, 1900), end.year + 1)
            if _fits(year, month, day, start, end)
        }
    )
    if len(years) > 1 and _LAST_YEAR.search(text):
        named = {int(y) for y in _YEAR.findall(text)}
        following = [y for y in years if y - 1 in named]
        if len(following) == 1:
            years = following
            note += f"; 'last year' with {following[0] - 1} named"
    if len(years) != 1:
        return None
    date = PartialDate(year=years[0], month=month, day=day)
    return published.model_copy(
        update={
            "date": date,
            "provenance": DateProvenance.INFERRED,
            "confidence": min(published.confidence, 0.8),
            "earliest": _first_day(date),
            "latest": _last_day(date),
            "note": f"{published.provenance.value} gives {published.date.iso}; the year from {note}",
        }
    )


def _fits(year: int, month: int, day: int | None, start: dt.date, end: dt.date) -> bool:
    try:
        first = dt.date(year, month, day or 1)
        last = dt.date(year, month, day) if day else _last_day(PartialDate(year=year, month=month))
    except ValueError:  # Feb 29 in a common year
        return False
    return first <= end and last >= start


def _first_day(date: PartialDate) -> dt.date:
    assert date.year is not None
    return dt.date(date.year, date.month or 1, date.day or 1)


def _last_day(date: PartialDate) -> dt.date:
    assert date.year is not None
    if date.day is not None and date.month is not None:
        return dt.date(date.year, date.month, date.day)
    if date.month is None:
        return dt.date(date.year, 12, 31)
    following = dt.date(date.year + (date.month == 12), date.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)
