"""Reading and writing stories, embeddings and merged events in the DuckDB store.

Kept out of ``communique.store.database`` so the store module stays small: ``Store.stories()``,
``Store.story()`` and ``Store.merged_events_frame()`` call into here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa

from communique.models import Article, Event, Mention, Span
from communique.store.database import coded_event_clauses
from communique.stories.cluster import Assignment, StoryIndex, StoryState, stored_story_keys
from communique.stories.embed import DIMENSIONS, MODEL_NAME, Vectors
from communique.stories.merge import MergedEvent, RawEvent

if TYPE_CHECKING:
    from communique.store.database import Store

# The source (outlet) of an article, as communique.stories.features.article_source computes it.
SOURCE_SQL = (
    "coalesce(lower(trim(a.outlet)), lower(trim(json_extract_string(a.record, '$.dateline.outlet'))), "
    "nullif(regexp_replace(regexp_extract(a.url, '^[a-z]+://([^/]+)', 1), '^www\\.', ''), ''), "
    "split_part(a.source, '#', 1))"
)
_VECTOR = pa.list_(pa.float32())


def _vectors(column: pa.ChunkedArray, n: int) -> Vectors:
    flat = pa.concat_arrays([c.flatten() for c in column.chunks]) if n else pa.array([], pa.float32())
    return np.asarray(flat.to_numpy(zero_copy_only=False), dtype=np.float32).reshape(n, DIMENSIONS)


# -- articles and embeddings --------------------------------------------------------------------------------


def load_articles(store: Store, ids: Sequence[str]) -> list[Article]:
    """Articles with their mentions and events, in bulk (three queries, not three per article)."""
    conn = store.connection
    rows = conn.execute(
        "SELECT record, text FROM articles WHERE list_contains(?, id) ORDER BY id", [list(ids)]
    ).fetchall()
    articles = {}
    for record, text in rows:
        data = json.loads(record)
        data["text"] = text
        article = Article.model_validate(data)
        articles[article.id] = article
    mentions = conn.execute(
        "SELECT article_id, id, sentence, start_char, end_char, text, kind, actor, code, confidence "
        "FROM mentions WHERE list_contains(?, article_id) AND actor IS NOT NULL",
        [list(ids)],
    ).fetchall()
    for article_id, mid, sentence, start, end, text, kind, actor, code, confidence in mentions:
        articles[article_id].mentions.append(
            Mention(
                id=mid,
                sentence=sentence,
                span=Span(start=start, end=end, text=text),
                kind=kind,
                actor=actor,
                code=code,
                confidence=confidence,
            )
        )
    for article_id, record in conn.execute(
        "SELECT article_id, record FROM events WHERE list_contains(?, article_id)", [list(ids)]
    ).fetchall():
        articles[article_id].events.append(Event.model_validate_json(record))
    return list(articles.values())


def load_embeddings(store: Store, ids: Sequence[str]) -> dict[str, Vectors]:
    table = store.connection.sql(
        "SELECT article_id, vector FROM article_embeddings WHERE list_contains(?, article_id) AND model = ?",
        params=[list(ids), MODEL_NAME],
    ).to_arrow_table()
    vectors = _vectors(table.column("vector"), table.num_rows)
    return dict(zip(table.column("article_id").to_pylist(), vectors, strict=True))


def save_embeddings(store: Store, vectors: dict[str, Vectors]) -> None:
    if not vectors:
        return
    table = pa.table(
        {
            "article_id": list(vectors),
            "model": [MODEL_NAME] * len(vectors),
            "vector": pa.array([v.tolist() for v in vectors.values()], type=_VECTOR),
        }
    )
    store._insert("article_embeddings", table)


def assigned(store: Store, ids: Sequence[str]) -> dict[str, str]:
    """article id -> story id, for those of ``ids`` already in a story."""
    rows = store.connection.execute(
        "SELECT article_id, story_id FROM story_articles WHERE list_contains(?, article_id)", [list(ids)]
    ).fetchall()
    return {a: s for a, s in rows}


# -- stories --------------------------------------------------------------------------------------------------


def load_index(store: Store, index: StoryIndex, dates: Sequence[dt.date | None]) -> int:
    """Restore into ``index`` the stored stories new articles with these dates could join; returns how many.

    Dated articles only reach stories within the window of their dates and stories with undated articles;
    an undated article may join any story, so then every story is loaded.
    """
    sql = (
        "SELECT id, first_date, last_date, n_articles, n_undated, languages, actors, event_types, title, "
        "vector_sum FROM stories"
    )
    params: list[Any] = []
    known = [d for d in dates if d is not None]
    if known and len(known) == len(dates):
        slack = dt.timedelta(days=index.config.window_days)
        sql += " WHERE n_undated > 0 OR (last_date >= ? AND first_date <= ?)"
        params += [min(known) - slack, max(known) + slack]
    table = store.connection.sql(sql + " ORDER BY id", params=params).to_arrow_table()
    sums = _vectors(table.column("vector_sum"), table.num_rows)
    for row, vector_sum in zip(table.drop_columns(["vector_sum"]).to_pylist(), sums, strict=True):
        story = StoryState(
            id=row["id"],
            index=-1,
            n_articles=row["n_articles"],
            n_undated=row["n_undated"],
            first=row["first_date"],
            last=row["last_date"],
            languages=set(row["languages"]),
            actors=Counter(json.loads(row["actors"])),
            types=set(row["event_types"]),
            title=row["title"] or "",
        )
        index.restore(story, vector_sum, stored_story_keys(story, vector_sum))
    return int(table.num_rows)


def save_assignments(store: Store, index: StoryIndex, assignments: Sequence[Assignment]) -> None:
    """Upsert the stories changed in this run, record where each article went, label their events."""
    dirty = [s for s in index.stories if s.dirty]
    if dirty:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        rows = {
            "id": [s.id for s in dirty],
            "first_date": pa.array([s.first for s in dirty], pa.date32()),
            "last_date": pa.array([s.last for s in dirty], pa.date32()),
            "n_articles": [s.n_articles for s in dirty],
            "n_undated": [s.n_undated for s in dirty],
            "languages": [sorted(s.languages) for s in dirty],
            "actors": [json.dumps(dict(sorted(s.actors.items()))) for s in dirty],
            "event_types": [sorted(s.types) for s in dirty],
            "title": [s.title for s in dirty],
            "vector_sum": pa.array([index.centroid_sum(s).tolist() for s in dirty], type=_VECTOR),
            "updated_at": pa.array([now] * len(dirty), pa.timestamp("us")),
        }
        store._insert("stories", pa.table(rows))
    if assignments:
        first_seq = dict(
            store.connection.execute(
                "SELECT story_id, count(*) FROM story_articles WHERE list_contains(?, story_id) GROUP BY 1",
                [sorted({a.story for a in assignments})],
            ).fetchall()
        )
        seqs: Counter[str] = Counter()
        rows_sa: dict[str, list[Any]] = {k: [] for k in ("article_id", "story_id", "seq", "score", "reason")}
        for a in assignments:
            rows_sa["article_id"].append(a.article)
            rows_sa["story_id"].append(a.story)
            rows_sa["seq"].append(first_seq.get(a.story, 0) + seqs[a.story])
            seqs[a.story] += 1
            rows_sa["score"].append(a.score)
            rows_sa["reason"].append(a.reason)
        store._insert("story_articles", pa.table(rows_sa))
    label_events(store, [a.article for a in assignments])


def label_events(store: Store, article_ids: Sequence[str]) -> None:
    """Set ``events.story_id`` (and the story in each event's record) from ``story_articles``."""
    store._write(
        "UPDATE events SET story_id = sa.story_id, "
        "record = json_merge_patch(events.record, json_object('story', sa.story_id)) "
        "FROM story_articles sa WHERE events.article_id = sa.article_id AND list_contains(?, events.article_id)",
        [list(article_ids)],
    )


# -- merged events --------------------------------------------------------------------------------------------


def story_raw_events(store: Store, story_ids: Sequence[str]) -> dict[str, list[RawEvent]]:
    rows = store.connection.execute(
        f"SELECT sa.story_id, e.record, a.language, {SOURCE_SQL} FROM story_articles sa "
        "JOIN events e ON e.article_id = sa.article_id JOIN articles a ON a.id = sa.article_id "
        "WHERE list_contains(?, sa.story_id) ORDER BY e.id",
        [list(story_ids)],
    ).fetchall()
    out: dict[str, list[RawEvent]] = {s: [] for s in story_ids}
    for story, record, language, source in rows:
        out[story].append(RawEvent(Event.model_validate_json(record), language, source))
    return out


def delete_merged(store: Store, story_ids: Sequence[str] | None = None) -> int:
    """Remove merged events (of these stories, or all): the raw view is what remains. Returns how many."""
    where, params = (
        ("WHERE list_contains(?, story_id)", [list(story_ids)]) if story_ids is not None else ("", [])
    )
    row = store._one(f"SELECT count(*) FROM merged_events {where}", params)
    store._write(
        f"DELETE FROM merged_event_members WHERE merged_id IN (SELECT id FROM merged_events {where})", params
    )
    store._write(f"DELETE FROM merged_events {where}", params)
    return int(row[0]) if row else 0


def save_merged(store: Store, merged: Sequence[MergedEvent]) -> None:
    if not merged:
        return
    rows: list[dict[str, Any]] = []
    members: list[dict[str, str]] = []
    for m in merged:
        first = m.first
        date = m.date
        rows.append(
            {
                "id": m.id,
                "story_id": m.story,
                "type": first.type,
                "cameo": first.cameo,
                "quad_class": first.quad_class,
                "goldstein": first.goldstein,
                "source_actor": first.source.actor if first.source else None,
                "source_code": first.source.code if first.source else None,
                "target_actor": first.target.actor if first.target else None,
                "target_code": first.target.code if first.target else None,
                "event_date": date.as_date() if date else None,
                "date": date.iso if date else None,
                "place": m.place,
                "place_country": m.place_country,
                "n_mentions": m.n_mentions,
                "n_sources": m.n_sources,
                "n_articles": m.n_articles,
                "languages": m.languages,
                "reason": m.reason(),
                "evidence": json.dumps(m.evidence(), ensure_ascii=False),
            }
        )
        members += [
            {"event_id": r.event.id, "merged_id": m.id, "article_id": r.event.article} for r in m.members
        ]
    schema = pa.schema(
        [
            ("id", pa.string()),
            ("story_id", pa.string()),
            ("type", pa.string()),
            ("cameo", pa.string()),
            ("quad_class", pa.int32()),
            ("goldstein", pa.float64()),
            ("source_actor", pa.string()),
            ("source_code", pa.string()),
            ("target_actor", pa.string()),
            ("target_code", pa.string()),
            ("event_date", pa.date32()),
            ("date", pa.string()),
            ("place", pa.string()),
            ("place_country", pa.string()),
            ("n_mentions", pa.int32()),
            ("n_sources", pa.int32()),
            ("n_articles", pa.int32()),
            ("languages", pa.list_(pa.string())),
            ("reason", pa.string()),
            ("evidence", pa.string()),
        ]
    )
    store._insert("merged_events", pa.Table.from_pylist(rows, schema))
    store._insert("merged_event_members", pa.Table.from_pylist(members))


# -- queries --------------------------------------------------------------------------------------------------


def stories_frame(
    store: Store,
    *,
    actor: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    language: str | None = None,
    min_articles: int = 1,
    limit: int | None = None,
) -> pd.DataFrame:
    """Stories, largest first: id, dates, article count, languages, top actors, title."""
    clauses: list[str] = ["n_articles >= ?"]
    params: list[Any] = [min_articles]
    if actor:
        clauses.append("json_exists(actors, '$.\"' || ? || '\"')")
        params.append(actor)
    if since:
        clauses.append("last_date >= ?")
        params.append(since)
    if until:
        clauses.append("first_date <= ?")
        params.append(until)
    if language:
        clauses.append("list_contains(languages, ?)")
        params.append(language)
    sql = (
        "SELECT id, first_date, last_date, n_articles, languages, event_types, actors, title, "
        "(SELECT count(*) FROM merged_events m WHERE m.story_id = stories.id) AS n_merged_events "
        f"FROM stories WHERE {' AND '.join(clauses)} "
        "ORDER BY n_articles DESC, last_date DESC NULLS LAST, id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return store.connection.execute(sql, params).df()


def story_articles(store: Store, story_id: str) -> list[dict[str, Any]]:
    """The articles of a story, by publication date then joining order, with why each joined."""
    cursor = store.connection.execute(
        f"SELECT sa.seq, a.id, a.language, a.published, {SOURCE_SQL} AS outlet, "
        "coalesce(a.title, left(a.text, 100)) AS title, sa.score, sa.reason "
        "FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? "
        "ORDER BY a.published_date NULLS LAST, sa.seq",
        [story_id],
    )
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# Merged events keep whole codes: their parts are computed (a story's events are few).
_SPLIT_PARTS = ", ".join(
    f"split_part({side}_code, '.', {n})" for n in (1, 2) for side in ("source", "target")
)


def merged_filters(
    *,
    story: str | None = None,
    actor: str | None = None,
    type: str | None = None,
    quad_class: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    language: str | None = None,
    min_sources: int | None = None,
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if story:
        clauses.append("story_id = ?")
        params.append(story)
    coded_event_clauses(
        clauses,
        params,
        actor=actor,
        type=type,
        quad_class=quad_class,
        since=since,
        until=until,
        parts=_SPLIT_PARTS,
    )
    if language:
        clauses.append("list_contains(languages, ?)")
        params.append(language)
    if min_sources is not None:
        clauses.append("n_sources >= ?")
        params.append(min_sources)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def merged_events_frame(store: Store, *, with_evidence: bool = False, **filters: Any) -> pd.DataFrame:
    """One row per merged event (each happening once), with mention, source and article counts."""
    where, params = merged_filters(**filters)
    columns = "*" if with_evidence else "* EXCLUDE (evidence)"
    return store.connection.execute(
        f"SELECT {columns} FROM merged_events {where} ORDER BY event_date NULLS LAST, story_id, id", params
    ).df()


def members_frame(store: Store, merged_id: str) -> pd.DataFrame:
    return store.connection.execute(
        "SELECT m.event_id, m.article_id, e.language, e.trigger_text, e.source_text, e.target_text, e.date "
        "FROM merged_event_members m JOIN events e ON e.id = m.event_id WHERE m.merged_id = ? ORDER BY e.id",
        [merged_id],
    ).df()
