"""Ray Data: ``map_batches`` over a pool of actors, each building the pipeline once from the serialised config.

Each of our batches is one row (the batch pickled) and one Ray block, so a failure costs exactly that batch: an
actor that dies is restarted by Ray and its batch retried once; a batch that fails again is dropped by Ray
(``max_errored_blocks``) and recorded here as failed, and the run goes on. Input is taken in waves of
``wave`` batches (one Ray dataset each: the actor pool starts once per wave), results come back in input order.

Ray runs locally (``ray.init`` with ``workers`` CPUs) unless it is already initialised or ``address`` names a
cluster (``"auto"``, ``"ray://head:10001"``).
"""

from __future__ import annotations

import itertools
import logging
import pickle
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

from communique.config import Config
from communique.errors import ConfigError
from communique.models import Article
from communique.scale.base import Executor, Result, build_pipeline, from_portable, lost, process_portable

log = logging.getLogger(__name__)


class _PipelineActor:
    """One Ray actor: the pipeline built once, then any number of batches."""

    def __init__(self, config_json: str) -> None:
        self.pipeline = build_pipeline(config_json)

    def __call__(self, rows: dict[str, Any]) -> dict[str, Any]:
        out = []
        for payload in rows["batch"]:
            out.append(pickle.dumps(process_portable(self.pipeline, pickle.loads(payload))))
        return {"index": rows["index"], "results": out}


class RayExecutor(Executor):
    """``workers`` actors (default: the cluster's CPUs); ``wave`` batches per Ray dataset."""

    name = "ray"

    def __init__(self, workers: int | None = None, *, address: str | None = None, wave: int = 256) -> None:
        try:
            import ray  # noqa: F401
        except ImportError:
            raise ConfigError("the ray engine needs Ray: pip install 'communique[scale]'") from None
        self.workers = workers
        self.address = address
        self.wave = wave
        self._started = False

    def _init(self) -> int:
        import ray

        if not ray.is_initialized():
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            if self.address:
                kwargs["address"] = self.address
            else:
                # an instance of our own, on this machine: no metrics collected (a second of the driver's CPU in a
                # run on two cores, which it shares with the actors)
                kwargs["_system_config"] = {"enable_metrics_collection": False}
                if self.workers:
                    kwargs["num_cpus"] = self.workers
            ray.init(**kwargs)
            self._started = True
        cpus = ray.cluster_resources().get("CPU", 1)  # type: ignore[no-untyped-call]
        return self.workers or max(1, int(cpus))

    def map(self, config: Config, batches: Iterable[list[Article]]) -> Iterator[list[Result]]:
        workers = self._init()
        config_json = config.model_dump_json()
        source = iter(batches)
        while wave := list(itertools.islice(source, self.wave)):
            yield from self._map_wave(config_json, wave, workers)

    def _map_wave(self, config_json: str, wave: list[list[Article]], workers: int) -> Iterator[list[Result]]:
        import ray.data

        todo = [i for i, batch in enumerate(wave) if batch]
        done: dict[int, list[Result]] = {i: [] for i, batch in enumerate(wave) if not batch}
        next_out = 0
        if todo:
            rows = [{"index": i, "batch": pickle.dumps(wave[i])} for i in todo]
            context = ray.data.DataContext.get_current()
            saved = context.max_errored_blocks, context.enable_progress_bars
            context.max_errored_blocks, context.enable_progress_bars = -1, False
            try:
                with warnings.catch_warnings():
                    # Ray 2.60 takes max_restarts/max_task_retries only as the "ray_remote_args" it deprecates
                    # (for 2.64); without them a batch that kills its actor is retried forever.
                    warnings.simplefilter("ignore", DeprecationWarning)
                    dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
                        _PipelineActor,
                        fn_constructor_args=(config_json,),
                        batch_size=1,
                        compute=ray.data.ActorPoolStrategy(size=min(workers, len(rows))),
                        num_cpus=1,
                        max_restarts=-1,
                        max_task_retries=1,
                    )
                for row in dataset.iter_rows():
                    done[int(row["index"])] = from_portable(pickle.loads(row["results"]))
                    # each batch goes on as soon as those before it are in: storing overlaps the processing
                    while next_out in done:
                        yield done.pop(next_out)
                        next_out += 1
            finally:
                context.max_errored_blocks, context.enable_progress_bars = saved
        for i in range(next_out, len(wave)):
            if i not in done:
                log.warning(
                    "batch %s of the wave failed twice on Ray; its articles are recorded as failed", i
                )
                done[i] = lost(wave[i], f"Ray worker failed on this batch of {len(wave[i])}, twice")
            yield done.pop(i)

    def close(self) -> None:
        if self._started:
            import ray

            ray.shutdown()
            self._started = False
