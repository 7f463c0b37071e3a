"""The user's cache folder: what a process derives from installed packages once and later processes reuse.

Everything there is kept under a key that changes with what it was built from: the knowledge base's state table
(``actors.kb.registry``), the gazetteer (``events.places``), the compiled programs of spaCy's large tokenizer
regexes (``nlp.regexes``), and, through :func:`derived`, what each worker otherwise builds again on its start
(0.3-0.5 s each): the knowledge base and its name matchers, the trigger lexicons and their inflected forms,
the calendar's month and weekday names. A cache that is missing or unreadable is rebuilt; one that cannot be
written (a read-only home) is skipped, and the next process builds it again.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import sys
import threading
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

import platformdirs

T = TypeVar("T")

KEEP = 4  # copies of one derived value kept for different inputs (users' knowledge-base files, lexicons)


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


@functools.cache
def code_key() -> str:
    """Changes whenever Communiqué's installed code or data changes (every file's size and modification time), or
    the interpreter that unpickles what it built."""
    from communique.about import __version__

    root = Path(__file__).parent
    digest = hashlib.sha256(f"{__version__}|{sys.version}".encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix != ".pyc":
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def versions(*packages: str) -> str:
    """The installed versions of ``packages`` (part of a key when a cache derives from their data)."""
    found: list[str] = []
    for package in packages:
        try:
            found.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            found.append(f"{package}=-")
    return ",".join(found)


def derived(name: str, key: str, build: Callable[[], T], kind: type[T]) -> T:
    """What ``build()`` returns, read from the cache when it was built under the same ``name`` and ``key`` by this
    code (:func:`code_key`), else built and kept there. Copies that older code built are removed, and of this
    code's, only the :data:`KEEP` most recent (a knowledge base edited again and again is not kept in every state)."""
    code = code_key()
    path = cache_dir() / f"{name}-{code}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"
    cached = read_cached(path)
    if isinstance(cached, kind):
        return cached
    value = build()
    write_cached(path, value)
    copy = re.compile(rf"{re.escape(name)}-([0-9a-f]{{16}})-[0-9a-f]{{16}}\.pickle")
    kept = 1  # this one
    for old in sorted(path.parent.glob(f"{name}-*.pickle"), key=_modified, reverse=True):
        match = copy.fullmatch(old.name)
        if old == path or match is None:
            continue  # this copy, or another name's ("actor-matcher-en" beside "actor-matcher")
        kept += match.group(1) == code
        if match.group(1) != code or kept > KEEP:
            old.unlink(missing_ok=True)
    return value


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile by another process
        return 0.0
