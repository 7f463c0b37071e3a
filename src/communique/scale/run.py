"""``communique.run``: an ingest whose per-article pipeline runs on an engine (memory, local processes, Ray)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from communique.config import Config
from communique.scale.base import Engine, make_executor

if TYPE_CHECKING:
    from communique.runner import IngestReport
    from communique.store.database import Store

RUN_BATCH_SIZE = (
    64  # articles per map task: small enough to balance two workers, large enough for spaCy's pipe
)


def run(
    paths: Sequence[str | Path],
    *,
    engine: Engine = "local",
    workers: int | None = None,
    db: Store | str | Path | None = None,
    config: Config | None = None,
    force: bool = False,
    progress: bool = False,
    batch_size: int = RUN_BATCH_SIZE,
) -> IngestReport:
    """Ingest ``paths`` into ``db`` with the pipeline mapped over ``workers`` workers of ``engine``.

    The same config gives the same articles, events and outcomes whatever the engine and the number of workers.
    """
    config = config or Config()
    with make_executor(engine, workers) as executor:
        executor.start(config)  # the workers build their pipelines while this process opens the store
        # imported only now: the runner brings DuckDB and datasketch (0.6 s), which the workers need not wait for
        from communique.runner import ingest

        return ingest(
            paths,
            db=db,
            config=config,
            force=force,
            progress=progress,
            executor=executor,
            batch_size=batch_size,
            share_batches=True,
            command=f"run --engine {engine}",
        )
