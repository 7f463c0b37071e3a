"""One-to-one greedy matching of predicted events to gold events within one record (docs/evaluation.md).

A pair is a candidate when it passes the mode's test (``full``: type and dyad; ``type``; ``dyad``). Pairs are
taken best first — required gold events first, then type equal, more codes equal (not just agreeing), CAMEO root
equal, the order as given, our confidence; ties by gold then predicted position — and each gold event and
each prediction is used once. The exception: a multilateral prediction (one with ``participants``) may match
every gold dyad of one gold *cluster* (same type, evidence and date: "The US, Russia and Switzerland met"
coded as six dyads), and counts once for precision.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from communique.eval.codes import SYMMETRIC_TYPES, codes_agree
from communique.eval.gold import GoldEvent
from communique.models import Event

__all__ = ["Match", "Mode", "cluster_key", "dedupe_symmetric", "dyad_agrees", "match_events"]

Mode = Literal["full", "type", "dyad"]


@dataclass(frozen=True)
class Match:
    gold: int  # index into the gold list
    pred: int  # index into the predicted list
    reversed: bool  # source and target matched in swapped order (symmetric types, multilateral)


def cluster_key(event: GoldEvent) -> tuple[str | None, str, str]:
    """Gold events with one key describe one happening (coded as several dyads)."""
    return (event.type, (event.evidence or "").strip(), event.date.iso if event.date else "")


def dedupe_symmetric(events: Sequence[GoldEvent]) -> list[GoldEvent]:
    """Drop a symmetric gold event that repeats another of its cluster with source and target swapped."""
    kept: list[GoldEvent] = []
    seen: set[tuple[tuple[str | None, str, str], frozenset[str]]] = set()
    for event in events:
        if event.type in SYMMETRIC_TYPES and event.source and event.target and event.source != event.target:
            key = (cluster_key(event), frozenset({event.source.upper(), event.target.upper()}))
            if key in seen:
                continue
            seen.add(key)
        kept.append(event)
    return kept


def _code(actor: object) -> str | None:
    return getattr(actor, "code", None)


def dyad_agrees(gold: GoldEvent, pred: Event) -> tuple[bool, bool]:
    """Whether ``pred``'s actors agree with ``gold``'s source and target, and whether in swapped order."""
    source, target = _code(pred.source), _code(pred.target)
    if codes_agree(gold.source, source) and codes_agree(gold.target, target):
        return True, False
    if pred.participants:
        members = [source, target, *(p.code for p in pred.participants)]
        members = [m for m in members if m]
        same = (gold.source or "").upper() == (gold.target or "").upper()
        for i, j in itertools.product(range(len(members)), repeat=2):
            if (
                (i != j or same)
                and codes_agree(gold.source, members[i])
                and codes_agree(gold.target, members[j])
            ):
                return True, True
        return False, False
    if gold.type in SYMMETRIC_TYPES and codes_agree(gold.source, target) and codes_agree(gold.target, source):
        return True, True
    return False, False


def _exact_codes(gold: GoldEvent, pred: Event, swapped: bool) -> int:
    source, target = _code(pred.source), _code(pred.target)
    if swapped:
        source, target = target, source
    return sum(
        1
        for want, have in ((gold.source, source), (gold.target, target))
        if want and have and want.upper() == have.upper()
    )


def _cameo_root(code: str | None) -> str | None:
    return code[:2] if code and len(code) >= 2 else None


def match_events(gold: Sequence[GoldEvent], predicted: Sequence[Event], mode: Mode = "full") -> list[Match]:
    """The greedy best-first matching of ``predicted`` to ``gold`` under ``mode``."""
    candidates: list[tuple[tuple[float, ...], Match]] = []
    for (g, gold_event), (p, event) in itertools.product(enumerate(gold), enumerate(predicted)):
        type_ok = gold_event.type is not None and gold_event.type == event.type
        if mode in ("full", "type") and not type_ok:
            continue
        dyad_ok, swapped = dyad_agrees(gold_event, event) if mode != "type" else (True, False)
        if not dyad_ok:
            continue
        quality = (
            float(bool(gold_event.required)),
            float(type_ok),
            float(_exact_codes(gold_event, event, swapped)),
            float(
                _cameo_root(gold_event.cameo) is not None
                and _cameo_root(gold_event.cameo) == _cameo_root(event.cameo)
            ),
            float(not swapped),
            event.confidence,
            -g,
            -p,
        )
        candidates.append((quality, Match(g, p, swapped)))
    candidates.sort(key=lambda item: item[0], reverse=True)

    matches: list[Match] = []
    gold_used: set[int] = set()
    pred_cluster: dict[int, tuple[str | None, str, str]] = {}
    for _, match in candidates:
        if match.gold in gold_used:
            continue
        if match.pred in pred_cluster:
            event = predicted[match.pred]
            if not event.participants or pred_cluster[match.pred] != cluster_key(gold[match.gold]):
                continue
        gold_used.add(match.gold)
        pred_cluster.setdefault(match.pred, cluster_key(gold[match.gold]))
        matches.append(match)
    return sorted(matches, key=lambda m: (m.gold, m.pred))
