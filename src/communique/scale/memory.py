"""The in-process executor: the pipeline runs here, batch after batch (tests, small inputs, plain ``ingest``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from communique.config import Config
from communique.models import Article
from communique.scale.base import Executor, Result, build_pipeline


class InMemoryExecutor(Executor):
    """Runs every batch in this process with a pipeline built once per config."""

    name = "memory"

    def map(self, config: Config, batches: Iterable[list[Article]]) -> Iterator[list[Result]]:
        pipeline = None
        for batch in batches:
            if not batch:
                yield []
                continue
            if pipeline is None:  # built on first use: a run with nothing to process loads no model
                pipeline = build_pipeline(config.model_dump_json())
            yield pipeline.process(batch)
