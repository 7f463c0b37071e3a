"""Evaluation against hand-labelled gold files: ``run_eval(paths)`` or ``score(load_gold(paths), articles)``.

The matching rules are written out in ``docs/evaluation.md``.
"""

from __future__ import annotations

from communique.eval.codes import SYMMETRIC_TYPES, codes_agree
from communique.eval.gold import (
    GoldActor,
    GoldDate,
    GoldEvent,
    GoldFormatError,
    GoldRecord,
    articles_for,
    load_gold,
)
from communique.eval.report import PRF, Binary, EvalReport, Failure, GroupScores, Ratio
from communique.eval.run import FULL_PIPELINE, run_eval
from communique.eval.scoring import score

__all__ = [
    "FULL_PIPELINE",
    "PRF",
    "SYMMETRIC_TYPES",
    "Binary",
    "EvalReport",
    "Failure",
    "GoldActor",
    "GoldDate",
    "GoldEvent",
    "GoldFormatError",
    "GoldRecord",
    "GroupScores",
    "Ratio",
    "articles_for",
    "codes_agree",
    "load_gold",
    "run_eval",
    "score",
]
