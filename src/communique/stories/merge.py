"""Merging the raw events of one story that report the same happening.

Two raw events merge when they have the same PLOVER type, the same source and target codes (in either order
for the symmetric types, ``communique.eval.codes.SYMMETRIC_TYPES``: CONSULT), compatible dates (partial dates that overlap, or day dates
at most :data:`DAY_SLACK` apart; an undated event fits any date) and compatible places (the same name or
country; an event with no place fits any). Events are taken in date order and each joins the first merged event
it is compatible with, comparing against every member, so a chain never stretches past the rules.

The merge is a pure function of the raw events: it is recomputed whole for a story, and deleting the merged
rows gives back exactly the raw view (the raw events are never changed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from communique.eval.codes import SYMMETRIC_TYPES
from communique.models import Event, PartialDate

DAY_SLACK = 1


@dataclass(frozen=True)
class RawEvent:
    """A raw event with what merging needs of its article."""

    event: Event
    language: str
    source: str  # outlet, for counting sources


@dataclass
class MergedEvent:
    id: str
    story: str
    members: list[RawEvent] = field(default_factory=list)

    @property
    def first(self) -> Event:
        return self.members[0].event

    @property
    def n_mentions(self) -> int:
        return len(self.members)

    @property
    def n_sources(self) -> int:
        return len({m.source for m in self.members})

    @property
    def n_articles(self) -> int:
        return len({m.event.article for m in self.members})

    @property
    def languages(self) -> list[str]:
        return sorted({m.language for m in self.members})

    @property
    def date(self) -> PartialDate | None:
        """The most precise member date."""
        dates = [m.event.date.date for m in self.members if m.event.date is not None]
        order = {"day": 0, "month": 1, "year": 2}
        return min(dates, key=lambda d: (order[d.precision], d.year is None)) if dates else None

    @property
    def place(self) -> str | None:
        return next((m.event.place.name for m in self.members if m.event.place), None)

    @property
    def place_country(self) -> str | None:
        return next((m.event.place.country for m in self.members if m.event.place), None)

    def reason(self) -> str:
        event = self.first
        sides = f"{_code(event, 'source')} -> {_code(event, 'target')}"
        if event.type in SYMMETRIC_TYPES:
            sides += " (either order)"
        parts = [f"{self.n_mentions} raw events: same type {event.type}", f"actors {sides}"]
        date = self.date
        parts.append(f"dates compatible with {date.iso}" if date else "undated")
        if self.place:
            parts.append(f"place {self.place}")
        return "; ".join(parts) + " — " + ", ".join(m.event.id for m in self.members)

    def evidence(self) -> list[dict[str, Any]]:
        """Every supporting span of every member: trigger, source, target, date, place, quote."""
        out = []
        for member in self.members:
            e = member.event
            spans = {
                "trigger": e.trigger,
                "source": e.source.span if e.source else None,
                "target": e.target.span if e.target else None,
                "date": e.date.span if e.date else None,
                "place": e.place.span if e.place else None,
                "quote": e.quote,
            }
            out.append(
                {
                    "event": e.id,
                    "article": e.article,
                    "language": member.language,
                    "source": member.source,
                    "sentence": e.sentence,
                    "spans": {k: v.model_dump() for k, v in spans.items() if v is not None},
                }
            )
        return out


def _code(event: Event, side: str) -> str:
    actor = event.source if side == "source" else event.target
    if actor is None:
        return "-"
    return actor.code or actor.actor or "-"


def merge_key(event: Event) -> tuple[str, ...]:
    """Events can only merge within one key: type and the two sides (sorted for symmetric types)."""
    sides = (_code(event, "source"), _code(event, "target"))
    if event.type in SYMMETRIC_TYPES:
        sides = (min(sides), max(sides))
    return (event.type, *sides)


def _bounds(date: PartialDate) -> tuple[int | None, dt.date, dt.date]:
    """(year or None, first day, last day) of a partial date; a yearless date uses a leap year's calendar."""
    year = date.year or 2000
    if date.month is None:
        return date.year, dt.date(year, 1, 1), dt.date(year, 12, 31)
    if date.day is None:
        last = (dt.date(year + date.month // 12, date.month % 12 + 1, 1)) - dt.timedelta(days=1)
        return date.year, dt.date(year, date.month, 1), last
    day = dt.date(year, date.month, date.day)
    return date.year, day, day


def dates_compatible(a: PartialDate | None, b: PartialDate | None) -> bool:
    """Overlapping partial dates, or day dates at most :data:`DAY_SLACK` days apart; None fits anything."""
    if a is None or b is None:
        return True
    different_years = a.year is not None and b.year is not None and a.year != b.year
    if different_years and (a.precision != "day" or b.precision != "day"):  # Dec 31 and Jan 1 are a day apart
        return False
    if a.year is None or b.year is None:  # compare month and day only
        a, b = a.model_copy(update={"year": None}), b.model_copy(update={"year": None})
        if a.month is None or b.month is None:
            return True
    _, a_first, a_last = _bounds(a)
    _, b_first, b_last = _bounds(b)
    slack = dt.timedelta(days=DAY_SLACK if a.precision == b.precision == "day" else 0)
    return a_first - slack <= b_last and b_first - slack <= a_last


def places_compatible(a: Event, b: Event) -> bool:
    if a.place is None or b.place is None:
        return True
    if a.place.name.casefold() == b.place.name.casefold():
        return True
    if a.place.geonames_id is not None and a.place.geonames_id == b.place.geonames_id:
        return True
    return a.place.country is not None and a.place.country == b.place.country


def _compatible(event: Event, merged: MergedEvent) -> bool:
    date = event.date.date if event.date else None
    for member in merged.members:
        other = member.event
        if not dates_compatible(date, other.date.date if other.date else None):
            return False
        if not places_compatible(event, other):
            return False
    return True


def merged_id(first_event_id: str) -> str:
    return "me-" + hashlib.blake2b(first_event_id.encode(), digest_size=8).hexdigest()


def _sort_key(raw: RawEvent) -> tuple[bool, str, str]:
    date = raw.event.date
    return (date is None, date.date.iso if date else "", raw.event.id)


def merge_story_events(story: str, events: list[RawEvent]) -> list[MergedEvent]:
    """Group one story's raw events into merged events (negated, hypothetical and actorless events stay alone)."""
    groups: dict[tuple[str, ...], list[MergedEvent]] = {}
    merged: list[MergedEvent] = []
    for raw in sorted(events, key=_sort_key):
        event = raw.event
        # Negated, hypothetical and actorless events say too little to be matched with another report.
        alone = event.negated or event.hypothetical or (event.source is None and event.target is None)
        candidates = [] if alone else groups.setdefault(merge_key(event), [])
        target = next((m for m in candidates if _compatible(event, m)), None)
        if target is None:
            target = MergedEvent(id=merged_id(event.id), story=story)
            merged.append(target)
            if not alone:
                candidates.append(target)
        target.members.append(raw)
    return merged
