"""The disk cache of what workers derive on their start: built once, read back the same, rebuilt when stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique import cache
from communique.actors.kb import KnowledgeBase
from communique.actors.resolver import ActorResolver
from communique.nlp.models import load
from communique.nlp.triggers import TriggerWords


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(cache, "cache_dir", lambda: tmp_path)
    return tmp_path


def test_a_derived_value_is_built_once_then_read_back(folder: Path) -> None:
    builds: list[str] = []

    def build() -> dict[str, int]:
        builds.append("built")
        return {"mars": 3}

    assert cache.derived("months", "fr", build, dict) == {"mars": 3}
    assert cache.derived("months", "fr", build, dict) == {"mars": 3}
    assert builds == ["built"]
    (path,) = folder.glob("months-*.pickle")
    assert path.name.startswith(f"months-{cache.code_key()}-")


def test_other_inputs_are_kept_beside_and_older_codes_copies_removed(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.derived("months", "fr", lambda: {"mars": 3}, dict)
    cache.derived("months", "es", lambda: {"marzo": 3}, dict)
    assert len(list(folder.glob("months-*.pickle"))) == 2
    cache.derived("months-short", "fr", lambda: {"mar": 3}, dict)  # another name: never touched
    monkeypatch.setattr(cache, "code_key", lambda: "0123456789abcdef")  # the code changed
    assert cache.derived("months", "fr", lambda: {"mars": 3, "avril": 4}, dict) == {"mars": 3, "avril": 4}
    left = sorted(p.name.split("-")[1] for p in folder.glob("months-*.pickle"))
    assert left == ["0123456789abcdef", "short"]


def test_an_unreadable_or_foreign_copy_is_built_again(folder: Path) -> None:
    cache.derived("months", "fr", lambda: {"mars": 3}, dict)
    (path,) = folder.glob("months-*.pickle")
    path.write_bytes(b"not a pickle")
    assert cache.derived("months", "fr", lambda: {"mars": 3}, dict) == {"mars": 3}
    cache.write_cached(path, ["a list, not a dict"])
    assert cache.derived("months", "fr", lambda: {"mars": 3}, dict) == {"mars": 3}


def test_the_shared_kb_and_its_matchers_read_back_find_what_built_ones_find(folder: Path) -> None:
    text = "The Organisation of Islamic Cooperation met Iran's president in Tehran; OCI officials said so."
    built = KnowledgeBase.load()  # no key: nothing derived from it is cached
    expected = [
        (m.start, m.end, [p.target for p in m.patterns])
        for m in ActorResolver(built).matcher("en").find(text)
    ]
    assert expected and not list(folder.iterdir())
    for _ in range(2):  # built and cached, then read back
        kb = KnowledgeBase.load()
        kb.key = "test"
        found = ActorResolver(kb).matcher("en").find(text)
        assert [(m.start, m.end, [p.target for p in m.patterns]) for m in found] == expected
    assert {p.name.split("-" + cache.code_key())[0] for p in folder.iterdir()} == {
        "actor-matcher",
        "actor-matcher-en",
    }


def test_trigger_forms_read_back_are_the_forms_built(folder: Path) -> None:
    nlp = load("en")
    first = TriggerWords(nlp, ["condemn", "meet"])
    again = TriggerWords(nlp, ["condemn", "meet"])
    assert first.forms == again.forms
    assert {"condemned", "met", "meets"} <= again.forms
    assert len(list(folder.glob("trigger-forms-*.pickle"))) == 1


def test_only_the_most_recent_copies_of_this_code_are_kept(folder: Path) -> None:
    for i in range(cache.KEEP + 2):
        cache.derived("months", f"user file, version {i}", lambda: {"mars": 3}, dict)
    assert len(list(folder.glob("months-*.pickle"))) == cache.KEEP
