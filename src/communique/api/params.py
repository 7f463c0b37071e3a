"""Query parameters shared by the routes: the event filters (the same as the CLI's), pages and formats."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Annotated, Any, Literal

from fastapi import Query

from communique.api.problems import ProblemError

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_LIMIT = 10_000
Format = Literal["json", "csv"]


def parse_date(value: str | None, name: str) -> dt.date | None:
    """2003, 2003-05 or 2003-05-27: the first day of the year or month, as the CLI reads them."""
    if value is None:
        return None
    parts = [int(p) for p in value.split("-")]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise ProblemError(
            422,
            f"{name}={value!r} is not a date",
            errors=[{"loc": ["query", name], "msg": str(exc), "type": "date"}],
        ) from None


@dataclass(frozen=True)
class EventFilters:
    """The keyword arguments of :func:`communique.store.database.event_filters`."""

    actor: str | None = None
    type: str | None = None
    quad_class: int | None = None
    country: str | None = None
    language: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None

    def kwargs(self) -> dict[str, Any]:
        return asdict(self)


def event_filters(
    actor: Annotated[
        str | None,
        Query(
            max_length=100,
            description="An actor id or code on either side: OIC, IRN.GOV, IRN, kamal-kharazi.",
        ),
    ] = None,
    type: Annotated[
        str | None,
        Query(max_length=40, pattern=r"^[A-Za-z_]+$", description="A PLOVER type: CONSULT, ACCUSE…"),
    ] = None,
    quad_class: Annotated[int | None, Query(ge=0, le=4, description="Quad class 0-4.")] = None,
    country: Annotated[
        str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO alpha-3 country of either side.")
    ] = None,
    language: Annotated[
        str | None, Query(pattern=r"^[A-Za-z]{2,3}$", description="Language of the article.")
    ] = None,
    since: Annotated[
        str | None, Query(pattern=DATE_PATTERN, description="On or after (YYYY[-MM[-DD]]).")
    ] = None,
    until: Annotated[
        str | None, Query(pattern=DATE_PATTERN, description="On or before (YYYY[-MM[-DD]]).")
    ] = None,
    text: Annotated[
        str | None, Query(max_length=200, description="Words in the trigger, source or target text.")
    ] = None,
) -> EventFilters:
    return EventFilters(
        actor=actor or None,
        type=type or None,
        quad_class=quad_class,
        country=country or None,
        language=language.lower() if language else None,
        since=parse_date(since, "since"),
        until=parse_date(until, "until"),
        text=text or None,
    )


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=100_000_000, description="Items to skip.")]
FormatQuery = Annotated[Format, Query(description="json, or csv for a spreadsheet.")]
