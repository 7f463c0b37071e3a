"""A large pattern compiled through the disk cache is the pattern ``re.compile`` gives; everything else is untouched."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from communique.nlp import regexes
from communique.nlp.regexes import LARGE, cached_large_regexes

# Long enough for the cache: case-insensitive words over a Unicode letter class, as spaCy's French exceptions are.
WORDS = [f"mot{i}[-‐][a-zàâçéèêëîïôûùüÿœæ]+" for i in range(LARGE // 30)]
SOURCE = "(?iu)" + "|".join(f"(?:^{word}$)" for word in WORDS)
SAMPLES = ["mot7-vert", "MOT123-Éclat", "mot7vert", "mot99999-x", "Mot5-ça", "", "mot0-"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(regexes, "cache_dir", lambda: tmp_path)
    regexes._large.cache_clear()
    yield tmp_path
    regexes._large.cache_clear()


def test_a_large_pattern_is_built_once_then_read_back(cache: Path) -> None:
    expected = re.compile(SOURCE)
    with cached_large_regexes():
        built = re.compile(SOURCE)
    assert len(list(cache.glob("regex-*.pickle"))) == 1
    regexes._large.cache_clear()  # the next process: from the disk
    with cached_large_regexes():
        read_back = re.compile(SOURCE)
    for pattern in (built, read_back):
        assert pattern.pattern == SOURCE
        assert pattern.flags == expected.flags
        assert [bool(pattern.match(s)) for s in SAMPLES] == [bool(expected.match(s)) for s in SAMPLES]
    assert [bool(expected.match(s)) for s in SAMPLES] == [True, True, False, False, True, False, False]


def test_small_patterns_and_the_module_are_left_as_they_were(cache: Path) -> None:
    compile_ = re.compile
    with cached_large_regexes():
        assert re.compile("a+b").match("aab")
    assert re.compile is compile_
    assert not list(cache.iterdir())


def test_an_unreadable_cache_is_compiled_anew(cache: Path) -> None:
    with cached_large_regexes():
        re.compile(SOURCE)
    (path,) = cache.glob("regex-*.pickle")
    path.write_bytes(b"not a pickle")
    regexes._large.cache_clear()
    with cached_large_regexes():
        assert re.compile(SOURCE).match("mot7-vert")
