"""The executor interface and what every worker does: build the pipeline once, run batches, send results back.

Results cross process boundaries as :data:`Portable` values: an :class:`Article` (its spaCy parse dropped) or a
failure as ``(stage, article_id, repr(cause))``, rebuilt into a :class:`StageError` in the driver with the same
message as an in-process failure, so the recorded reasons do not depend on the engine.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from typing import Literal

from communique.config import Config
from communique.errors import CommuniqueError, ConfigError, StageError
from communique.models import Article
from communique.pipeline import Pipeline

Engine = Literal["memory", "local", "ray"]
Result = Article | StageError
Portable = Article | tuple[str, str, str]

WORKER_STAGE = "worker"  # the stage named in the errors of articles whose worker died


class WorkerLost(CommuniqueError):
    """A worker died (killed, out of memory, a crash in native code) while it held a batch."""


class RemoteError(Exception):
    """An exception raised in a worker, carried back as its ``repr``."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __repr__(self) -> str:
        return self.text


class Executor(ABC):
    """Runs the per-article pipeline over batches of articles; see :mod:`communique.scale`."""

    name: str = ""

    @abstractmethod
    def map(self, config: Config, batches: Iterable[list[Article]]) -> Iterator[list[Result]]:
        """One result list per batch, in input order, each the batch's articles in order (or their errors)."""

    def start(self, config: Config) -> None:  # noqa: B027  (an executor with no workers has nothing to start)
        """Start the workers for ``config`` now, so that their start-up overlaps the caller's own (the first
        :meth:`map` with this config would start them otherwise)."""

    def close(self) -> None:  # noqa: B027  (an executor with no workers has nothing to stop)
        """Stop the workers (the executor may not be used afterwards)."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_executor(engine: Engine, workers: int | None = None) -> Executor:
    """The executor for an engine name ("memory", "local", "ray") with ``workers`` workers (default: cores)."""
    if engine == "memory":
        from communique.scale.memory import InMemoryExecutor

        return InMemoryExecutor()
    if engine == "local":
        from communique.scale.local import LocalExecutor

        return LocalExecutor(workers)
    if engine == "ray":
        from communique.scale.ray_executor import RayExecutor

        return RayExecutor(workers)
    raise ConfigError(f"unknown engine {engine!r}; known: memory, local, ray")


def build_pipeline(config_json: str) -> Pipeline:
    """The pipeline for a serialised config, after importing the config's plugins; a worker calls it once."""
    config = Config.model_validate_json(config_json)
    for module in config.plugins:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise ConfigError(f"plugin module {module!r} cannot be imported: {exc}") from exc
    return Pipeline(config)


def process_portable(pipeline: Pipeline, articles: list[Article]) -> list[Portable]:
    """Run one batch in a worker; the results in a form that pickles (and stays small)."""
    # imported here, not with this module: the driver imports it before starting its workers, and datasketch
    # brings scipy (0.4 s)
    from communique.ingest.dedup import signature_values

    results: list[Portable] = []
    for result in pipeline.process(articles):
        if isinstance(result, StageError):
            results.append((result.stage, result.article_id, repr(result.cause)))
        else:
            result._parse = None  # spaCy objects stay in the worker
            # the duplicate check's costly part, done here so that the driver only compares signatures
            result._minhash = signature_values(result, pipeline.config.dedup)
            results.append(result)
    return results


def from_portable(results: list[Portable]) -> list[Result]:
    return [r if isinstance(r, Article) else StageError(r[0], r[1], RemoteError(r[2])) for r in results]


def lost(batch: list[Article], reason: str) -> list[Result]:
    """Every article of a batch whose worker died, as failed."""
    return [StageError(WORKER_STAGE, a.id, WorkerLost(reason)) for a in batch]
