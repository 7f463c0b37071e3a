from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.config import Config
from communique.errors import StageError
from communique.eval import FULL_PIPELINE, EvalReport, run_eval
from communique.eval import run as run_module
from communique.models import Article

LINES = [
    {"id": "1", "source_dataset": "demo", "language": "en", "text": "Protesters marched in Paris on Monday.",
     "published": {"date": "2020-01-06", "precision": "day"}, "task": "detection", "detection_type": "PROTEST",
     "events": [{"type": "PROTEST"}]},
    {"id": "2", "source_dataset": "demo", "language": "en", "text": "The weather was mild in Lyon all week long.",
     "events": [{"type": "ASSAULT", "source": "FRA.GOV", "target": "FRA.CVL"}]},
]  # fmt: skip


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "demo.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in LINES))
    return path


def test_run_eval_with_a_config_writes_json(gold: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    report = run_eval([gold], config=Config(pipeline=["meta.language", "meta.dates"]), out=out)
    assert report.overall.records == 2 and report.failures == []
    assert report.datasets["demo"].detection.fn == 1 and report.overall.events.recall == 0.0
    assert EvalReport.from_json(out.read_text()) == report


def test_failed_articles_count_as_empty_and_are_listed(gold: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []

    class Flaky:
        def __init__(self, config: Config) -> None:
            seen.append(config.pipeline)

        def process(self, articles: list[Article]) -> list[Article | StageError]:
            return [StageError("events.extract", articles[0].id, RuntimeError("boom")), articles[1]]

    monkeypatch.setattr(run_module, "Pipeline", Flaky)
    report = run_eval([gold])
    assert seen == [list(FULL_PIPELINE)]
    assert [(f.index, f.record, f.stage) for f in report.failures] == [(0, "demo:1", "events.extract")]
    assert "RuntimeError('boom')" in report.failures[0].error
    assert report.overall.records == 2 and "failed in the pipeline" in report.table()


def test_batches_of_64(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "many.jsonl"
    line = {"source_dataset": "many", "language": "en", "text": "Nothing happened today.", "events": []}
    path.write_text("".join(json.dumps({**line, "id": str(i)}) + "\n" for i in range(130)))
    sizes: list[int] = []

    class Counting:
        def __init__(self, config: Config) -> None:
            pass

        def process(self, articles: list[Article]) -> list[Article | StageError]:
            sizes.append(len(articles))
            return list(articles)

    monkeypatch.setattr(run_module, "Pipeline", Counting)
    assert run_eval([path]).overall.records == 130
    assert sizes == [64, 64, 2]
