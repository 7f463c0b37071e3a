"""The pairs file format, clustering scores, and the dev set shipped with the package."""

from __future__ import annotations

from pathlib import Path

import pytest

import communique.stories
from communique.eval.clustering import Pair, load_pairs, pearson, score_pairs
from communique.eval.gold import GoldFormatError

DEV = Path(communique.stories.__file__).parent / "data" / "dev-pairs.jsonl"


def test_scores_per_language_pair() -> None:
    pairs = [
        Pair(a="1", b="2", same=True, score=4, languages="en-fr"),
        Pair(a="3", b="4", same=False, score=1, languages="fr-en"),
        Pair(a="5", b="6", same=True, score=3, languages="en-en"),
        Pair(a="7", b="8", same=False, score=0, languages="en-en"),
    ]
    verdicts = {"1": (True, 0.9), "3": (True, 0.72), "5": (False, 0.6), "7": (False, 0.1)}
    report = score_pairs([*pairs, Pair(a="x", b="y", same=True)], lambda p: verdicts.get(p.a))
    assert list(report.groups) == ["all", "same-language", "cross-language", "en-en", "en-fr"]
    cross = report.groups["en-fr"].prf
    assert (cross.precision, cross.recall) == (0.5, 1.0)
    same = report.groups["same-language"].prf
    assert (same.precision, same.recall) == (None, 0.0)
    assert report.missing == ["x y"]
    assert report.groups["all"].pearson == pytest.approx(pearson([0.9, 0.72, 0.6, 0.1], [4, 1, 3, 0]))
    assert "en-fr" in report.table()


def test_bad_lines_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text('{"a": "1", "b": "2", "same": true}\n{"a": "1", "same": true}\n')
    with pytest.raises(GoldFormatError, match=r"pairs\.jsonl:2"):
        load_pairs(path)


def test_dev_set_has_enough_pairs_and_cross_language_pairs() -> None:
    pairs = load_pairs(DEV)
    assert len(pairs) >= 150
    assert sum(p.cross for p in pairs) >= 40
    assert sum(p.cross and not p.same for p in pairs) >= 20  # cross-language negatives too
    assert all(p.score is not None for p in pairs)
    assert len({(p.a, p.b) for p in pairs}) == len(pairs)
