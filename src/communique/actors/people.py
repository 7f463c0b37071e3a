"""Finding a knowledge-base person from a name as news writes it.

News names people in full once ("Kamal Kharrazi"), then by surname ("Kharrazi", "Mr. Ivanov"), and spells
transliterated names many ways ("Ahmad"/"Ahmed Maher"). We index every Latin-script name by its surname and
compare given names by their consonant skeleton, which is stable across common transliterations.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from communique.actors.kb import KnowledgeBase
from communique.actors.matcher import fold
from communique.models import Actor, ActorKind

_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "de", "van", "von", "der", "da", "di", "du", "la", "le", "abu"}
)
_VOWELS = re.compile(r"[aeiouy\W\d_]")
_HONORIFICS = re.compile(
    r"^(?:mr|mrs|ms|dr|m|mme|mlle|sr|sra|sheikh|shaikh|sheik|ayatollah|hojatoleslam|gen|general|prof)\.?\s+",
    re.IGNORECASE,
)


def name_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s\-]+", fold(_HONORIFICS.sub("", name.strip()))) if t]


def skeleton(token: str) -> str:
    """Consonants after the first letter: "ahmad" and "ahmed" both give "ahmd"."""
    return token[:1] + _VOWELS.sub("", token[1:])


def surname_key(name: str) -> str | None:
    tokens = [t for t in name_tokens(name) if t.isalpha()]
    return tokens[-1] if tokens else None


@dataclass(frozen=True)
class PersonCandidate:
    actor: Actor
    given: tuple[str, ...]  # skeletons of the given names this person is known by


class PersonIndex:
    """Surname → people of the knowledge base, with their given names."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._by_surname: dict[str, dict[str, set[str]]] = {}
        for actor in kb.actors(ActorKind.PERSON):
            names = [actor.name, *(n for names in actor.aliases.values() for n in names)]
            for name in names:
                tokens = [t for t in name_tokens(name) if t.isalpha()]
                if not tokens or not tokens[-1].isascii():
                    continue
                given = self._by_surname.setdefault(tokens[-1], {}).setdefault(actor.id, set())
                given.update(skeleton(t) for t in tokens[:-1] if t not in _PARTICLES)

    def candidates(self, name: str) -> list[PersonCandidate]:
        """People whose surname is the name's last word and whose given names, if written, fit."""
        tokens = [t for t in name_tokens(name) if t.isalpha()]
        if not tokens:
            return []
        found = self._by_surname.get(tokens[-1], {})
        written = [skeleton(t) for t in tokens[:-1] if t not in _PARTICLES]
        out = []
        for actor_id, given in found.items():
            if written and not given & set(written) and not _initials_fit(written, given):
                continue
            out.append(PersonCandidate(self.kb.get(actor_id), tuple(sorted(given))))
        return out


def _initials_fit(written: Iterable[str], given: set[str]) -> bool:
    return any(len(w) == 1 and any(g.startswith(w) for g in given) for w in written)


def holds(actor: Actor, offices: set[str] | None, organisation: str | None, on: dt.date | None) -> bool:
    """Whether a person held (one of) these offices of this organisation (on a day), per the KB."""
    for office in actor.offices:
        if offices is not None and office.role not in offices:
            continue
        if organisation is not None and office.organisation != organisation:
            continue
        if on is not None and not office.held_on(on):
            continue
        return True
    return False
