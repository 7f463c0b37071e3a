"""The embedded DuckDB store: articles (and, as stages land, mentions and events), runs, exports.

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
from communique.models import Article, InputOutcome, InputStatus, Run
from communique.store.schema import MIGRATIONS, latest_version

ExportFormat = Literal["parquet", "csv", "jsonl"]
ArticleOrder = Literal["source", "published"]
_ORDERS = {"source": "source, id", "published": "published_date NULLS LAST, source, id"}

_ARTICLE_COLUMNS = [
    "id",
    "content_hash",
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
    "text",
    "record",
    "run_id",
    "ingested_at",
]
# The article table as users see it: everything but the internal JSON record.
_PUBLIC_ARTICLE_COLUMNS = [c for c in _ARTICLE_COLUMNS if c != "record"]


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
        exists = self.connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.connection.execute("SELECT max(version) FROM schema_migrations").fetchone()
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
                    self.connection.execute(
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
        """Upsert articles by id; returns how many were new. Call inside :meth:`transaction` to group."""
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
        table = pa.Table.from_pylist([_article_row(a, run_id, now) for a in articles], schema=_ARTICLE_SCHEMA)
        self._insert("articles", table)
        return len(set(ids) - existing)

    def _insert(self, table_name: str, rows: pa.Table) -> None:
        """Upsert an Arrow table into ``table_name`` (columns by name): one statement, not one per row."""
        view = f"_incoming_{table_name}"
        self.connection.register(view, rows)
        try:
            columns = ", ".join(rows.column_names)
            self.connection.execute(
                f"INSERT OR REPLACE INTO {table_name} ({columns}) SELECT {columns} FROM {view}"
            )
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
        row = self.connection.execute(
            "SELECT record, text FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        return _article_from_row(row[0], row[1]) if row else None

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
        if table not in {"articles", "runs", "run_inputs", "ingested_files", "article_signatures"}:
            raise StoreError(f"unknown table {table!r}")
        row = self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    # -- runs -----------------------------------------------------------------------------------------------

    def start_run(self, run: Run) -> None:
        self.connection.execute(
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
        self.connection.execute(
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
        row = self.connection.execute(
            "SELECT run_id FROM ingested_files WHERE path = ? AND size = ? AND mtime_ns = ? AND pipeline = ?",
            [path, size, mtime_ns, pipeline],
        ).fetchone()
        return str(row[0]) if row else None

    def mark_file(self, path: str, size: int, mtime_ns: int, pipeline: str, run_id: str, items: int) -> None:
        self.connection.execute(
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


_ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("content_hash", pa.string()),
        ("source", pa.string()),
        ("format", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("outlet", pa.string()),
        ("language", pa.string()),
        ("language_confidence", pa.float64()),
        ("published", pa.string()),
        ("published_date", pa.date32()),
        ("published_precision", pa.string()),
        ("published_provenance", pa.string()),
        ("dateline_place", pa.string()),
        ("duplicate_of", pa.string()),
        ("duplicate_kind", pa.string()),
        ("n_chars", pa.int32()),
        ("text", pa.string()),
        ("record", pa.string()),
        ("run_id", pa.string()),
        ("ingested_at", pa.timestamp("us")),
    ]
)


def _article_row(article: Article, run_id: str | None, now: dt.datetime) -> dict[str, Any]:
    published = article.published
    return {
        "id": article.id,
        "content_hash": article.content_hash,
        "source": article.source,
        "format": article.format,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "language": article.language,
        "language_confidence": article.language_confidence,
        "published": published.date.iso if published else None,
        "published_date": published.date.as_date() if published else None,
        "published_precision": published.precision if published else None,
        "published_provenance": published.provenance.value if published else None,
        "dateline_place": article.dateline.place if article.dateline else None,
        "duplicate_of": article.duplicate_of,
        "duplicate_kind": article.duplicate_kind,
        "n_chars": len(article.text),
        "text": article.text,
        "record": article.model_dump_json(exclude={"text"}),
        "run_id": run_id,
        "ingested_at": now,
    }


def _article_from_row(record: str, text: str) -> Article:
    data = json.loads(record)
    data["text"] = text
    return Article.model_validate(data)


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
