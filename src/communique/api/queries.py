"""The API's read queries: pagination, sorting, statistics, network and places over the shared filters.

Every WHERE clause comes from :func:`~communique.store.database.event_filters` (or is written here with ``?``
parameters); sort columns come from a fixed table, never from the request's text.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal

import duckdb

from communique.store.database import event_filters
from communique.store.rows import EVENT_SCHEMA

EVENT_COLUMNS = [c for c in EVENT_SCHEMA.names if c != "record"]
EventSort = Literal[
    "date",
    "-date",
    "type",
    "-type",
    "cameo",
    "-cameo",
    "goldstein",
    "-goldstein",
    "confidence",
    "-confidence",
    "quad_class",
    "-quad_class",
    "source",
    "-source",
    "target",
    "-target",
    "language",
    "-language",
]
_EVENT_SORT_COLUMNS = {
    "date": "event_date",
    "type": "type",
    "cameo": "cameo",
    "goldstein": "goldstein",
    "confidence": "confidence",
    "quad_class": "quad_class",
    "source": "source_code",
    "target": "target_code",
    "language": "language",
}
Interval = Literal["day", "week", "month", "year"]
TimelineKey = Literal["type", "quad_class"]
NetworkLevel = Literal["group", "actor"]

# "IGO.OIC" -> "OIC", "IRN.GOV" -> "IRN": the state or organisation an actor's code belongs to (from the code
# parts the events table stores).
_GROUP = "CASE WHEN {side}_root IN ('IGO', 'NGO') THEN {side}_leaf ELSE {side}_root END"


def jsonable(value: Any) -> Any:
    """A DuckDB value as JSON: dates as ISO strings, NaN as null."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return None
    return value


def rows(connection: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Every row of a query as a dict of JSON values."""
    cursor = connection.execute(sql, list(params))
    names = [d[0] for d in cursor.description or []]
    return [{n: jsonable(v) for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


def scalar(connection: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> Any:
    row = connection.execute(sql, list(params)).fetchone()
    return row[0] if row else None


def order_by(sort: EventSort) -> str:
    column = _EVENT_SORT_COLUMNS[sort.lstrip("-")]
    direction = "DESC" if sort.startswith("-") else "ASC"
    return f"ORDER BY {column} {direction} NULLS LAST, rowid"


def event_page(
    connection: duckdb.DuckDBPyConnection, filters: dict[str, Any], sort: EventSort, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of events (query columns) and how many match in all."""
    where, params = event_filters(**filters)
    total = int(scalar(connection, f"SELECT count(*) FROM events {where}", params) or 0)
    # Late materialisation: sort and cut on the sort key and rowid alone, then read the page's columns.
    order = order_by(sort)
    sql = (
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE rowid IN "
        f"(SELECT rowid FROM events {where} {order} LIMIT ? OFFSET ?) {order}"
    )
    return rows(connection, sql, [*params, limit, offset]), total


def summary(connection: duckdb.DuckDBPyConnection, filters: dict[str, Any]) -> dict[str, Any]:
    """Counts of the matching events by type, quad class and language, their dates and the table sizes."""
    where, params = event_filters(**filters)
    head = connection.execute(
        f"SELECT count(*), min(event_date), max(event_date), avg(goldstein), count(DISTINCT article_id) "
        f"FROM events {where}",
        params,
    ).fetchone()
    assert head is not None

    def counts(column: str) -> dict[str, int]:
        found = connection.execute(
            f"SELECT {column}, count(*) FROM events {where} GROUP BY ALL ORDER BY 2 DESC, 1", params
        ).fetchall()
        return {str(key): int(n) for key, n in found}

    tables = {
        name: int(scalar(connection, f"SELECT count(*) FROM {name}") or 0)
        for name in ("articles", "events", "mentions", "actors")
    }
    return {
        "events": int(head[0]),
        "articles_with_events": int(head[4]),
        "first": jsonable(head[1]),
        "last": jsonable(head[2]),
        "mean_goldstein": jsonable(head[3]),
        "by_type": counts("type"),
        "by_quad_class": counts("quad_class"),
        "by_language": counts("language"),
        "tables": tables,
    }


def timeline(
    connection: duckdb.DuckDBPyConnection, filters: dict[str, Any], by: TimelineKey, interval: Interval
) -> list[dict[str, Any]]:
    """Events per period and per type (or quad class); undated events are left out."""
    where, params = event_filters(**filters)
    where = f"{where} AND event_date IS NOT NULL" if where else "WHERE event_date IS NOT NULL"
    column = {"type": "type", "quad_class": "CAST(quad_class AS VARCHAR)"}[by]
    unit = {"day": "day", "week": "week", "month": "month", "year": "year"}[interval]
    sql = (
        f"SELECT date_trunc('{unit}', event_date)::DATE AS period, {column} AS key, count(*) AS events "
        f"FROM events {where} GROUP BY ALL ORDER BY period, key"
    )
    return rows(connection, sql, params)


def network(
    connection: duckdb.DuckDBPyConnection, filters: dict[str, Any], level: NetworkLevel, limit: int
) -> dict[str, list[dict[str, Any]]]:
    """Actors (or the states and organisations they belong to) linked by their events, undirected.

    Each edge carries the number of events between its ends and their mean Goldstein score.
    """
    where, params = event_filters(**filters)
    if level == "group":
        source, target = _GROUP.format(side="source"), _GROUP.format(side="target")
    else:
        source, target = "coalesce(source_actor, source_code)", "coalesce(target_actor, target_code)"
    both = f"{where} AND" if where else "WHERE"
    edges = rows(
        connection,
        f"""
        WITH pairs AS (
            SELECT {source} AS s, {target} AS t, goldstein FROM events
            {both} source_code IS NOT NULL AND target_code IS NOT NULL
        )
        SELECT least(s, t) AS source, greatest(s, t) AS target, count(*) AS events,
               avg(goldstein) AS goldstein
        FROM pairs WHERE s <> '' AND t <> '' AND s <> t
        GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?
        """,
        [*params, limit],
    )
    weight: dict[str, int] = {}
    for edge in edges:
        for end in (edge["source"], edge["target"]):
            weight[end] = weight.get(end, 0) + int(edge["events"])
    names = _names(connection, list(weight))
    nodes = [
        {"id": node, "label": names.get(node, node), "events": n}
        for node, n in sorted(weight.items(), key=lambda item: (-item[1], item[0]))
    ]
    return {"nodes": nodes, "edges": edges}


def _names(connection: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    found = connection.execute("SELECT id, name FROM actors WHERE list_contains(?, id)", [ids]).fetchall()
    return {str(i): str(n) for i, n in found}


def places(
    connection: duckdb.DuckDBPyConnection, filters: dict[str, Any], limit: int
) -> list[dict[str, Any]]:
    """Event places with coordinates and how many events happened there."""
    where, params = event_filters(**filters)
    both = f"{where} AND" if where else "WHERE"
    return rows(
        connection,
        f"""
        SELECT place, place_country AS country, latitude, longitude, count(*) AS events,
               avg(goldstein) AS goldstein
        FROM events {both} latitude IS NOT NULL AND longitude IS NOT NULL
        GROUP BY ALL ORDER BY events DESC, place LIMIT ?
        """,
        [*params, limit],
    )


def actor_activity(
    connection: duckdb.DuckDBPyConnection, actor_id: str, interval: Interval
) -> list[dict[str, Any]]:
    """An actor's events per period, as source and as target."""
    unit = {"day": "day", "week": "week", "month": "month", "year": "year"}[interval]
    return rows(
        connection,
        f"""
        SELECT date_trunc('{unit}', event_date)::DATE AS period,
               count(*) FILTER (WHERE source_actor = ?) AS as_source,
               count(*) FILTER (WHERE target_actor = ?) AS as_target
        FROM events WHERE (source_actor = ? OR target_actor = ?) AND event_date IS NOT NULL
        GROUP BY ALL ORDER BY period
        """,
        [actor_id] * 4,
    )


def actor_codes(connection: duckdb.DuckDBPyConnection, actor_id: str) -> dict[str, int]:
    """The codes an actor was given in events (they change with office), with counts."""
    found = connection.execute(
        """
        SELECT code, count(*) FROM (
            SELECT source_code AS code FROM events WHERE source_actor = ?
            UNION ALL SELECT target_code FROM events WHERE target_actor = ?
        ) WHERE code IS NOT NULL GROUP BY ALL ORDER BY 2 DESC, 1
        """,
        [actor_id, actor_id],
    ).fetchall()
    return {str(c): int(n) for c, n in found}


def actor_page(
    connection: duckdb.DuckDBPyConnection, name: str | None, kind: str | None, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """Stored actors with how many events name them on either side, most active first."""
    clauses, params = [], []
    if name:
        clauses.append("(a.name ILIKE ? OR a.id ILIKE ?)")
        params += [f"%{name}%"] * 2
    if kind:
        clauses.append("a.kind = ?")
        params.append(kind)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    total = int(scalar(connection, f"SELECT count(*) FROM actors a {where}", params) or 0)
    sql = f"""
        WITH counts AS (
            SELECT actor, count(*) AS events FROM (
                SELECT source_actor AS actor FROM events UNION ALL SELECT target_actor FROM events
            ) WHERE actor IS NOT NULL GROUP BY actor
        )
        SELECT a.id, a.name, a.kind, a.country, a.sector, a.cameo, a.wikidata,
               coalesce(c.events, 0) AS events
        FROM actors a LEFT JOIN counts c ON c.actor = a.id {where}
        ORDER BY events DESC, a.id LIMIT ? OFFSET ?
    """
    return rows(connection, sql, [*params, limit, offset]), total


ARTICLE_COLUMNS = [
    "id",
    "source",
    "format",
    "url",
    "title",
    "outlet",
    "language",
    "language_confidence",
    "published",
    "published_date",
    "published_precision",
    "published_provenance",
    "dateline_place",
    "duplicate_of",
    "duplicate_kind",
    "n_chars",
    "run_id",
]
ArticleSort = Literal["source", "published", "-published"]
_ARTICLE_ORDERS = {
    "source": "source, id",
    "published": "published_date NULLS LAST, source, id",
    "-published": "published_date DESC NULLS LAST, source, id",
}


def article_page(
    connection: duckdb.DuckDBPyConnection,
    *,
    language: str | None,
    since: dt.date | None,
    until: dt.date | None,
    outlet: str | None,
    text: str | None,
    sort: ArticleSort,
    limit: int,
    offset: int,
) -> tuple[list[dict[str, Any]], int]:
    clauses: list[str] = []
    params: list[Any] = []
    for clause, value in (
        ("language = ?", language),
        ("published_date >= ?", since),
        ("published_date <= ?", until),
        ("lower(outlet) = lower(?)", outlet),
    ):
        if value:
            clauses.append(clause)
            params.append(value)
    if text:
        clauses.append("(title ILIKE ? OR text ILIKE ?)")
        params += [f"%{text}%"] * 2
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    total = int(scalar(connection, f"SELECT count(*) FROM articles {where}", params) or 0)
    sql = (
        f"SELECT {', '.join(ARTICLE_COLUMNS)}, "
        f"(SELECT count(*) FROM events e WHERE e.article_id = articles.id) AS events "
        f"FROM articles {where} ORDER BY {_ARTICLE_ORDERS[sort]} LIMIT ? OFFSET ?"
    )
    return rows(connection, sql, [*params, limit, offset]), total


def mention_page(
    connection: duckdb.DuckDBPyConnection,
    *,
    article_id: str | None,
    actor: str | None,
    unresolved: bool,
    limit: int,
    offset: int,
) -> tuple[list[dict[str, Any]], int]:
    clauses: list[str] = []
    params: list[Any] = []
    if article_id:
        clauses.append("article_id = ?")
        params.append(article_id)
    if actor:
        clauses.append("(actor = ? OR code = ?)")
        params += [actor, actor.upper()]
    if unresolved:
        clauses.append("actor IS NULL")
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    total = int(scalar(connection, f"SELECT count(*) FROM mentions {where}", params) or 0)
    sql = f"SELECT * FROM mentions {where} ORDER BY article_id, start_char, id LIMIT ? OFFSET ?"
    return rows(connection, sql, [*params, limit, offset]), total
