"""Executors: the per-article pipeline as a map step, in this process, a process pool or on Ray.

Every executor has one method, ``map(config, batches)``: each worker builds the pipeline once from the serialised
:class:`~communique.config.Config`, and the results come back batch by batch, in input order, so the driver's
cross-article steps (duplicates, stories) see the same sequence whatever the engine. An article that raises costs
that article (a :class:`~communique.errors.StageError`); a worker that dies costs at most its batch, which is
retried once on a fresh worker before its articles are recorded as failed.

    Executor                 map(config, batches) -> results per batch, in order
    ├── InMemoryExecutor     this process (tests, small inputs, the default ingest)
    ├── LocalExecutor        N worker processes on this machine
    └── RayExecutor          Ray Data map_batches over an actor pool (a laptop or a cluster)
"""

from __future__ import annotations

from communique.scale.base import Engine, Executor, WorkerLost, make_executor
from communique.scale.local import LocalExecutor
from communique.scale.memory import InMemoryExecutor

__all__ = [
    "Engine",
    "Executor",
    "InMemoryExecutor",
    "LocalExecutor",
    "RayExecutor",
    "WorkerLost",
    "make_executor",
]


def __getattr__(name: str) -> object:
    if name == "RayExecutor":  # Ray is an optional extra: imported only when asked for
        from communique.scale.ray_executor import RayExecutor

        return RayExecutor
    raise AttributeError(f"module 'communique.scale' has no attribute {name!r}")
