"""The title and role lexicon (``roles.yaml``): surface forms per language → canonical role and sector."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from communique.actors.kb.files import LINE, names_by_language, where
from communique.errors import KnowledgeBaseError

RoleKind = Literal["title", "collective", "honorific"]
_KINDS: tuple[RoleKind, ...] = ("title", "collective", "honorific")


@dataclass(frozen=True)
class RoleEntry:
    """The forms one role takes in one language.

    ``kind`` says how the forms are used: a ``title`` precedes or stands for a person ("President
    Khatami", "the president"), a ``collective`` names a group ("protesters", "the police"), an
    ``honorific`` is a form of address that implies the role ("Son Eminence"). ``offices`` are the office
    names of the office-holder table the role may denote ("president" → head of state); ``single`` offices
    have one holder per organisation at a time.
    """

    role: str
    sector: str
    language: str
    forms: tuple[str, ...]
    kind: RoleKind = "title"
    offices: tuple[str, ...] = ()
    single: bool = False
    source: str = ""

    @property
    def person_title(self) -> bool:
        return self.kind != "collective"


@dataclass(frozen=True)
class RoleLexicon:
    sectors: dict[str, str]
    entries: list[RoleEntry]


def read_roles(path: Path, data: dict[str, Any], sectors: dict[str, str]) -> RoleLexicon:
    """Parse a roles-style file; ``sectors`` are those already known (a user file may add its own)."""
    known = dict(sectors)
    declared = data.get("sectors") or {}
    if not isinstance(declared, dict):
        raise KnowledgeBaseError(where(path, data), "'sectors' must map a code to a description")
    known.update({str(code): str(text) for code, text in declared.items() if code != LINE})
    entries: list[RoleEntry] = []
    seen: set[str] = set()
    for item in data.get("roles") or []:
        source = where(path, item)
        if not isinstance(item, dict) or not item.get("role") or not item.get("sector"):
            raise KnowledgeBaseError(source, "a role needs 'role', 'sector' and 'titles'")
        role = str(item["role"])
        if role in seen:
            raise KnowledgeBaseError(source, f"role {role!r} is defined twice in this file")
        seen.add(role)
        sector = str(item["sector"])
        if sector not in known:
            raise KnowledgeBaseError(source, f"unknown sector {sector!r} (declare it under 'sectors')")
        kind = item.get("kind", "title")
        if kind not in _KINDS:
            raise KnowledgeBaseError(source, f"kind must be one of {', '.join(_KINDS)}, not {kind!r}")
        offices = tuple(str(office) for office in item.get("offices") or [role])
        titles = names_by_language(item.get("titles"), source)
        if not titles:
            raise KnowledgeBaseError(source, f"role {role!r} has no titles")
        for language, forms in titles.items():
            entries.append(
                RoleEntry(
                    role=role,
                    sector=sector,
                    language=language,
                    forms=tuple(forms),
                    kind=kind,
                    offices=offices,
                    single=bool(item.get("single", False)),
                    source=source,
                )
            )
    return RoleLexicon(sectors=known, entries=entries)
