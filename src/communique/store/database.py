"""The embedded DuckDB store: articles with their mentions, events and temporal expressions; actors; runs.

Writes are upserts by stable id inside one transaction per batch, so re-running an ingest adds nothing and a run
killed half-way leaves only whole batches behind.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import duckdb
import pandas as pd
import pyarrow as pa

from communique.errors import StoreError
from communique.models import (
    Actor,
    Article,
    Event,
    InputOutcome,
    InputStatus,
    Mention,
    PartialDate,
    Run,
    Span,
    TemporalExpression,
)
from communique.store.rows import (
    ACTOR_SCHEMA,
    ARTICLE_COLUMNS,
    ARTICLE_SCHEMA,
    EVENT_SCHEMA,
    MENTION_SCHEMA,
    TIME_SCHEMA,
    actor_row,
    article_row,
    event_row,
    mention_row,
    time_row,
)
from communique.store.schema import MIGRATIONS, latest_version

ExportFormat = Literal["parquet", "csv", "jsonl"]
ArticleOrder = Literal["source", "published"]
_ORDERS = {"source": "source, id", "published": "published_date NULLS LAST, source, id"}

# The article table as users see it: everything but the internal JSON record.
_PUBLIC_ARTICLE_COLUMNS = [c for c in ARTICLE_COLUMNS if c != "record"]
_CHILD_TABLES = ("mentions", "events", "temporal_expressions")


def default_db_path() -> Path:
    """``communique.duckdb`` in the user data dir (``$COMMUNIQUE_DB`` overrides it in the CLI)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("communique")) / "communique.duckdb"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Store:
    """A Communiqué database. ``Store(path)`` opens (creating and migrating) it; ``Store(":memory:")`` too."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = str(path) if path is not None else str(default_db_path())
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.connection = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        if not read_only:
            self.migrate()
        elif self.version() != latest_version():
            raise StoreError(f"{self.path} has schema version {self.version()}; open it writable to migrate")

    # -- schema ---------------------------------------------------------------------------------------------

    def version(self) -> int:
        exists = self._one(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        )
        if not exists or not exists[0]:
            return 0
        row = self._one("SELECT max(version) FROM schema_migrations")
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self) -> None:
        """Apply every migration this database has not had yet, each in its own transaction."""
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
        )
        for version in range(self.version() + 1, latest_version() + 1):
            description, sql = MIGRATIONS[version - 1]
            try:
                with self.transaction():
                    self.connection.execute(sql)
                    self._write(
                        "INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, description, _now()]
                    )
            except duckdb.Error as exc:
                raise StoreError(f"migration {version} ({description}) failed: {exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.connection.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles -------------------------------------------------------------------------------------------

    def save_articles(self, articles: Sequence[Article], run_id: str | None = None) -> int:
        """Upsert articles by id, with their mentions, events and temporal expressions (replaced whole);
        returns how many articles were new. Call inside :meth:`transaction` to group."""
        if not articles:
            return 0
        ids = [a.id for a in articles]
        existing = {
            row[0]
            for row in self.connection.execute(
                "SELECT id FROM articles WHERE list_contains(?, id)", [ids]
            ).fetchall()
        }
        now = _now()
        self._insert(
            "articles", pa.Table.from_pylist([article_row(a, run_id, now) for a in articles], ARTICLE_SCHEMA)
        )
        if replaced := sorted(existing):
            # only a stored article has rows to replace; a new one's delete would scan each child table for
            # nothing, once per batch (quadratic in the corpus)
            for table in _CHILD_TABLES:
                self._write(f"DELETE FROM {table} WHERE list_contains(?, article_id)", [replaced])
        mentions = [mention_row(a, m) for a in articles for m in a.mentions]
        events = [event_row(a, e) for a in articles for e in a.events]
        times = [time_row(a, t) for a in articles for t in a.times]
        for name, rows, schema in (
            ("mentions", mentions, MENTION_SCHEMA),
            ("events", events, EVENT_SCHEMA),
            ("temporal_expressions", times, TIME_SCHEMA),
        ):
            if rows:
                self._insert(name, pa.Table.from_pylist(rows, schema))
        return len(set(ids) - existing)

    def save_actors(self, actors: Sequence[Actor]) -> None:
        """Upsert the knowledge-base actors that mentions refer to, so the database explains its own codes."""
        if actors:
            unique = {a.id: a for a in actors}
            self._insert(
                "actors", pa.Table.from_pylist([actor_row(a) for a in unique.values()], ACTOR_SCHEMA)
            )

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first row of a query, or None; the rest is consumed so the connection is free for the next one."""
        rows = self.connection.execute(sql, list(params)).fetchall()
        return rows[0] if rows else None

    def _write(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run a statement that returns no rows, consuming its result (DuckDB keeps one pending per connection)."""
        self.connection.execute(sql, list(params)).fetchall()

    def _insert(self, table_name: str, rows: pa.Table) -> None:
        """Upsert an Arrow table into ``table_name`` (columns by name): one statement, not one per row."""
        view = f"_incoming_{table_name}"
        self.connection.register(view, rows)
        try:
            columns = ", ".join(rows.column_names)
            self._write(f"INSERT OR REPLACE INTO {table_name} ({columns}) SELECT {columns} FROM {view}")
        finally:
            self.connection.unregister(view)

    def save_signatures(self, signatures: dict[str, list[int]]) -> None:
        if not signatures:
            return
        table = pa.table(
            {
                "article_id": list(signatures),
                "minhash": pa.array(list(signatures.values()), type=pa.list_(pa.uint32())),
            }
        )
        self._insert("article_signatures", table)

    def signatures(self) -> Iterator[tuple[str, str, list[int]]]:
        """(id, content hash, MinHash signature) of each stored article that is not itself a duplicate."""
        cursor = self.connection.execute(
            "SELECT a.id, a.content_hash, s.minhash FROM article_signatures s "
            "JOIN articles a ON a.id = s.article_id WHERE a.duplicate_of IS NULL ORDER BY a.ingested_at, a.id"
        )
        while rows := cursor.fetchmany(10_000):
            for article_id, digest, minhash in rows:
                yield str(article_id), str(digest), list(minhash)

    def articles_by_url(self, urls: Sequence[str]) -> list[Article]:
        rows = self.connection.execute(
            "SELECT record, text FROM articles WHERE list_contains(?, url) ORDER BY source", [list(urls)]
        ).fetchall()
        return [_article_from_row(r, t) for r, t in rows]

    def article(self, article_id: str) -> Article | None:
        """One article with its mentions, events and temporal expressions."""
        row = self._one("SELECT record, text FROM articles WHERE id = ?", [article_id])
        if not row:
            return None
        article = _article_from_row(row[0], row[1])
        article.mentions = self.mentions(article_id=article_id)
        article.events = self.events(article_id=article_id)
        article.times = self.times(article_id=article_id)
        return article

    # -- actors, mentions, events, times ------------------------------------------------------------------------

    def mentions(self, *, article_id: str | None = None, unresolved: bool = False) -> list[Mention]:
        cursor = self.connection.execute(*_mention_query(article_id, unresolved))
        names = [d[0] for d in cursor.description or []]
        return [_mention_from_row(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]

    def mentions_frame(self, *, article_id: str | None = None, unresolved: bool = False) -> pd.DataFrame:
        return self.connection.execute(*_mention_query(article_id, unresolved)).df()

    def actor(self, actor_id: str) -> Actor | None:
        row = self._one("SELECT record FROM actors WHERE id = ?", [actor_id])
        return Actor.model_validate_json(row[0]) if row else None

    def events(self, *, article_id: str | None = None, **filters: Any) -> list[Event]:
        """Events matching :func:`event_filters` (actor, type, since, until, language…), by date."""
        where, params = event_filters(article_id=article_id, **filters)
        rows = self.connection.execute(
            f"SELECT record, story_id FROM events {where} ORDER BY event_date NULLS LAST, article_id, sentence, id",
            params,
        ).fetchall()
        return [
            Event.model_validate_json(record).model_copy(update={"story": story}) for record, story in rows
        ]

    def event(self, event_id: str) -> Event | None:
        row = self._one("SELECT record, story_id FROM events WHERE id = ?", [event_id])
        return Event.model_validate_json(row[0]).model_copy(update={"story": row[1]}) if row else None

    def events_frame(self, **filters: Any) -> pd.DataFrame:
        """Events as a pandas DataFrame of their query columns."""
        where, params = event_filters(**filters)
        columns = [c for c in EVENT_SCHEMA.names if c != "record"]
        sql = f"SELECT {', '.join(columns)} FROM events {where} ORDER BY event_date NULLS LAST, article_id, sentence"
        return self.connection.execute(sql, params).df()

    def times(self, *, article_id: str | None = None) -> list[TemporalExpression]:
        columns = "start_char, end_char, text, value, end_value, anchor, kind"
        rows = self.connection.execute(*_times_query(columns, article_id)).fetchall()
        return [_time_from_row(*row) for row in rows]

    def times_frame(self, *, article_id: str | None = None) -> pd.DataFrame:
        return self.connection.execute(*_times_query("*", article_id)).df()

    def articles(
        self,
        *,
        language: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        outlet: str | None = None,
        include_duplicates: bool = True,
        order: ArticleOrder = "source",
        limit: int | None = None,
    ) -> list[Article]:
        """Articles matching every filter given, by source (or publication date) order."""
        where, params = _article_filters(language, since, until, outlet, include_duplicates)
        sql = f"SELECT record, text FROM articles {where} ORDER BY {_ORDERS[order]}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_article_from_row(r, t) for r, t in self.connection.execute(sql, params).fetchall()]

    def articles_frame(
        self,
        *,
        language: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        outlet: str | None = None,
        include_duplicates: bool = True,
        order: ArticleOrder = "source",
        with_text: bool = True,
    ) -> pd.DataFrame:
        """The same selection as :meth:`articles`, as a pandas DataFrame of the public columns."""
        where, params = _article_filters(language, since, until, outlet, include_duplicates)
        columns = [c for c in _PUBLIC_ARTICLE_COLUMNS if with_text or c != "text"]
        sql = f"SELECT {', '.join(columns)} FROM articles {where} ORDER BY {_ORDERS[order]}"
        return self.connection.execute(sql, params).df()

    def count(self, table: str = "articles") -> int:
        known = {
            "articles",
            "runs",
            "run_inputs",
            "ingested_files",
            "article_signatures",
            "actors",
            "article_embeddings",
            "stories",
            "story_articles",
            "merged_events",
            "merged_event_members",
            *_CHILD_TABLES,
        }
        if table not in known:
            raise StoreError(f"unknown table {table!r}")
        row = self._one(f"SELECT count(*) FROM {table}")
        return int(row[0]) if row else 0

    # -- stories and merged events (communique.stories; docs/stories.md) -----------------------------------------

    def stories(self, **filters: Any) -> pd.DataFrame:
        """Stories, largest first; filters: ``actor``, ``since``, ``until``, ``language``, ``min_articles``,
        ``limit``."""
        from communique.stories import storage

        return storage.stories_frame(self, **filters)

    def story(self, story_id: str) -> Any:
        """One story with its articles, languages, timeline and merged events (a ``StoryDetail``), or None."""
        from communique.stories.detail import story_detail

        return story_detail(self, story_id)

    def merged_events_frame(self, **filters: Any) -> pd.DataFrame:
        """Merged events, each happening once with ``n_mentions``, ``n_sources`` and ``n_articles``; filters:
        ``story``, ``actor``, ``type``, ``quad_class``, ``since``, ``until``, ``language``, ``min_sources``,
        ``with_evidence``."""
        from communique.stories import storage

        return storage.merged_events_frame(self, **filters)

    # -- runs -----------------------------------------------------------------------------------------------

    def start_run(self, run: Run) -> None:
        self._write(
            "INSERT INTO runs (id, started, command, inputs) VALUES (?, ?, ?, ?)",
            [run.id, run.started, run.command, json.dumps(run.inputs)],
        )

    def record_outcomes(self, run_id: str, first_seq: int, outcomes: Sequence[InputOutcome]) -> None:
        if not outcomes:
            return
        table = pa.table(
            {
                "run_id": [run_id] * len(outcomes),
                "seq": pa.array(range(first_seq, first_seq + len(outcomes)), pa.int32()),
                "source": [o.source for o in outcomes],
                "status": [o.status.value for o in outcomes],
                "reason": pa.array([o.reason for o in outcomes], pa.string()),
                "article_id": pa.array([o.article_id for o in outcomes], pa.string()),
            }
        )
        self._insert("run_inputs", table)

    def finish_run(self, run: Run) -> None:
        self._write(
            "UPDATE runs SET finished = ?, ok = ?, unchanged = ?, skipped = ?, failed = ?, added = ? WHERE id = ?",
            [run.finished, run.ok, run.unchanged, run.skipped, run.failed, run.added, run.id],
        )

    def runs(self) -> list[Run]:
        rows = self.connection.execute(
            "SELECT id, started, finished, command, inputs, ok, unchanged, skipped, failed, added "
            "FROM runs ORDER BY started"
        ).fetchall()
        return [
            Run(
                id=r[0],
                started=r[1],
                finished=r[2],
                command=r[3],
                inputs=json.loads(r[4]),
                ok=r[5],
                unchanged=r[6],
                skipped=r[7],
                failed=r[8],
                added=r[9],
            )
            for r in rows
        ]

    def outcomes(self, run_id: str, status: InputStatus | None = None) -> list[InputOutcome]:
        sql = "SELECT source, status, reason, article_id FROM run_inputs WHERE run_id = ?"
        params: list[Any] = [run_id]
        if status is not None:
            sql += " AND status = ?"
            params.append(status.value)
        rows = self.connection.execute(sql + " ORDER BY seq", params).fetchall()
        return [
            InputOutcome(source=s, status=InputStatus(st), reason=r, article_id=a) for s, st, r, a in rows
        ]

    # -- files already ingested (resume) --------------------------------------------------------------------

    def file_unchanged(self, path: str, size: int, mtime_ns: int, pipeline: str) -> str | None:
        """The run that fully ingested this file as it is now with this pipeline, if any."""
        row = self._one(
            "SELECT run_id FROM ingested_files WHERE path = ? AND size = ? AND mtime_ns = ? AND pipeline = ?",
            [path, size, mtime_ns, pipeline],
        )
        return str(row[0]) if row else None

    def mark_file(self, path: str, size: int, mtime_ns: int, pipeline: str, run_id: str, items: int) -> None:
        self._write(
            "INSERT OR REPLACE INTO ingested_files VALUES (?, ?, ?, ?, ?, ?)",
            [path, size, mtime_ns, pipeline, run_id, items],
        )

    # -- export ---------------------------------------------------------------------------------------------

    def export_articles(self, out_dir: str | Path, fmt: ExportFormat = "parquet") -> Path:
        """Write the article table to ``out_dir/articles.<ext>`` and return the path."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        columns = ", ".join(_PUBLIC_ARTICLE_COLUMNS)
        query = f"SELECT {columns} FROM articles ORDER BY {_ORDERS['source']}"
        target = out / f"articles.{fmt}"
        options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json"}[fmt]
        # The path is passed as a parameter: COPY accepts no prepared parameter, so quote it ourselves.
        quoted = str(target).replace("'", "''")
        self.connection.execute(f"COPY ({query}) TO '{quoted}' ({options})")
        return target

    def export_frame(self, layout: str = "native", **filters: Any) -> pd.DataFrame:
        """The selected events in a standard layout (native, icews, gdelt, polecat, plover-json) as a DataFrame;
        ``filters`` are those of :func:`event_filters`. See :mod:`communique.store.layouts`."""
        from communique.store import layouts

        return layouts.export_frame(self, layout, **filters)  # type: ignore[arg-type]

    def export(
        self, out_dir: str | Path, *, layout: str = "native", fmt: str | None = None, **filters: Any
    ) -> list[Path]:
        """Write the selected events in a standard layout (``native``: every table, one file each) as csv, tsv,
        parquet or jsonl into ``out_dir``; returns the paths written."""
        from communique.store import layouts

        return layouts.export(self, out_dir, layout=layout, fmt=fmt, **filters)  # type: ignore[arg-type]


def _article_from_row(record: str, text: str) -> Article:
    data = json.loads(record)
    data["text"] = text
    return Article.model_validate(data)


def _times_query(columns: str, article_id: str | None) -> tuple[str, list[Any]]:
    where, params = ("WHERE article_id = ?", [article_id]) if article_id is not None else ("", [])
    return f"SELECT {columns} FROM temporal_expressions {where} ORDER BY article_id, start_char", params


def _mention_query(article_id: str | None, unresolved: bool) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if article_id is not None:
        clauses.append("article_id = ?")
        params.append(article_id)
    if unresolved:
        clauses.append("actor IS NULL")
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return f"SELECT * FROM mentions {where} ORDER BY article_id, start_char", params


def _mention_from_row(row: dict[str, Any]) -> Mention:
    return Mention(
        id=row["id"],
        sentence=row["sentence"],
        span=Span(start=row["start_char"], end=row["end_char"], text=row["text"]),
        kind=row["kind"],
        actor=row["actor"],
        code=row["code"],
        role=row["role"],
        confidence=row["confidence"],
        chain=row["chain"],
        method=row["method"] or "",
        unresolved_reason=row["unresolved_reason"],
    )


def _time_from_row(
    start: int, end: int, text: str, value: str | None, end_value: str | None, anchor: str, kind: str | None
) -> TemporalExpression:
    return TemporalExpression(
        span=Span(start=start, end=end, text=text),
        value=PartialDate.parse(value) if value else None,
        end=PartialDate.parse(end_value) if end_value else None,
        anchor=anchor,
        text_kind=kind or "",
    )


def event_filters(
    *,
    article_id: str | None = None,
    actor: str | None = None,
    type: str | None = None,
    quad_class: int | None = None,
    country: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    language: str | None = None,
    text: str | None = None,
) -> tuple[str, list[Any]]:
    """A WHERE clause (with parameters, never inlined values) for the event filters shared by every interface.

    ``actor`` matches an actor id, a code ("IGO.OIC", "IRN.GOV") or a code's first part ("OIC", "IRN") on
    either side; ``country`` the country of either side's code.
    """
    clauses: list[str] = []
    params: list[Any] = []
    if article_id is not None:
        clauses.append("article_id = ?")
        params.append(article_id)
    coded_event_clauses(
        clauses,
        params,
        actor=actor,
        type=type,
        quad_class=quad_class,
        since=since,
        until=until,
        parts=_STORED_PARTS,
    )
    if country:
        clauses.append("? IN (source_root, target_root)")
        params.append(country.upper())
    if language:
        clauses.append("language = ?")
        params.append(language)
    if text:
        clauses.append("(trigger_text ILIKE ? OR source_text ILIKE ? OR target_text ILIKE ?)")
        params += [f"%{text}%"] * 3
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


# The parts of the source and target codes ("IRN" and "GOV" of IRN.GOV), as the events table stores them.
_STORED_PARTS = "source_root, target_root, source_leaf, target_leaf"


def coded_event_clauses(
    clauses: list[str],
    params: list[Any],
    *,
    actor: str | None,
    type: str | None,
    quad_class: int | None,
    since: dt.date | None,
    until: dt.date | None,
    parts: str,
) -> None:
    """Append the filters every table of coded events shares (raw or merged events). ``parts`` lists the SQL
    expressions of the codes' parts, so that "OIC" finds IGO.OIC and "IRN" finds IRN.GOV."""
    if actor:
        clauses.append(f"(? IN (source_actor, target_actor, source_code, target_code) OR ? IN ({parts}))")
        params += [actor, actor.upper()]
    if type:
        clauses.append("type = ?")
        params.append(type.upper())
    if quad_class is not None:
        clauses.append("quad_class = ?")
        params.append(quad_class)
    if since:
        clauses.append("event_date >= ?")
        params.append(since)
    if until:
        clauses.append("event_date <= ?")
        params.append(until)


def _article_filters(
    language: str | None,
    since: dt.date | None,
    until: dt.date | None,
    outlet: str | None,
    include_duplicates: bool,
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if language:
        clauses.append("language = ?")
        params.append(language)
    if since:
        clauses.append("published_date >= ?")
        params.append(since)
    if until:
        clauses.append("published_date <= ?")
        params.append(until)
    if outlet:
        clauses.append("lower(outlet) = lower(?)")
        params.append(outlet)
    if not include_duplicates:
        clauses.append("duplicate_of IS NULL")
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params
