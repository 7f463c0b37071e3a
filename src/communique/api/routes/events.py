"""Events, one event with its evidence, and statistics over the filtered events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from communique.api import deps, queries
from communique.api.csvout import CSV_RESPONSE, csv_response
from communique.api.evidence import detail, load_article
from communique.api.params import EventFilters, FormatQuery, Limit, Offset, event_filters
from communique.api.problems import PROBLEM_RESPONSES, ProblemError
from communique.api.schemas import EventDetail, EventPage, Network, PlacePoint, Summary, TimelinePoint
from communique.store.database import Store

router = APIRouter(tags=["events"], responses=PROBLEM_RESPONSES)
StoreDep = Annotated[Store, Depends(deps.store)]
Filters = Annotated[EventFilters, Depends(event_filters)]
EventId = Annotated[str, Path(max_length=64, pattern=r"^[\w.:-]+$")]


@router.get("/events", response_model=EventPage, responses=CSV_RESPONSE)
def list_events(
    store: StoreDep,
    filters: Filters,
    sort: Annotated[queries.EventSort, Query(description="A column; '-' first for descending.")] = "date",
    limit: Limit = 100,
    offset: Offset = 0,
    format: FormatQuery = "json",
) -> EventPage | Response:
    """Coded events matching every filter given, one page at a time."""
    items, total = queries.event_page(store.connection, filters.kwargs(), sort, limit, offset)
    if format == "csv":
        return csv_response(items, queries.EVENT_COLUMNS, "events")
    return EventPage.model_validate({"items": items, "total": total, "limit": limit, "offset": offset})


@router.get("/events/{event_id}", response_model=EventDetail)
def get_event(store: StoreDep, event_id: EventId) -> EventDetail:
    """One event with its sentence, the span of each field's evidence, its codes and rule."""
    event = store.event(event_id)
    if event is None:
        raise ProblemError(404, f"no event {event_id!r}")
    article = load_article(store, event.article)
    if article is None:
        raise ProblemError(404, f"event {event_id!r} refers to a missing article {event.article!r}")
    return detail(article, event)


@router.get("/stats", response_model=Summary, tags=["statistics"])
def stats(store: StoreDep, filters: Filters) -> Summary:
    """How many events match, by type, quad class and language; their first and last dates."""
    return Summary.model_validate(queries.summary(store.connection, filters.kwargs()))


@router.get("/stats/timeline", response_model=list[TimelinePoint], tags=["statistics"])
def timeline(
    store: StoreDep,
    filters: Filters,
    by: queries.TimelineKey = "type",
    interval: queries.Interval = "month",
) -> list[TimelinePoint]:
    """Dated events per period, by PLOVER type or quad class."""
    points = queries.timeline(store.connection, filters.kwargs(), by, interval)
    return [
        TimelinePoint.model_validate(p | {"key": None if p["key"] is None else str(p["key"])}) for p in points
    ]


@router.get("/stats/network", response_model=Network, tags=["statistics"])
def network(
    store: StoreDep,
    filters: Filters,
    level: Annotated[
        queries.NetworkLevel,
        Query(description="group: states and organisations (IRN, OIC); actor: each actor."),
    ] = "group",
    limit: Annotated[int, Query(ge=1, le=1000, description="Most edges, the heaviest first.")] = 100,
) -> Network:
    """Actors linked by their events: edge weight is the number of events, colour the mean Goldstein score."""
    return Network.model_validate(queries.network(store.connection, filters.kwargs(), level, limit))


@router.get("/stats/places", response_model=list[PlacePoint], tags=["statistics"])
def places(
    store: StoreDep,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> list[PlacePoint]:
    """Where events happened: places with coordinates and their event counts."""
    return [PlacePoint.model_validate(p) for p in queries.places(store.connection, filters.kwargs(), limit)]
