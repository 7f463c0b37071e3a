"""Story clustering scores on a pairs file: pairwise precision, recall and F1, and Pearson correlation.

A pairs file is JSON lines, one judged pair of articles each::

    {"a": "<id>", "b": "<id>", "same": true, "score": 4, "languages": "en-fr"}

``a`` and ``b`` are article ids, or the record ids of a JSONL corpus (an article whose source ends in ``#<id>``);
``same`` says whether they report the same happening; ``score`` (optional, 0-4) grades how similar they are;
``languages`` (optional) groups the scores (the articles' own languages are used when it is missing).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from communique.eval.gold import GoldFormatError
from communique.eval.report import PRF

if TYPE_CHECKING:
    from communique.config import StoriesConfig
    from communique.store.database import Store

__all__ = ["ClusteringReport", "Pair", "PairGroup", "load_pairs", "pearson", "run_pairs_eval", "score_pairs"]


class Pair(BaseModel):
    model_config = ConfigDict(extra="allow")

    a: str
    b: str
    same: bool
    score: float | None = Field(default=None, ge=0, le=4)
    languages: str | None = None

    @property
    def group(self) -> str:
        """``"en-fr"``: the two languages, sorted."""
        return "-".join(sorted((self.languages or "und-und").split("-", 1)))

    @property
    def cross(self) -> bool:
        first, _, second = self.group.partition("-")
        return first != second


def load_pairs(path: Path) -> list[Pair]:
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            pairs.append(Pair.model_validate_json(line))
        except ValueError as exc:
            raise GoldFormatError(f"{path}:{number}", str(exc)) from exc
    return pairs


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    if not sx or not sy:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (sx * sy)


class PairGroup(BaseModel):
    """Counts of one group of pairs (all, same-language, cross-language, or one language pair)."""

    pairs: int = 0
    prf: PRF = Field(default_factory=PRF)
    similarities: list[float] = Field(default_factory=list)
    gold_scores: list[float] = Field(default_factory=list)

    @property
    def pearson(self) -> float | None:
        return pearson(self.similarities, self.gold_scores)

    def add(self, pair: Pair, predicted: bool, similarity: float) -> None:
        self.pairs += 1
        self.prf.n_pred += predicted
        self.prf.n_gold += pair.same
        hit = predicted and pair.same
        self.prf.matched_pred += hit
        self.prf.matched_gold += hit
        if pair.score is not None:
            self.similarities.append(similarity)
            self.gold_scores.append(pair.score)


class ClusteringReport(BaseModel):
    groups: dict[str, PairGroup] = Field(default_factory=dict)
    missing: list[str] = Field(default_factory=list)  # ids of the pairs file not found
    threshold: float | None = None

    def table(self) -> str:
        lines = [f"{'pairs':<16}{'n':>5}{'P':>7}{'R':>7}{'F1':>7}{'r':>7}"]
        for name, group in self.groups.items():
            p, r, f = group.prf.precision, group.prf.recall, group.prf.f1
            lines.append(f"{name:<16}{group.pairs:>5}{_fmt(p)}{_fmt(r)}{_fmt(f)}{_fmt(group.pearson)}")
        if self.missing:
            lines.append(f"{len(self.missing)} pairs skipped: articles not in the database")
        return "\n".join(lines)

    def summary(self) -> dict[str, dict[str, float | int | None]]:
        return {
            name: {
                "pairs": g.pairs,
                "precision": g.prf.precision,
                "recall": g.prf.recall,
                "f1": g.prf.f1,
                "pearson": g.pearson,
            }
            for name, g in self.groups.items()
        }


def _fmt(value: float | None) -> str:
    return f"{value:>7.3f}" if value is not None else f"{'-':>7}"


Judge = Callable[[Pair], tuple[bool, float] | None]
"""(same story?, similarity) for a pair, or None when its articles are unknown."""


def score_pairs(pairs: Iterable[Pair], judge: Judge) -> ClusteringReport:
    report = ClusteringReport()
    groups = report.groups
    for pair in pairs:
        verdict = judge(pair)
        if verdict is None:
            report.missing.append(f"{pair.a} {pair.b}")
            continue
        predicted, similarity = verdict
        names = ["all", "cross-language" if pair.cross else "same-language", pair.group]
        for name in names:
            groups.setdefault(name, PairGroup()).add(pair, predicted, similarity)
    order = {"all": 0, "same-language": 1, "cross-language": 2}
    report.groups = dict(sorted(groups.items(), key=lambda kv: (order.get(kv[0], 3), kv[0])))
    return report


def run_pairs_eval(path: Path, store: Store, config: StoriesConfig | None = None) -> ClusteringReport:
    """Score story clustering on the pairs file at ``path`` against the articles of ``store``.

    A pair is predicted same-story when blocking would compare the two articles and their score reaches the
    threshold (exactly the test an article passes to join a one-article story).
    """
    from communique.config import StoriesConfig
    from communique.stories.cluster import blocked_together, pair_score
    from communique.stories.update import article_features

    config = config or StoriesConfig()
    pairs = load_pairs(path)
    wanted = sorted({i for p in pairs for i in (p.a, p.b)})
    rows = store.connection.execute(
        "SELECT id, split_part(source, '#', -1) FROM articles "
        "WHERE list_contains(?, id) OR list_contains(?, split_part(source, '#', -1))",
        [wanted, wanted],
    ).fetchall()
    to_article = {key: article for article, locator in rows for key in (article, locator)}
    features = {f.id: f for f in article_features(store, sorted({a for a, _ in rows}))}

    def judge(pair: Pair) -> tuple[bool, float] | None:
        a, b = features.get(to_article.get(pair.a, "")), features.get(to_article.get(pair.b, ""))
        if a is None or b is None:
            return None
        score = max(pair_score(a, b, config), -1.0)
        return blocked_together(a, b, config) and score >= config.threshold, score

    report = score_pairs(pairs, judge)
    report.threshold = config.threshold
    return report
