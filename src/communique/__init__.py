"""Communiqué: multilingual news articles in, coded political events with their evidence out.

>>> import communique
>>> report = communique.ingest(["../shared/seeds"], db="news.duckdb")
>>> store = communique.open("news.duckdb")
>>> [a.language for a in store.articles()]
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

# The stage package `communique.ingest` is loaded first: binding the function of the same name below then
# stays in place whatever is imported later.
import communique.ingest as _ingest_stage  # noqa: F401
from communique.about import __version__
from communique.config import Config
from communique.errors import (
    CommuniqueError,
    ConfigError,
    InputError,
    KnowledgeBaseError,
    SkipInput,
    StageError,
    StoreError,
)
from communique.models import (
    Actor,
    Article,
    DateEvidence,
    Event,
    InputOutcome,
    InputStatus,
    Mention,
    PartialDate,
    Run,
    Span,
    Story,
)

if TYPE_CHECKING:
    from typing import BinaryIO

    from communique.pipeline import Pipeline
    from communique.runner import IngestReport
    from communique.store.database import Store

# Heavy modules (DuckDB, readers, models) load on first use, so `import communique` stays cheap.
_LAZY = {
    "Pipeline": "communique.pipeline",
    "IngestReport": "communique.runner",
    "Store": "communique.store.database",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'communique' has no attribute {name!r}")


def ingest(
    paths: list[str | Path] | list[str] | list[Path],
    *,
    db: Store | str | Path | None = None,
    config: Config | None = None,
    force: bool = False,
    progress: bool = False,
    stdin: BinaryIO | None = None,
) -> IngestReport:
    """Ingest files, folders or ``"-"`` (standard input) into a database (see :mod:`communique.runner`)."""
    from communique.runner import ingest as run_ingest

    return run_ingest(paths, db=db, config=config, force=force, progress=progress, stdin=stdin)


def run(
    paths: list[str | Path] | list[str] | list[Path],
    *,
    engine: Literal["local", "ray", "memory"] = "local",
    workers: int | None = None,
    db: Store | str | Path | None = None,
    config: Config | None = None,
    force: bool = False,
    progress: bool = False,
) -> IngestReport:
    """Ingest with the per-article pipeline on ``engine`` with ``workers`` workers (see :mod:`communique.scale`)."""
    from communique.scale.run import run as run_engine

    return run_engine(
        paths, engine=engine, workers=workers, db=db, config=config, force=force, progress=progress
    )


def open(db: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) a Communiqué database; ``None`` is the default location."""
    from communique.store.database import Store

    return Store(db, read_only=read_only)


__all__ = [
    "Actor",
    "Article",
    "CommuniqueError",
    "Config",
    "ConfigError",
    "DateEvidence",
    "Event",
    "IngestReport",
    "InputError",
    "InputOutcome",
    "InputStatus",
    "KnowledgeBaseError",
    "Mention",
    "PartialDate",
    "Pipeline",
    "Run",
    "SkipInput",
    "Span",
    "StageError",
    "Store",
    "StoreError",
    "Story",
    "__version__",
    "ingest",
    "open",
    "run",
]
