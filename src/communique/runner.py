"""Running an ingest: read inputs, run the per-article pipeline, flag duplicates, store, record every outcome.

Results are stored in transactions of :data:`SAVE_SIZE` articles (several batches of the pipeline), in input
order, and an input file is marked done only when its last article is in; a file already done (same size, mtime
and pipeline) is not read again. So re-running adds nothing, and a run killed at any point, then re-run, ends
with every article exactly once (ids are stable, writes are upserts).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from communique.about import __version__
from communique.config import Config
from communique.errors import InputError, StageError
from communique.ingest.dedup import DuplicateFinder
from communique.ingest.readers import (
    ReadItem,
    RemoteFile,
    iter_files,
    link_feed_entries,
    read_bytes,
    read_file,
)
from communique.models import Actor, Article, InputOutcome, InputStatus, Run
from communique.scale.base import Executor
from communique.scale.memory import InMemoryExecutor
from communique.store.database import Store
from communique.stories import stories_after_ingest
from communique.stories.features import ArticleFeatures, features
from communique.stories.storage import save_embeddings

if TYPE_CHECKING:
    from communique.actors.kb import KnowledgeBase

STDIN = "-"
BATCH_SIZE = 256
# Articles per store transaction, whatever the executor's batches: DuckDB's upserts cost per statement, and
# 64-article transactions took twice the driver's time of 256-article ones (1.2 s against 0.5 s per 1,000 articles).
SAVE_SIZE = 256
_FEED_FORMATS = frozenset({"rss", "atom"})


@dataclass
class IngestReport:
    """What one ingest did: the run's counts and every input's outcome."""

    run: Run
    outcomes: list[InputOutcome] = field(default_factory=list)

    @property
    def problems(self) -> list[InputOutcome]:
        return [o for o in self.outcomes if o.status in (InputStatus.SKIPPED, InputStatus.FAILED)]


def pipeline_fingerprint(config: Config) -> str:
    """Changes when the code version or the configuration changes, so re-ingesting then reprocesses."""
    digest = hashlib.blake2b(f"{__version__}\x1f{config.model_dump_json()}".encode(), digest_size=8)
    return digest.hexdigest()


@dataclass(frozen=True)
class _FileDone:
    """A file read to its end: marked done once its items are stored, unless one of them failed."""

    key: str
    size: int
    mtime_ns: int
    items: int


@dataclass
class _Unit:
    """A batch of read items in input order (from one file or several), and the files it completes."""

    items: list[ReadItem] = field(default_factory=list)
    files: list[str | None] = field(default_factory=list)  # the file each item comes from
    done: list[_FileDone] = field(default_factory=list)
    fresh: list[Article] = field(default_factory=list)  # the articles sent through the pipeline


@dataclass
class _Held:
    """Processed units' results waiting to be stored in one transaction, and the files they complete."""

    articles: list[Article] = field(default_factory=list)
    outcomes: list[InputOutcome] = field(default_factory=list)
    done: list[_FileDone] = field(default_factory=list)


class Ingestor:
    """One ingest run over one store with one pipeline, run by an executor (in this process by default).

    Inputs are read in order and cut into batches that flow through the executor's ``map`` across files; the
    results come back in order, so duplicates are flagged, batches stored and files marked done in input order,
    the same whatever the engine.
    """

    def __init__(
        self,
        store: Store,
        config: Config,
        *,
        force: bool = False,
        command: str = "ingest",
        executor: Executor | None = None,
        batch_size: int = BATCH_SIZE,
        share_batches: bool = False,
    ) -> None:
        self.store = store
        self.config = config
        self.force = force
        self.executor = executor or InMemoryExecutor()
        self.batch_size = batch_size
        # True: small files share batches (fewer, larger map tasks); False: each file's last batch is its own,
        # so a file is stored (and marked done) as soon as it is processed.
        self.share_batches = share_batches
        self.fingerprint = pipeline_fingerprint(config)
        self.finder = DuplicateFinder(config.dedup)
        for article_id, digest, signature in store.signatures():
            self.finder.add_known(article_id, digest, signature)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.run = Run(id=f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}", started=now, command=command)
        self.report = IngestReport(self.run)
        self._seq = 0
        self._feed_entries: list[Article] = []
        self._failed_files: set[str] = set()
        self._kb: KnowledgeBase | None = None
        # what the story step needs of each article saved in this run, kept so that it does not read them back
        self._story_features: dict[str, ArticleFeatures] = {}
        # processed units waiting to be stored together (:data:`SAVE_SIZE`), in input order
        self._held = _Held()

    def ingest(
        self, paths: Sequence[str | Path], *, stdin: BinaryIO | None = None, progress: bool = False
    ) -> IngestReport:
        self.run.inputs = [str(p) for p in paths]
        self.store.start_run(self.run)
        sources: list[Path | RemoteFile | bytes] = []
        for path in paths:
            if str(path) == STDIN:
                sources.append((stdin or sys.stdin.buffer).read())
                continue
            try:
                sources.extend(iter_files([path]))
            except InputError as exc:
                self._record([InputOutcome(source=str(path), status=InputStatus.FAILED, reason=exc.reason)])
        with _progress(progress, len(sources)) as bar:
            pending: deque[_Unit] = deque()

            def feed() -> Iterator[list[Article]]:
                for unit in self._units(sources):
                    pending.append(unit)
                    yield unit.fresh

            for results in self.executor.map(self.config, feed()):
                unit = pending.popleft()
                self._finish_unit(unit, results)
                if bar is not None and unit.done:
                    bar.advance(bar.task_ids[0], len(unit.done))
            self._flush()
        self._link_feeds()
        self.run.finished = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.store.finish_run(self.run)
        if self.config.stories:  # the story step: communique.stories, docs/stories.md
            stories_after_ingest(self.store, self.config, self.report.outcomes, self._story_features)
        return self.report

    def _units(self, sources: list[Path | RemoteFile | bytes]) -> Iterator[_Unit]:
        """The inputs cut into units of ``batch_size`` items, in input order, small files sharing a unit."""
        unit = _Unit()
        for file, entry in self._entries(sources):
            if isinstance(entry, _FileDone):
                unit.done.append(entry)
                if not self.share_batches:
                    yield _sealed(unit)
                    unit = _Unit()
                continue
            unit.items.append(entry)
            unit.files.append(file)
            if len(unit.items) >= self.batch_size:
                yield _sealed(unit)
                unit = _Unit()
        if unit.items or unit.done:
            yield _sealed(unit)

    def _entries(
        self, sources: list[Path | RemoteFile | bytes]
    ) -> Iterator[tuple[str | None, ReadItem | _FileDone]]:
        for source in sources:
            if isinstance(source, bytes):
                for item in read_bytes(source, "stdin", self.config.ingest, format_hint=None):
                    yield None, item
            else:
                yield from self._file_entries(source)

    def _file_entries(self, file: Path | RemoteFile) -> Iterator[tuple[str | None, ReadItem | _FileDone]]:
        """A file's items, or one outcome if it is unchanged since a run that read it (by size and mtime: a
        remote store that gives no mtime is compared by size alone)."""
        readable: Path | RemoteFile = file
        if isinstance(file, RemoteFile):
            key, size, mtime_ns = file.uri, file.size, file.mtime_ns
        else:
            try:
                stat = file.stat()
            except OSError as exc:
                yield None, InputOutcome(source=str(file), status=InputStatus.FAILED, reason=str(exc))
                return
            key, size, mtime_ns = str(file.resolve()), stat.st_size, stat.st_mtime_ns
            readable = Path(key)
        done_by = None if self.force else self.store.file_unchanged(key, size, mtime_ns, self.fingerprint)
        if done_by is not None:
            reason = f"unchanged since run {done_by}"
            yield None, InputOutcome(source=str(file), status=InputStatus.UNCHANGED, reason=reason)
            return
        count = 0
        try:
            for item in read_file(readable, self.config.ingest):
                count += 1
                yield key, item
        except Exception as exc:  # a bug in one reader costs that file, not the run
            reason = f"unexpected {type(exc).__name__}: {exc}"
            yield key, InputOutcome(source=str(file), status=InputStatus.FAILED, reason=reason)
            return
        yield key, _FileDone(key, size, mtime_ns, count)

    def _finish_unit(self, unit: _Unit, results: list[Article | StageError]) -> None:
        """Hold one unit's results (in input order) until :data:`SAVE_SIZE` articles wait, then store them."""
        held = self._held
        if unit.items:
            outcomes = [item for item in unit.items if isinstance(item, InputOutcome)]
            # Feed entries are stored at the end, once the pages they link to are known.
            self._feed_entries.extend(
                a for a in unit.items if isinstance(a, Article) and a.format in _FEED_FORMATS
            )
            held.articles.extend(self._outcomes(unit.fresh, results, outcomes))
            held.outcomes.extend(outcomes)
            failed_sources = {o.source for o in outcomes if o.status is InputStatus.FAILED}
            for item, file in zip(unit.items, unit.files, strict=True):
                if file is not None and item.source in failed_sources:
                    self._failed_files.add(file)  # not done: the next run tries the file again
        held.done.extend(unit.done)
        if len(held.articles) >= SAVE_SIZE:
            self._flush()

    def _flush(self) -> None:
        """Store the held articles and outcomes in one transaction, then mark the files they complete."""
        held, self._held = self._held, _Held()
        if held.articles or held.outcomes:
            self._save(held.articles, held.outcomes)
        for done in held.done:
            if done.key not in self._failed_files:
                with self.store.transaction():
                    self.store.mark_file(
                        done.key, done.size, done.mtime_ns, self.fingerprint, self.run.id, done.items
                    )

    def _process(self, batch: list[Article], outcomes: list[InputOutcome]) -> list[Article]:
        """Run the pipeline on one batch; append each article's outcome; return the articles that came through."""
        results = next(iter(self.executor.map(self.config, [batch]))) if batch else []
        return self._outcomes(batch, results, outcomes)

    @staticmethod
    def _outcomes(
        batch: list[Article], results: list[Article | StageError], outcomes: list[InputOutcome]
    ) -> list[Article]:
        """Append each article's outcome; return the articles that came through."""
        done: list[Article] = []
        for article, result in zip(batch, results, strict=True):
            if isinstance(result, StageError):
                outcomes.append(
                    InputOutcome(source=article.source, status=InputStatus.FAILED, reason=str(result))
                )
            else:
                done.append(result)
                outcomes.append(
                    InputOutcome(source=result.source, status=InputStatus.OK, article_id=result.id)
                )
        return done

    def _actors(self, articles: list[Article]) -> list[Actor]:
        """The knowledge-base actors the articles' mentions resolve to (stored with them): as ``actors.resolve``
        attached them in the worker, else (mentions made by a plugin) looked up here."""
        found = {actor.id: actor for a in articles for actor in a._actors or ()}
        unattached = {m.actor for a in articles if a._actors is None for m in a.mentions if m.actor}
        if unattached:
            if self._kb is None:
                from communique.actors.kb import KnowledgeBase, user_kb_dir

                self._kb = KnowledgeBase.shared([user_kb_dir(), *self.config.kb_paths])
            found.update((i, self._kb.get(i)) for i in unattached if i in self._kb)
        return [found[i] for i in sorted(found)]

    def _save(self, articles: list[Article], outcomes: list[InputOutcome]) -> None:
        signatures = {}
        for article in articles:
            signature = self.finder.check(article)
            if signature is not None:
                signatures[article.id] = signature
        # Story embeddings made in the workers are stored now, so the story step only compares.
        vectors = {a.id: a._story_vector for a in articles if a._story_vector is not None}
        with self.store.transaction():
            self.run.added += self.store.save_articles(articles, self.run.id)
            self.store.save_actors(self._actors(articles))
            self.store.save_signatures(signatures)
            save_embeddings(self.store, vectors)
            self._record(outcomes)
        if self.config.stories:
            self._story_features.update(
                (i, features(a, vectors[i])) for a in articles if (i := a.id) in vectors
            )

    def _record(self, outcomes: list[InputOutcome]) -> None:
        self.store.record_outcomes(self.run.id, self._seq, outcomes)
        self._seq += len(outcomes)
        self.report.outcomes.extend(outcomes)
        for outcome in outcomes:
            counter = outcome.status.value
            setattr(self.run, counter, getattr(self.run, counter) + 1)

    def _link_feeds(self) -> None:
        """Store feed entries, except those whose linked page was ingested: the page wins and gains their hints."""
        if not self._feed_entries:
            return
        urls = [e.url for e in self._feed_entries if e.url]
        pages = self.store.articles_by_url(urls) if urls else []
        kept, dropped = link_feed_entries([*self._feed_entries, *pages])
        outcomes: list[InputOutcome] = list(dropped)
        articles = self._process(kept, outcomes)
        page_ids = {p.id for p in pages}
        # Pages were already counted when first stored; only their update is saved here.
        outcomes = [o for o in outcomes if o.article_id not in page_ids]
        self._save(articles, outcomes)
        self._feed_entries = []


def ingest(
    paths: Sequence[str | Path],
    *,
    db: Store | str | Path | None = None,
    config: Config | None = None,
    force: bool = False,
    progress: bool = False,
    stdin: BinaryIO | None = None,
    executor: Executor | None = None,
    batch_size: int = BATCH_SIZE,
    share_batches: bool = False,
    command: str = "ingest",
) -> IngestReport:
    """Ingest files, folders or ``"-"`` (standard input) into a database; see :class:`Ingestor`.

    ``executor`` runs the per-article pipeline (default: this process; see :mod:`communique.scale`)."""
    store = db if isinstance(db, Store) else Store(db)
    try:
        ingestor = Ingestor(
            store,
            config or Config(),
            force=force,
            command=command,
            executor=executor,
            batch_size=batch_size,
            share_batches=share_batches,
        )
        return ingestor.ingest(paths, stdin=stdin, progress=progress)
    finally:
        if not isinstance(db, Store):
            store.close()


def _sealed(unit: _Unit) -> _Unit:
    unit.fresh = [i for i in unit.items if isinstance(i, Article) and i.format not in _FEED_FORMATS]
    return unit


def _progress(enabled: bool, total: int) -> AbstractContextManager[Progress | None]:
    if not enabled:
        return nullcontext()
    bar = Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    bar.add_task("files", total=total)
    return bar
