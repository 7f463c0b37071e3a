"""Event coding on the seeds: every required gold event with its type, actors, date and place."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.eval import load_gold, score
from communique.models import Article, Event


def _find(article: Article, type_: str, source: str, target: str) -> list[Event]:
    pair = {source, target}
    return [
        e
        for e in article.events
        if e.type == type_
        and e.source
        and e.target
        and (
            (e.source.code, e.target.code) == (source, target)
            or (type_ == "CONSULT" and {e.source.code, e.target.code} == pair)
        )
    ]


@pytest.mark.parametrize(
    ("seed", "type_", "source", "target", "date", "place"),
    [
        ("000", "CONSULT", "IRN.GOV", "IGO.OIC", "2003-05-27", "Tehran"),
        ("000", "ACCUSE", "IRN.GOV", "ISR.GOV", "2003-05-27", "Tehran"),
        ("000", "ACCUSE", "IRN.GOV", "USA", "2003-05-27", "Tehran"),
        ("000", "REQUEST", "IRN.GOV", "IGO.OIC", "2003-05-27", "Tehran"),
        ("001", "CONSULT", "IRN.GOV", "IGO.OIC", None, None),
        ("001", "REQUEST", "IRN.GOV", "IGO.OIC", None, None),
        ("002", "SUPPORT", "IGO.UN", "IGO.OIC", "2025-07-24", "New York City"),
        ("002", "CONSULT", "IGO.UN", "IGO.OIC", "2025-07-09", "Dakar"),
        ("003", "CONSULT", "RUS.GOV", "IGO.OIC", "2004-05-21", "Moscow"),
        ("003", "CONSULT", "IGO.OIC", "RUS.GOV", "2004-05-20", "Moscow"),
        ("003", "CONSULT", "IGO.OIC", "IGO.EU", "2004-05", None),
        ("003", "SUPPORT", "MYS.GOV", "RUS.GOV", "2004-05-21", None),
    ],
)
def test_required_events(
    seed_articles: dict[str, Article],
    seed: str,
    type_: str,
    source: str,
    target: str,
    date: str | None,
    place: str | None,
) -> None:
    found = _find(seed_articles[seed], type_, source, target)
    assert found, f"{seed}: no {type_} {source} -> {target}"
    if date is not None:
        assert date in {e.date.date.iso for e in found if e.date}
    if place is not None:
        assert place in {e.place.name for e in found if e.place}


def test_the_french_intent_to_cooperate(seed_articles: dict[str, Article]) -> None:
    (event,) = _find(seed_articles["001"], "COOPERATE", "IRN", "IGO.OIC")
    assert event.mode == "intend" and event.cameo == "031"  # express intent to engage in material cooperation


def test_every_event_carries_its_evidence(seed_articles: dict[str, Article]) -> None:
    for article in seed_articles.values():
        for event in article.events:
            assert article.text[event.trigger.start : event.trigger.end] == event.trigger.text
            for side in (event.source, event.target):
                if side is not None and side.span is not None:
                    assert article.text[side.span.start : side.span.end] == side.span.text
            if event.date is not None and event.date.span is not None:
                assert article.text[event.date.span.start : event.date.span.end] == event.date.span.text
            assert (
                event.quad_class is not None and event.goldstein is not None and event.intensity is not None
            )
            assert len(event.id) == 16 and 0 < event.confidence <= 1


def test_event_ids_are_stable(seed_articles: dict[str, Article], pipeline: object, seeds: Path) -> None:
    from communique.config import Config
    from communique.ingest.readers import read_file
    from communique.pipeline import Pipeline

    assert isinstance(pipeline, Pipeline)
    path = sorted(seeds.glob("003_*.txt"))[0]
    (again,) = [a for a in read_file(path, Config().ingest) if isinstance(a, Article)]
    assert [e.id for e in pipeline(again).events] == [e.id for e in seed_articles["003"].events]


def test_seed_scores_meet_the_targets(seed_articles: dict[str, Article], shared: Path) -> None:
    records = load_gold([shared / "gold" / "seeds.jsonl"])
    predicted = [seed_articles[r.doc[:3]] for r in records if r.doc]
    report = score(records, predicted)
    overall = report.overall
    assert overall.required.value == 1.0
    assert overall.events.precision >= 0.7
    assert overall.actors.precision >= 0.9 and overall.actors.recall >= 0.9
