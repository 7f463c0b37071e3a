"""``communique eval``: load gold, run the pipeline over its articles, score, write the report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from communique.config import FULL_PIPELINE, Config
from communique.errors import StageError
from communique.eval.gold import articles_for, load_gold
from communique.eval.report import EvalReport, Failure
from communique.eval.scoring import score
from communique.models import Article
from communique.pipeline import Pipeline

__all__ = ["BATCH_SIZE", "FULL_PIPELINE", "run_eval"]

BATCH_SIZE = 64


def run_eval(paths: Sequence[Path], *, config: Config | None = None, out: Path | None = None) -> EvalReport:
    """Score the pipeline of ``config`` (default: :data:`FULL_PIPELINE`) on the gold files at ``paths``.

    An article that a stage fails on is scored as having no predictions and listed in ``report.failures``.
    The report is written as JSON to ``out`` when given.
    """
    # Scoring stores nothing and clusters no stories: the story embedding would be wasted work.
    config = (config or Config()).model_copy(update={"stories": False})
    records = load_gold(paths)
    articles = articles_for(records, ingest=config.ingest)
    pipeline = Pipeline(config)
    predicted: list[Article] = []
    failures: list[Failure] = []
    for first in range(0, len(articles), BATCH_SIZE):
        batch = articles[first : first + BATCH_SIZE]
        for offset, (bare, result) in enumerate(zip(batch, pipeline.process(batch), strict=True)):
            if isinstance(result, StageError):
                index = first + offset
                failures.append(
                    Failure(
                        index=index, record=records[index].key, stage=result.stage, error=repr(result.cause)
                    )
                )
                predicted.append(bare)
            else:
                predicted.append(result)
    report = score(records, predicted)
    report.failures = failures
    if out is not None:
        out.write_text(report.to_json(), encoding="utf-8")
    return report
