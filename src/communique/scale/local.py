"""A pool of worker processes on this machine, each building the pipeline once from the serialised config.

The driver hands each worker batches over a pipe, at most two at a time (one running, the next waiting), and a
worker answers them in order, so when a worker dies the driver knows which batch it was running: that batch alone
is retried (once, by default) on a fresh worker, then recorded as failed; the batch waiting behind it, or one sent
into the pipe of a worker that had died since the driver last looked, is queued again as it was, and every other
batch carries on. Workers are started with ``spawn`` (no inherited threads or locks; the same on every OS).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import queue
import threading
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from communique.config import Config
from communique.errors import ConfigError
from communique.models import Article
from communique.scale.base import Executor, Result, build_pipeline, from_portable, lost, process_portable

log = logging.getLogger(__name__)


# A worker is one core's worth of work: numerical libraries (spaCy's thinc, numpy's BLAS) would otherwise each
# start a thread per core, and N workers would fight over the cores (2 workers ran slower than 1; Ray sets the
# same for its actors).
_THREAD_LIMITS = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@contextlib.contextmanager
def _one_thread_per_worker() -> Iterator[None]:
    """Spawned processes take the environment as it is when they start: set the limits around the start."""
    saved = {name: os.environ.get(name) for name in _THREAD_LIMITS}
    os.environ.update(_THREAD_LIMITS)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _worker_main(conn: Connection, config_json: str) -> None:
    """A worker: build the pipeline, say so, then process batches until told to stop (``None``)."""
    try:
        pipeline = build_pipeline(config_json)
    except Exception:
        conn.send(("error", traceback.format_exc()))
        return
    conn.send(("ready", os.getpid()))
    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(conn, inbox), daemon=True).start()
    while True:
        message = inbox.get()
        if message is None:
            # Everything is sent (or the driver is gone): skip the interpreter's teardown of a large heap (models,
            # KB), about a second that the driver would otherwise wait for.
            conn.close()
            os._exit(0)
        index, batch = message
        results = process_portable(pipeline, batch)
        try:
            conn.send((index, results))
        except OSError:  # the driver is gone
            return


def _receive(conn: Connection, inbox: queue.SimpleQueue[Any]) -> None:
    """Take the driver's messages off the pipe as they come. The driver sends the next batch while this worker
    still runs the one before; were nobody reading, a batch larger than the pipe's buffer would block the driver
    while the worker blocked sending its results: both stuck."""
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the driver is gone
            message = None
        inbox.put(message)
        if message is None:
            return


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    cut: bool = False  # a send to it failed: it is dead or dying, and gets no more batches
    held: deque[int] = field(default_factory=deque)  # the batches sent to it and not yet answered, in order


@dataclass
class _Run:
    """The bookkeeping of one ``map`` call."""

    batches: dict[int, list[Article]] = field(default_factory=dict)  # sent or queued, not yet answered
    queue: deque[int] = field(default_factory=deque)  # indexes waiting for a worker (retries first)
    attempts: dict[int, int] = field(default_factory=dict)
    done: dict[int, list[Result]] = field(default_factory=dict)


class LocalExecutor(Executor):
    """``workers`` processes (default: the number of cores); a dead worker's batch is retried ``retries`` times.

    Each worker holds up to ``prefetch`` batches: the next one waits in the worker while it runs the current one,
    so that it does not sit idle between batches while its results travel back and the driver stores others.
    """

    name = "local"

    def __init__(self, workers: int | None = None, *, retries: int = 1, prefetch: int = 2) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.retries = retries
        self.prefetch = max(1, prefetch)
        self._context = mp.get_context("spawn")
        self._pool: list[_Worker] = []
        self._config_json: str | None = None
        self.lost_workers = 0  # workers that died during this executor's life (for reports and tests)
        self._deaths_at_start = 0  # workers in a row that died before they were ready

    def start(self, config: Config) -> None:
        self._start(config.model_dump_json())

    def map(self, config: Config, batches: Iterable[list[Article]]) -> Iterator[list[Result]]:
        self._start(config.model_dump_json())
        state = _Run()
        source = enumerate(batches)
        exhausted = False
        next_out = 0
        while True:
            # Keep every worker busy, reading the input only as fast as the workers take it: each worker gets a
            # batch before any gets a second
            for worker in self._wanting():
                if worker.cut:  # listed once per free place; the first send found it dead
                    continue
                if not state.queue and not exhausted:
                    exhausted = not self._take(source, state)
                if not state.queue:
                    break
                index = state.queue.popleft()
                try:
                    worker.conn.send((index, state.batches[index]))
                except OSError:
                    # It died since the last look (its pipe is cut): the batch never reached it, so it goes to
                    # the next worker unblamed; ``_wait`` sees the death and replaces the worker.
                    worker.cut = True
                    state.queue.appendleft(index)
                    continue
                worker.held.append(index)
            while next_out in state.done:
                yield state.done.pop(next_out)
                next_out += 1
            if exhausted and not state.batches and not state.queue:
                return
            self._wait(state)

    def _take(self, source: Iterator[tuple[int, list[Article]]], state: _Run) -> bool:
        """Queue the next non-empty batch (empty ones are answered at once); False when the input is done."""
        for index, batch in source:
            if not batch:
                state.done[index] = []
                continue
            state.batches[index] = batch
            state.queue.append(index)
            return True
        return False

    def _wanting(self) -> list[_Worker]:
        """The ready workers that hold fewer than ``prefetch`` batches, one entry per batch they can take, the
        emptiest first."""
        ready = [w for w in self._pool if w.ready and not w.cut]
        return [w for depth in range(self.prefetch) for w in ready if len(w.held) <= depth]

    def _wait(self, state: _Run) -> None:
        """Block until a worker answers or dies, and handle it."""
        by_handle: dict[Connection | int, _Worker] = {}
        for worker in self._pool:
            by_handle[worker.conn] = worker
            by_handle[worker.process.sentinel] = worker
        for handle in wait(list(by_handle)):
            worker = by_handle[handle]  # type: ignore[index]
            if worker not in self._pool:  # already replaced in this round
                continue
            try:
                message = worker.conn.recv() if worker.conn.poll() else None
            except Exception:  # a worker killed while it was sending: its pipe is cut or garbled
                message = None
            if message is None:
                if not worker.process.is_alive():
                    self._lost(worker, state)
                continue
            kind, payload = message
            if kind == "error":
                self.close()
                raise ConfigError(f"a worker could not build the pipeline:\n{payload}")
            if kind == "ready":
                worker.ready = True
                self._deaths_at_start = 0
                continue
            if worker.held and worker.held[0] == kind:
                index = worker.held.popleft()
                state.done[index] = from_portable(payload)
                del state.batches[index]

    def _lost(self, worker: _Worker, state: _Run) -> None:
        """A worker died: replace it, and retry its batch or record the batch as failed."""
        self.lost_workers += 1
        self._pool.remove(worker)
        worker.conn.close()
        code = worker.process.exitcode
        worker.process.join()
        index = worker.held.popleft() if worker.held else None  # the batch it was running
        log.warning("worker %s died (exit code %s) holding batch %s", worker.process.pid, code, index)
        state.queue.extendleft(reversed(worker.held))  # the batches waiting behind it are not to blame
        if index is not None:
            attempts = state.attempts.get(index, 0) + 1
            state.attempts[index] = attempts
            if attempts <= self.retries:
                state.queue.appendleft(index)
            else:
                batch = state.batches.pop(index)
                reason = (
                    f"worker process died (exit code {code}) on this batch of {len(batch)}, {attempts} times"
                )
                state.done[index] = lost(batch, reason)
        if not worker.ready:
            # One death at start (a kill, the OOM killer while the models load) costs nothing: no batch was sent.
            # Deaths in a row with none ready in between are the pipeline's build crashing: stop the run.
            self._deaths_at_start += 1
            if self._deaths_at_start > self.workers * (self.retries + 1):
                self.close()
                raise ConfigError(
                    f"{self._deaths_at_start} workers in a row died while building the pipeline "
                    f"(the last with exit code {code})"
                )
        assert self._config_json is not None
        self._pool.append(self._spawn(self._config_json))

    def _start(self, config_json: str) -> None:
        if self._config_json != config_json:
            self.close()
        self._config_json = config_json
        while len(self._pool) < self.workers:
            self._pool.append(self._spawn(config_json))

    def _spawn(self, config_json: str) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker_main, args=(child, config_json), daemon=True)
        with _one_thread_per_worker():
            process.start()
        child.close()
        return _Worker(process, parent)

    def close(self) -> None:
        for worker in self._pool:
            # closed mid-run (an interrupt, an error in the driver): the batches it holds are not wanted
            if worker.held:
                worker.process.terminate()
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in self._pool:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join()
            worker.conn.close()
        self._pool = []
        self._config_json = None
