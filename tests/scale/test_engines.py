"""Executors: the same events whatever the engine; failures cost an article or a batch, never the run; resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import scale_plugins  # noqa: F401  (registers test.faults in this process too)

import communique
from communique.config import META_PIPELINE, Config
from communique.errors import StageError
from communique.models import Article, InputStatus
from communique.runner import ingest
from communique.scale import InMemoryExecutor, LocalExecutor, make_executor
from communique.store.database import Store

# Ray's own modules warn about their own deprecated settings when a DataContext is copied.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*", "ignore::FutureWarning:ray.*")

HERE = Path(__file__).parent
FAULTS = Config(pipeline=[*META_PIPELINE, "test.faults"], plugins=["scale_plugins"])


def snapshot(db: Path) -> dict[str, Any]:
    """Everything an engine could change: articles (whole records), events, mentions, and the outcomes."""
    with Store(db, read_only=True) as store:
        articles = [a.model_dump(mode="json", exclude={"metadata"}) for a in store.articles()]
        events = [e.model_dump(mode="json") for e in store.events()]
        mentions = store.mentions_frame().to_dict("records")
        run = store.runs()[-1]
        outcomes = [o.model_dump(mode="json") for o in store.outcomes(run.id)]
    return {"articles": articles, "events": events, "mentions": mentions, "outcomes": outcomes}


def write_texts(folder: Path, texts: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"{i:03d}.txt").write_text(text, "utf-8")
    return folder


def plain(i: int, extra: str = "") -> str:
    return (
        f"Article number {i} reports that the ministers met in Geneva on Tuesday to discuss trade {extra}.\n"
        "The talks will continue next week, officials said."
    )


@pytest.mark.slow
def test_engines_give_identical_events(
    tmp_path: Path, seeds: Path, corpus_slice: Path, ray_session: None
) -> None:
    results = {}
    for engine in ("memory", "local", "ray"):
        db = tmp_path / f"{engine}.duckdb"
        report = communique.run([seeds, corpus_slice], engine=engine, workers=2, db=db)  # type: ignore[arg-type]
        assert report.run.failed == 0
        results[engine] = snapshot(db)
    memory = results["memory"]
    assert len(memory["articles"]) == 44 and memory["events"], "the inputs should give events"
    for engine in ("local", "ray"):
        for part in memory:
            assert results[engine][part] == memory[part], f"{engine} differs from memory in {part}"


def test_batches_come_back_in_order_and_empty_batches_pass() -> None:
    config = Config(pipeline=list(META_PIPELINE))
    batches: list[list[Article]] = []
    for size in (3, 0, 1, 5, 0):
        batch = []
        for _ in range(size):
            article = _article(plain(sum(len(b) for b in batches) + len(batch)))
            batch.append(article)
        batches.append(batch)
    with LocalExecutor(2) as local:
        out = list(local.map(config, batches))
    expected = list(InMemoryExecutor().map(config, batches))
    assert [[r.id for r in b] for b in out] == [[a.id for a in b] for b in batches]
    assert [[r.model_dump() for r in b] for b in out] == [[r.model_dump() for r in b] for b in expected]


@pytest.mark.parametrize("engine", ["memory", "local", "ray"])
def test_an_article_that_raises_costs_that_article(engine: str, tmp_path: Path, request: Any) -> None:
    if engine == "ray":
        request.getfixturevalue("ray_session")
    texts = [plain(i, "RAISE-HERE" if i == 3 else "") for i in range(8)]
    folder = write_texts(tmp_path / "in", texts)
    db = tmp_path / "db.duckdb"
    report = communique.run([folder], engine=engine, workers=2, db=db, config=FAULTS)  # type: ignore[arg-type]
    failed = [o for o in report.outcomes if o.status is InputStatus.FAILED]
    assert (report.run.ok, len(failed)) == (7, 1)
    assert failed[0].source.endswith("003.txt")
    assert failed[0].reason is not None and "test.faults" in failed[0].reason
    assert "ValueError('injected failure')" in failed[0].reason
    with Store(db, read_only=True) as store:
        assert store.count() == 7
        assert [o.status for o in store.outcomes(report.run.id)].count(InputStatus.FAILED) == 1


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_a_worker_that_dies_costs_at_most_its_batch(engine: str, tmp_path: Path, request: Any) -> None:
    if engine == "ray":
        request.getfixturevalue("ray_session")
    texts = [plain(i, "EXIT-HERE" if i == 5 else "") for i in range(12)]
    folder = write_texts(tmp_path / "in", texts)
    db = tmp_path / "db.duckdb"
    with make_executor(engine, 2) as executor:  # type: ignore[arg-type]
        report = ingest([folder], db=db, config=FAULTS, executor=executor, batch_size=4)
    failed = sorted(Path(o.source).name for o in report.outcomes if o.status is InputStatus.FAILED)
    batch = ["004.txt", "005.txt", "006.txt", "007.txt"]
    assert "005.txt" in failed and set(failed) <= set(batch)  # the dying article's batch at most
    assert report.run.ok == 12 - len(failed)
    reasons = [o.reason or "" for o in report.outcomes if o.status is InputStatus.FAILED]
    assert all("stage 'worker' failed" in r and "WorkerLost" in r for r in reasons)


def test_a_dead_worker_is_replaced_and_its_batch_retried(tmp_path: Path) -> None:
    """The batch is retried once on a fresh worker; the pool stays at full strength for the other batches."""
    batches = [[_article(plain(i))] for i in range(6)]
    batches[1] = [_article(plain(99, "EXIT-HERE"))]
    with LocalExecutor(2, retries=1) as local:
        out = list(local.map(FAULTS, batches))
        assert local.lost_workers == 2  # first try and the retry
        assert len(local._pool) == 2
    assert isinstance(out[1][0], StageError) and out[1][0].stage == "worker"
    assert all(isinstance(b[0], Article) for i, b in enumerate(out) if i != 1)


def test_only_the_batch_a_dying_worker_was_running_is_lost() -> None:
    """A worker holds the next batch while it runs one: when it dies, the waiting batch goes to another worker."""
    batches = [[_article(plain(i))] for i in range(8)]
    batches[1] = [_article(plain(99, "EXIT-HERE"))]
    with LocalExecutor(2, retries=0, prefetch=2) as local:
        out = list(local.map(FAULTS, batches))
    assert [isinstance(batch[0], StageError) for batch in out] == [i == 1 for i in range(8)]


def test_a_worker_that_died_between_batches_costs_nothing() -> None:
    """A worker killed while idle: the batch sent to it (into a cut pipe) goes to its replacement, no attempt lost."""
    config = Config(pipeline=list(META_PIPELINE))
    with LocalExecutor(1, retries=0) as local:
        list(local.map(config, [[_article(plain(0))]]))
        worker = local._pool[0].process
        worker.kill()
        worker.join()
        out = list(local.map(config, [[_article(plain(i))] for i in range(1, 4)]))
        assert local.lost_workers == 1
    assert all(isinstance(batch[0], Article) for batch in out)


@pytest.mark.parametrize(("deaths", "fatal"), [(2, False), (100, True)])
def test_workers_that_die_while_starting(
    deaths: int, fatal: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deaths at start (the OOM killer while the models load) hold no batch and cost nothing; a build that kills
    every worker is a config error, not an endless respawn."""
    monkeypatch.setenv("COMMUNIQUE_TEST_BUILD_DEATHS", f"{tmp_path}:{deaths}")
    config = Config(pipeline=[*META_PIPELINE, "test.dies_on_build"], plugins=["scale_plugins"])
    batches = [[_article(plain(i))] for i in range(4)]
    with LocalExecutor(2, retries=1) as local:
        if fatal:
            with pytest.raises(communique.ConfigError, match="5 workers in a row died while building"):
                list(local.map(config, batches))
            return
        out = list(local.map(config, batches))
        assert local.lost_workers == deaths
    assert all(isinstance(batch[0], Article) for batch in out)


def test_closed_mid_run_the_workers_stop_at_once() -> None:
    """Closing while workers hold batches (Ctrl-C, an error in the driver) stops them now, not after their
    batches: nobody wants those results."""
    config = Config(pipeline=list(META_PIPELINE))
    local = LocalExecutor(2)
    results = local.map(config, [[_article(plain(i))] for i in range(20)])
    next(results)
    held = [w.process for w in local._pool if w.held]
    local.close()
    assert held and all(process.exitcode == -signal.SIGTERM for process in held)


def test_a_killed_run_resumes_without_duplicates(tmp_path: Path) -> None:
    """The driver is killed (SIGKILL) half-way; the re-run finishes the rest, nothing lost, nothing twice."""
    marker = tmp_path / "killed"
    texts = [plain(i, f"KILL-DRIVER {marker}" if i == 30 else "") for i in range(40)]
    folder = write_texts(tmp_path / "in", texts)
    db = tmp_path / "db.duckdb"
    pipeline = ",".join(FAULTS.pipeline)
    command = [sys.executable, "-m", "communique", "run", str(folder), "--engine", "local", "--workers", "2"]
    command += ["--db", str(db), "--pipeline", pipeline, "--plugin", "scale_plugins", "--batch-size", "4"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}
    first = subprocess.run(command, env=env, capture_output=True, timeout=120)
    assert first.returncode == -9 and marker.exists(), first.stderr.decode()[-2000:]
    with Store(db) as store:
        assert store.runs()[0].finished is None
        stored_before = store.count()
    second = subprocess.run(command, env=env, capture_output=True, timeout=120)
    assert second.returncode == 0, second.stderr.decode()[-2000:]
    with Store(db, read_only=True) as store:
        sources = [
            r[0] for r in store.connection.execute("SELECT source FROM articles ORDER BY 1").fetchall()
        ]
    # How many batches the driver committed before the kill depends on scheduling; the re-run must end with
    # every article once whatever it was.
    assert stored_before < 40
    assert sources == sorted(str((folder / f"{i:03d}.txt").resolve()) for i in range(40))


def test_unknown_engine_is_a_config_error() -> None:
    with pytest.raises(communique.ConfigError, match="unknown engine"):
        make_executor("spark")  # type: ignore[arg-type]


def _article(text: str) -> Article:
    from communique.ingest.readers import read_bytes

    items = list(read_bytes(text.encode(), f"mem-{abs(hash(text))}", Config().ingest, format_hint="text"))
    article = items[0]
    assert isinstance(article, Article)
    return article


def test_snapshot_helper_is_json_serialisable(tmp_path: Path, seeds: Path) -> None:
    db = tmp_path / "db.duckdb"
    communique.run([seeds], engine="memory", db=db, config=Config(pipeline=list(META_PIPELINE)))
    json.dumps(snapshot(db), default=str)
