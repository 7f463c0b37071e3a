"""The user's cache folder: what a process derives from installed packages once and later processes reuse.

Three things live there, each under a key that changes with what it was built from: the knowledge base's state
table (``actors.kb.registry``), the gazetteer (``events.places``) and the compiled program of spaCy's largest
tokenizer regex (``nlp.regexes``). A cache that is missing or unreadable is rebuilt; one that cannot be written
(a read-only home) is skipped, and the next process builds it again.
"""

from __future__ import annotations

import os
import pickle
import threading
from pathlib import Path

import platformdirs


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("communique"))


def read_cached(path: Path) -> object | None:
    """What ``path`` holds, or None when it is missing or was written by an incompatible version."""
    try:
        with path.open("rb") as handle:
            data: object = pickle.load(handle)
        return data
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def write_cached(path: Path, data: object) -> None:
    """Pickle ``data`` to ``path`` atomically: concurrent first runs (workers, test processes) each write their own
    temporary file and the last rename wins."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError:  # pragma: no cover - read-only home: built again next time
        pass
