"""The server's one DuckDB database: a shared connection, a cursor per request, one writer at a time.

DuckDB connections are not thread-safe, so each request reads through its own ``connection.cursor()`` (a
connection to the same database instance, with its own transaction). Without a write token the file is opened
read-only, so other processes (the CLI) can read it at the same time; with a token it is opened writable and
ingests run one at a time behind :attr:`Database.write_lock`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from communique.errors import StoreError
from communique.store.database import Store
from communique.store.schema import latest_version


class CursorStore(Store):
    """A :class:`Store` over one cursor of a shared connection (closing it closes only the cursor)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str) -> None:
        self.path = path
        self.connection = connection


class Database:
    """Opens ``path`` once (migrating it first if needed) and hands out per-request stores."""

    def __init__(self, path: Path, *, writable: bool) -> None:
        self.path = path
        self.writable = writable
        self.write_lock = threading.Lock()
        self._store = Store(path) if writable or not path.exists() else _open_read_only(path)

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A store on a fresh cursor; closed when the request ends."""
        cursor = self._store.connection.cursor()
        try:
            yield CursorStore(cursor, self._store.path)
        finally:
            cursor.close()

    @contextmanager
    def writer(self) -> Iterator[Store | None]:
        """A writable store for one ingest, or None while another write holds the lock."""
        if not self.write_lock.acquire(blocking=False):
            yield None
            return
        cursor = self._store.connection.cursor()
        try:
            yield CursorStore(cursor, self._store.path)
        finally:
            cursor.close()
            self.write_lock.release()

    def tables(self) -> set[str]:
        with self.reader() as store:
            rows = store.connection.execute("SELECT table_name FROM information_schema.tables").fetchall()
        return {str(r[0]) for r in rows}

    def close(self) -> None:
        self._store.close()


def _open_read_only(path: Path) -> Store:
    """Open read-only, first bringing an older schema up to date (which needs a moment's write access)."""
    if _version(path) < latest_version():
        Store(path).close()  # migrates, or raises a StoreError saying why it cannot
    return Store(path, read_only=True)


def _version(path: Path) -> int:
    try:
        connection = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    try:
        found = connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()
        if not found or not found[0]:
            return 0
        row = connection.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0]) if row and row[0] is not None else 0
    finally:
        connection.close()
