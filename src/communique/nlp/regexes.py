"""spaCy's large tokenizer regexes, compiled once per machine instead of once per process.

spaCy's French rules compile a 1.4 MB case-insensitive pattern when they are imported (every hyphenated and elided
exception, each over Unicode letter classes): 2.4–3.1 s, a quarter of a worker's start, paid again by every worker
of every run. Python pickles a compiled pattern as its source, to be compiled again, so what the cache keeps is what
compiling produces: the regex engine's program, which ``_sre.compile`` (the last step of ``re.compile``) turns back
into the same pattern in milliseconds. The key covers the pattern, its flags and the interpreter's regex engine
(``_sre.MAGIC``, the Python version); if anything in that path fails the pattern is compiled as usual.

Every language's prefix, suffix and infix patterns are smaller (5-30 KB) but not cheap either: 10-40 ms each,
0.3 s for the ten languages a worker meets. Patterns of at least :data:`LARGE` characters take this path; spaCy's
others compile in a millisecond or less.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from communique.cache import cache_dir, read_cached, write_cached

__all__ = ["LARGE", "cached_large_regexes"]

LARGE = 5_000  # characters

_compile = re.compile


@dataclass(frozen=True)
class _Program:
    """What ``re._compiler.compile`` hands ``_sre.compile`` besides the source."""

    flags: int
    code: list[int]
    groups: int
    groupindex: dict[str, int]
    indexgroup: tuple[str | None, ...]

    def pattern(self, source: str) -> re.Pattern[str]:
        sre: Any = importlib.import_module("_sre")
        compiled: re.Pattern[str] = sre.compile(
            source, self.flags, self.code, self.groups, self.groupindex, self.indexgroup
        )
        return compiled


@contextmanager
def cached_large_regexes() -> Iterator[None]:
    """Within the block, ``re.compile`` of a large pattern goes through the disk cache (spaCy's imports and model
    loading call ``re.compile`` by attribute, so they see it)."""
    re.compile = _compile_cached
    try:
        yield
    finally:
        re.compile = _compile


def _compile_cached(pattern: Any, flags: Any = 0) -> re.Pattern[Any]:
    if isinstance(pattern, str) and len(pattern) >= LARGE:
        return _large(pattern, int(flags))
    return _compile(pattern, flags)


# spaCy compiles some patterns twice (French's on import and from the model's copy)
@functools.lru_cache(maxsize=64)
def _large(source: str, flags: int) -> re.Pattern[str]:
    digest = hashlib.sha256(f"{sys.version}|{_engine()}|{flags}|{source}".encode()).hexdigest()[:24]
    path = cache_dir() / f"regex-{digest}.pickle"
    program = read_cached(path)
    if isinstance(program, _Program):
        try:
            return program.pattern(source)
        except (
            TypeError,
            ValueError,
            RuntimeError,
        ):  # a program this engine does not accept: compile it anew
            pass
    try:
        program = _program(source, flags)
        compiled = program.pattern(source)
    except Exception:  # the engine's internals changed: nothing cached, compiled the usual way
        return _compile(source, flags)
    write_cached(path, program)
    return compiled


def _program(source: str, flags: int) -> _Program:
    """``re._compiler.compile`` up to its last call, keeping that call's arguments."""
    parser: Any = importlib.import_module("re._parser")
    compiler: Any = importlib.import_module("re._compiler")
    parsed = parser.parse(source, flags)
    groupindex: dict[str, int] = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return _Program(
        flags | parsed.state.flags,
        [
            int(op) for op in compiler._code(parsed, flags)
        ],  # opcodes are named int constants: plain ints pickle
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _engine() -> str:
    sre: Any = importlib.import_module("_sre")
    return f"{sre.MAGIC}-{sre.CODESIZE}"
