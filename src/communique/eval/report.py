"""The scores of one evaluation run: counts that add up, and the ratios computed from them.

Every group (the whole run, each dataset, each language) holds raw counts only; precision, recall, F1 and
accuracies are computed properties that also appear in the JSON. ``EvalReport.from_json(r.to_json()) == r``.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from pydantic import BaseModel, ConfigDict, Field, computed_field

__all__ = ["PRF", "Binary", "EvalReport", "Failure", "GroupScores", "Ratio"]


def _div(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


class _Counts(BaseModel):
    model_config = ConfigDict(extra="ignore")  # computed values in the JSON are read back as nothing

    def __add__(self, other: _Counts) -> _Counts:
        raise NotImplementedError


class Ratio(_Counts):
    """``hit`` out of ``total``; ``value`` is None when there is nothing to count."""

    hit: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> float | None:
        return _div(self.hit, self.total)

    def add(self, hit: bool) -> None:
        self.total += 1
        self.hit += int(hit)

    def __add__(self, other: _Counts) -> Ratio:
        assert isinstance(other, Ratio)
        return Ratio(hit=self.hit + other.hit, total=self.total + other.total)


class PRF(_Counts):
    """Precision over predictions, recall over gold items.

    Counted apart because one multilateral prediction may match several gold dyads (``matched_pred`` counts
    it once, ``matched_gold`` once per dyad).
    """

    matched_pred: int = 0
    n_pred: int = 0
    matched_gold: int = 0
    n_gold: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        return _div(self.matched_pred, self.n_pred)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        return _div(self.matched_gold, self.n_gold)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        return _f1(self.precision, self.recall)

    def __add__(self, other: _Counts) -> PRF:
        assert isinstance(other, PRF)
        return PRF(
            matched_pred=self.matched_pred + other.matched_pred,
            n_pred=self.n_pred + other.n_pred,
            matched_gold=self.matched_gold + other.matched_gold,
            n_gold=self.n_gold + other.n_gold,
        )


class Binary(_Counts):
    """Yes/no decisions (detection): the confusion counts of the "yes" class."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float | None:
        return _div(self.tp + self.tn, self.tp + self.fp + self.fn + self.tn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        return _div(self.tp, self.tp + self.fp)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        return _div(self.tp, self.tp + self.fn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        if self.tp + self.fp + self.fn == 0:
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def add(self, gold: bool, predicted: bool) -> None:
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    def __add__(self, other: _Counts) -> Binary:
        assert isinstance(other, Binary)
        return Binary(
            tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn, tn=self.tn + other.tn
        )


class GroupScores(BaseModel):
    """Every score of one group of records (a dataset, a language, or all of them)."""

    model_config = ConfigDict(extra="ignore")

    records: int = 0
    gold_events: int = 0  # mapped gold events of full-extraction records, as scored
    predicted_events: int = 0  # every predicted event on full-extraction records
    unmapped_gold: int = 0  # gold events with type null (not scored)
    events: PRF = Field(default_factory=PRF)  # type + source + target
    type_only: PRF = Field(default_factory=PRF)
    dyad_only: PRF = Field(default_factory=PRF)
    required: Ratio = Field(default_factory=Ratio)  # recall of gold events marked required
    cameo_root: Ratio = Field(default_factory=Ratio)  # matched events with a gold cameo code
    date_exact: Ratio = Field(default_factory=Ratio)  # matched events with a gold date
    date_within_1: Ratio = Field(default_factory=Ratio)
    place: Ratio = Field(default_factory=Ratio)  # matched events with a gold place
    detection: Binary = Field(default_factory=Binary)  # task: detection
    classification: Ratio = Field(default_factory=Ratio)  # task: classification, gold type mapped
    classification_unmapped: int = 0  # classification records whose gold type is null (not scored)
    actors: PRF = Field(default_factory=PRF)  # actor linking against gold "actors" lists
    actor_codes_dev: Ratio = Field(default_factory=Ratio)  # source_text/target_text codes (dev files)

    def __add__(self, other: GroupScores) -> GroupScores:
        values: dict[str, object] = {}
        for name in type(self).model_fields:
            mine, theirs = getattr(self, name), getattr(other, name)
            values[name] = mine + theirs
        return GroupScores.model_validate(values)

    @classmethod
    def total(cls, groups: Iterable[GroupScores]) -> GroupScores:
        result = cls()
        for group in groups:
            result = result + group
        return result


class Failure(BaseModel):
    """A record whose article a pipeline stage failed on: scored as having no predictions."""

    index: int
    record: str  # dataset:id
    stage: str
    error: str


class EvalReport(BaseModel):
    model_config = ConfigDict(extra="ignore")

    overall: GroupScores = Field(default_factory=GroupScores)
    datasets: dict[str, GroupScores] = Field(default_factory=dict)
    languages: dict[str, GroupScores] = Field(default_factory=dict)
    failures: list[Failure] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)  # gold entries that could not be scored as written

    def to_json(self, *, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes) -> EvalReport:
        return cls.model_validate_json(data)

    def rows(self) -> list[tuple[str, GroupScores]]:
        """Overall first, then each dataset, then each language (names sorted)."""
        rows = [("overall", self.overall)]
        rows += [(f"dataset {name}", group) for name, group in sorted(self.datasets.items())]
        rows += [(f"lang {name}", group) for name, group in sorted(self.languages.items())]
        return rows

    def table(self, *, width: int = 200) -> str:
        """Two plain-text tables (event extraction; tasks and actors), for the terminal."""
        from rich import box
        from rich.console import Console
        from rich.table import Table

        buffer = io.StringIO()
        console = Console(file=buffer, width=width, color_system=None, force_terminal=False, soft_wrap=False)
        for title, columns in (("Event extraction", _EVENT_COLUMNS), ("Tasks and actors", _TASK_COLUMNS)):
            table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
            table.add_column("group", no_wrap=True)
            for header, _ in columns:
                table.add_column(header, justify="right", no_wrap=True)
            for name, group in self.rows():
                table.add_row(name, *(cell(group) for _, cell in columns))
            console.print(table)
        if self.failures:
            console.print(f"{len(self.failures)} article(s) failed in the pipeline and were scored as empty:")
            for failure in self.failures[:20]:
                console.print(f"  {failure.record}: {failure.stage}: {failure.error}", markup=False)
        return buffer.getvalue()


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _ratio(value: Ratio) -> str:
    return "–" if value.total == 0 else f"{value.value:.3f} ({value.hit}/{value.total})"


Cell = Callable[[GroupScores], str]

_EVENT_COLUMNS: list[tuple[str, Cell]] = [
    ("records", lambda g: str(g.records)),
    ("gold", lambda g: str(g.gold_events)),
    ("pred", lambda g: str(g.predicted_events)),
    ("P", lambda g: _num(g.events.precision)),
    ("R", lambda g: _num(g.events.recall)),
    ("F1", lambda g: _num(g.events.f1)),
    ("type F1", lambda g: _num(g.type_only.f1)),
    ("dyad F1", lambda g: _num(g.dyad_only.f1)),
    ("required R", lambda g: _ratio(g.required)),
    ("CAMEO root", lambda g: _ratio(g.cameo_root)),
    ("date", lambda g: _ratio(g.date_exact)),
    ("date ±1", lambda g: _ratio(g.date_within_1)),
    ("place", lambda g: _ratio(g.place)),
]

_TASK_COLUMNS: list[tuple[str, Cell]] = [
    ("det acc", lambda g: _num(g.detection.accuracy)),
    ("det F1", lambda g: _num(g.detection.f1)),
    ("class acc", lambda g: _ratio(g.classification)),
    ("actors P", lambda g: _num(g.actors.precision)),
    ("actors R", lambda g: _num(g.actors.recall)),
    ("actor codes (dev)", lambda g: _ratio(g.actor_codes_dev)),
]
