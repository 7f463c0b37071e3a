"""Cross-record checks of a loaded knowledge base.

The loader already rejects malformed records (bad dates, bad Wikidata ids, a term that ends before it starts,
unknown sectors in roles.yaml, an id defined twice). These checks need the whole KB: Wikidata ids shared by
two actors, overlapping tenures, aliases that name several actors without being listed as ambiguous,
organisations or groups without a CAMEO code, offices and sectors the lexicon does not know, dangling references.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from communique.actors.kb import KnowledgeBase, normalise
from communique.errors import KnowledgeBaseError
from communique.models import ActorKind

# A handover day may be the last day of one holder and the first of the next; an end known only to the month
# or year ("2010-01") reads as the period's last day, so the successor may start inside that period.
_SLACK = {"day": dt.timedelta(days=1), "month": dt.timedelta(days=31), "year": dt.timedelta(days=366)}


@dataclass(frozen=True)
class Problem:
    source: str  # file:line
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def validate(kb: KnowledgeBase) -> list[Problem]:
    """Every problem found, in a stable order; an empty list means the KB is consistent."""
    return [
        *_wikidata(kb),
        *_organisations(kb),
        *_groups(kb),
        *_offices(kb),
        *_tenures(kb),
        *_aliases(kb),
    ]


def check(kb: KnowledgeBase) -> None:
    """Raise :class:`KnowledgeBaseError` naming the first problem (and how many there are)."""
    problems = validate(kb)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise KnowledgeBaseError(first.source, first.message + more)


def _wikidata(kb: KnowledgeBase) -> list[Problem]:
    owners: dict[str, list[str]] = defaultdict(list)
    for actor in kb.actors():
        if actor.wikidata:
            owners[actor.wikidata].append(actor.id)
    return [
        Problem(kb.source(ids[1]), f"Wikidata id {qid} is given to {', '.join(ids)}")
        for qid, ids in sorted(owners.items())
        if len(ids) > 1
    ]


def _organisations(kb: KnowledgeBase) -> list[Problem]:
    problems: list[Problem] = []
    for actor in kb.actors():
        if actor.kind not in (ActorKind.IGO, ActorKind.NGO):
            continue
        if not actor.cameo:
            problems.append(Problem(kb.source(actor.id), f"{actor.id} has no CAMEO code"))
        if not actor.name.strip():
            problems.append(Problem(kb.source(actor.id), f"{actor.id} has no name"))
        for relation in (kb.parent(actor.id), kb.draft.coded_as.get(actor.id)):
            if relation is not None and relation not in kb:
                problems.append(
                    Problem(kb.source(actor.id), f"{actor.id} refers to unknown actor {relation}")
                )
        for member in kb.members(actor.id):
            if member not in kb:
                problems.append(Problem(kb.source(actor.id), f"{actor.id}: unknown member {member}"))
    return problems


def _groups(kb: KnowledgeBase) -> list[Problem]:
    """Armed groups, parties and outlets: a CAMEO code, a known country, sector and parent."""
    problems: list[Problem] = []
    sectors = kb.sectors
    for actor in kb.actors():
        if actor.kind not in (ActorKind.ARMED_GROUP, ActorKind.PARTY, ActorKind.ORGANISATION):
            continue
        source = kb.source(actor.id)
        if actor.kind != ActorKind.ORGANISATION and not actor.cameo:
            problems.append(Problem(source, f"{actor.id} has no CAMEO code"))
        if actor.country and (actor.country not in kb or kb.get(actor.country).kind != ActorKind.STATE):
            problems.append(Problem(source, f"{actor.id}: unknown country {actor.country}"))
        if actor.sector and actor.sector not in sectors:
            problems.append(Problem(source, f"{actor.id}: unknown sector {actor.sector}"))
        parent = kb.parent(actor.id)
        if parent is not None and parent not in kb:
            problems.append(Problem(source, f"{actor.id} refers to unknown actor {parent}"))
    return problems


def _offices(kb: KnowledgeBase) -> list[Problem]:
    known_offices = {office for entry in kb.roles() for office in (entry.role, *entry.offices)}
    sectors = kb.sectors
    problems: list[Problem] = [
        Problem(entry.source, f"role {entry.role!r}: unknown sector {entry.sector}")
        for entry in kb.roles()
        if entry.sector not in sectors
    ]
    for actor in kb.actors(ActorKind.PERSON):
        for index, office in enumerate(actor.offices):
            source = kb.draft.tenure_sources.get((actor.id, index), kb.source(actor.id))
            if office.role not in known_offices:
                problems.append(Problem(source, f"office {office.role!r} is not in the roles lexicon"))
            if office.organisation not in kb:
                problems.append(Problem(source, f"unknown organisation {office.organisation!r}"))
            if office.sector not in sectors:
                problems.append(Problem(source, f"unknown sector {office.sector!r}"))
    return problems


def _tenures(kb: KnowledgeBase) -> list[Problem]:
    single = {entry.role for entry in kb.roles() if entry.single}
    terms: dict[tuple[str, str], list[tuple[dt.date, dt.date, str, str, dt.timedelta]]] = defaultdict(list)
    for actor in kb.actors(ActorKind.PERSON):
        for index, office in enumerate(actor.offices):
            if office.role not in single or (office.organisation, office.role) in kb.draft.collective:
                continue
            source = kb.draft.tenure_sources.get((actor.id, index), kb.source(actor.id))
            start = office.start or dt.date.min
            end = office.end or dt.date.max
            slack = _SLACK[kb.draft.tenure_end_precision.get((actor.id, index), "day")]
            terms[(office.organisation, office.role)].append((start, end, actor.id, source, slack))
    problems: list[Problem] = []
    for (organisation, role), spans in sorted(terms.items()):
        spans.sort()
        for (_, end_a, person_a, _, slack), (start_b, _, person_b, source_b, _) in pairwise(spans):
            if person_a != person_b and start_b + slack <= end_a:
                problems.append(
                    Problem(
                        source_b,
                        f"{person_b} starts as {role} of {organisation} on {start_b} while {person_a} "
                        f"holds it until {end_a if end_a != dt.date.max else 'today'}",
                    )
                )
    return problems


def _aliases(kb: KnowledgeBase) -> list[Problem]:
    """An alias naming several actors must be listed as ambiguous, unless all of them code alike.

    "Kuwait" names the state and its capital, both coded KWT: no harm done.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    first_source: dict[str, tuple[str, str]] = {}
    for record in kb.alias_records():
        keys = normalise.keys(record.alias)
        if not keys:
            continue
        owners[keys[0]].add(record.actor)
        first_source.setdefault(keys[0], (record.alias, record.source))
    problems: list[Problem] = []
    for key, ids in sorted(owners.items()):
        if len(ids) < 2:
            continue
        alias, source = first_source[key]
        if kb.is_ambiguous(alias) or len({kb.code(actor_id) for actor_id in ids}) == 1:
            continue
        problems.append(
            Problem(source, f"alias {alias!r} names {', '.join(sorted(ids))}: list it under 'ambiguous'")
        )
    return problems
