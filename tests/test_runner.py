"""Ingest runs end to end: seeds, bad input that never sinks a batch, idempotency, kill-and-resume."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import communique
from communique.config import META_PIPELINE, Config
from communique.ingest.readers import read_file
from communique.models import Article
from communique.pipeline import Pipeline
from communique.runner import Ingestor
from communique.store.database import Store

# The ingest stages only: these tests are about reading and storing.
META = Config(pipeline=list(META_PIPELINE))


def test_seeds_ingest_with_languages_dates_and_datelines(tmp_path: Path, seeds: Path) -> None:
    report = communique.ingest([seeds], db=tmp_path / "db.duckdb", config=META)
    assert (report.run.ok, report.run.added, report.problems) == (4, 4, [])
    with communique.open(tmp_path / "db.duckdb") as store:
        articles = store.articles()
    assert [a.language for a in articles] == ["en", "fr", "en", "en"]
    seed2, seed3 = articles[2], articles[3]
    assert seed2.published is not None and seed2.published.date.iso == "2025-07-24"
    assert seed2.published.precision == "day"
    assert seed2.published.provenance.value in {"metadata", "dateline"}
    assert seed3.published is not None and seed3.published.date.iso == "XXXX-05-21"
    assert seed3.dateline is not None and seed3.dateline.place == "Moscow"
    assert seed3.outlet == "RIA Novosti"
    assert "2019" not in seed3.model_dump_json(include={"published", "dateline", "date_hints"})
    assert "Listen Live" not in seed3.text and seed3.text.startswith("MOSCOW, May 21")


def _write_corpus(root: Path, corpus: Path, good: int) -> dict[str, int]:
    """``good`` real articles as .txt/.html/.jsonl files plus 100 bad inputs of every kind we know."""
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if len(r["text"]) > 400][:good]
    (root / "good").mkdir(parents=True)
    for i, row in enumerate(rows):
        text = row["text"]
        if i % 3 == 0:
            (root / "good" / f"{i}.txt").write_text(text, encoding="utf-8")
        elif i % 3 == 1:
            body = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
            html = (
                f"<html><head><title>Article {i}</title></head><body><article>{body}</article></body></html>"
            )
            (root / "good" / f"{i}.html").write_text(html, encoding="utf-8")
        else:
            (root / "good" / f"{i}.jsonl").write_text(json.dumps({"id": f"a{i}", "text": text}) + "\n")
    bad = root / "bad"
    bad.mkdir()
    kinds = {"empty": 0, "binary": 0, "huge": 0, "truncated-html": 0, "bad-json": 0, "not-text": 0}
    for i in range(100):
        kind = list(kinds)[i % len(kinds)]
        kinds[kind] += 1
        path = bad / f"{kind}-{i}"
        if kind == "empty":
            path.with_suffix(".txt").write_bytes(b"")
        elif kind == "binary":
            path.with_suffix(".bin").write_bytes(bytes(range(256)) * 40)
        elif kind == "huge":
            path.with_suffix(".txt").write_bytes(b"word " * 5_000_000)
        elif kind == "truncated-html":
            path.with_suffix(".html").write_bytes(b"<html><body><div><p>Cut")
        elif kind == "bad-json":
            path.with_suffix(".jsonl").write_text('{"id": "x", "text": "unterminated\n')
        else:
            path.with_suffix(".gz").write_bytes(gzip.compress(b"\x00\x01\x02" * 500))
    return kinds


@pytest.mark.slow
def test_a_thousand_files_with_a_hundred_bad_ones(tmp_path: Path, shared: Path) -> None:
    _write_corpus(tmp_path / "in", shared / "corpus" / "news-10lang.jsonl", good=900)
    db = tmp_path / "db.duckdb"
    report = communique.ingest([tmp_path / "in"], db=db, config=META)
    assert report.run.ok + report.run.skipped + report.run.failed == 1000
    bad = [o for o in report.problems if "/bad/" in o.source]
    assert len(bad) == 100 and all(o.reason for o in bad)
    assert not [o for o in report.problems if "/good/" in o.source]
    added = report.run.added
    again = communique.ingest([tmp_path / "in"], db=db, config=META)
    assert again.run.added == 0
    assert again.run.unchanged >= 900  # every good file; failed files are retried
    with Store(db) as store:
        assert store.count() == added


def test_reingest_adds_nothing_and_force_rereads(tmp_path: Path, seeds: Path) -> None:
    db = tmp_path / "db.duckdb"
    communique.ingest([seeds], db=db)
    second = communique.ingest([seeds], db=db)
    assert (second.run.added, second.run.unchanged) == (0, 4)
    forced = communique.ingest([seeds], db=db, force=True)
    assert (forced.run.added, forced.run.ok) == (0, 4)
    with Store(db) as store:
        assert store.count() == 4


def test_a_killed_run_resumes_without_loss_or_duplicates(tmp_path: Path, shared: Path) -> None:
    lines = (shared / "corpus" / "news-10lang.jsonl").read_text("utf-8").splitlines()
    folder = tmp_path / "in"
    folder.mkdir()
    for i, line in enumerate(lines[:800]):
        (folder / f"{i:04d}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
    db = tmp_path / "db.duckdb"
    meta = ",".join(META.pipeline)
    command = [sys.executable, "-m", "communique", "ingest", str(folder), "--db", str(db), "--pipeline", meta]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Kill it once its first batches are committed (DuckDB's write-ahead log has grown), however slow start-up is.
    wal = db.with_name(db.name + ".wal")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < 200_000):
        time.sleep(0.1)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with Store(db) as store:
        assert store.runs()[0].finished is None, "the run finished before it was killed: give it more files"
        stored_before = store.count()
    subprocess.run(command, check=True, capture_output=True)
    # The same files, never interrupted.
    communique.ingest([folder], db=tmp_path / "clean.duckdb", config=META)
    query = "SELECT source FROM articles ORDER BY source"
    with Store(db) as resumed, Store(tmp_path / "clean.duckdb") as clean:
        sources = [r[0] for r in resumed.connection.execute(query).fetchall()]
        expected = [r[0] for r in clean.connection.execute(query).fetchall()]
    assert sources == expected  # nothing lost, nothing twice
    assert 0 < stored_before < len(expected)


def test_the_actors_of_stored_mentions_are_stored_with_them(tmp_path: Path, seeds: Path) -> None:
    # actors.resolve attaches each article's KB actors where it runs (a worker): the runner stores those
    db = tmp_path / "db.duckdb"
    communique.ingest([seeds], db=db, config=Config(stories=False))
    with communique.open(db) as store:
        stored = {r[0] for r in store.connection.execute("SELECT id FROM actors").fetchall()}
        linked = {m.actor for m in store.mentions() if m.actor}
        oic = store.actor("OIC")
    assert stored == linked
    assert oic is not None and oic.id == "OIC"


def test_mentions_made_without_actors_resolve_are_looked_up_by_the_runner(
    tmp_path: Path, seeds: Path
) -> None:
    config = Config(stories=False)
    (seed,) = [a for a in read_file(next(seeds.glob("003_*.txt")), config.ingest) if isinstance(a, Article)]
    (article,) = [a for a in Pipeline(config).process([seed]) if isinstance(a, Article)]
    attached = {a.id for a in article._actors}
    article._actors = None  # as a plugin's mentions come: no actors attached
    with Store(tmp_path / "db.duckdb") as store:
        looked_up = {a.id for a in Ingestor(store, config)._actors([article])}
    assert looked_up == attached and "OIC" in looked_up
