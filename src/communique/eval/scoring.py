"""Scoring predicted articles against gold records (the rules are in docs/evaluation.md)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

from communique.eval.codes import codes_agree, place_codes_agree
from communique.eval.gold import GoldActor, GoldDate, GoldRecord, day_interval
from communique.eval.matching import Match, Mode, dedupe_symmetric, match_events
from communique.eval.report import PRF, EvalReport, GroupScores
from communique.models import Article, Event, EventActor, Mention, PartialDate, Place

__all__ = ["GazetteerPlaces", "PlaceMatcher", "dates_agree", "fold", "occurrences", "score"]


class PlaceMatcher(Protocol):
    def __call__(self, gold: str, ours: Place) -> bool: ...


def score(
    records: Sequence[GoldRecord], predicted: Sequence[Article], *, places: PlaceMatcher | None = None
) -> EvalReport:
    """Score ``predicted[i]`` against ``records[i]``; per dataset, per language and overall."""
    if len(records) != len(predicted):
        raise ValueError(f"{len(records)} gold records but {len(predicted)} predicted articles")
    same_place = places or GazetteerPlaces()
    notes: list[str] = []
    datasets: dict[str, list[GroupScores]] = defaultdict(list)
    languages: dict[str, list[GroupScores]] = defaultdict(list)
    for record, article in zip(records, predicted, strict=True):
        group = _score_record(record, article, same_place, notes)
        datasets[record.dataset].append(group)
        languages[record.language].append(group)
    every = [group for groups in datasets.values() for group in groups]
    return EvalReport(
        overall=GroupScores.total(every),
        datasets={name: GroupScores.total(groups) for name, groups in sorted(datasets.items())},
        languages={name: GroupScores.total(groups) for name, groups in sorted(languages.items())},
        notes=notes,
    )


def _score_record(
    record: GoldRecord, article: Article, same_place: PlaceMatcher, notes: list[str]
) -> GroupScores:
    group = GroupScores(records=1, unmapped_gold=sum(1 for e in record.events if e.unmapped))
    if record.task is None:
        _score_events(record, article.events, group, same_place, notes)
    elif record.task == "detection":
        wanted = record.detection_type
        said = any(e.type == wanted for e in article.events) if wanted else bool(article.events)
        group.detection.add(gold=bool(record.events), predicted=said)
    else:
        _score_classification(record, article.events, group)
    if record.actors:
        _score_actors(record, article, group, notes)
    _score_actor_codes(record, article, group, notes)
    return group


# ------------------------------------------------------------------------------------------------- events


def _score_events(
    record: GoldRecord,
    predicted: Sequence[Event],
    group: GroupScores,
    same_place: PlaceMatcher,
    notes: list[str],
) -> None:
    mapped = [e for e in record.events if not e.unmapped]
    gold = dedupe_symmetric(mapped)
    if len(gold) < len(mapped):
        notes.append(
            f"{record.key}: {len(mapped) - len(gold)} symmetric gold event(s) repeat another with source and "
            "target swapped; counted once"
        )
    unmapped = len(record.events) - len(mapped)
    group.gold_events = len(gold)
    group.predicted_events = len(predicted)
    full: list[Match] = []
    modes: tuple[tuple[Mode, PRF], ...] = (
        ("full", group.events),
        ("type", group.type_only),
        ("dyad", group.dyad_only),
    )
    for mode, counts in modes:
        matches = match_events(gold, predicted, mode)
        used = {m.pred for m in matches}
        excused = min(unmapped, len(predicted) - len(used))  # ours may be the unmapped gold events
        counts.n_pred += len(predicted) - excused
        counts.matched_pred += len(used)
        counts.n_gold += len(gold)
        counts.matched_gold += len(matches)
        if mode == "full":
            full = matches
    found = {m.gold for m in full}
    for index, event in enumerate(gold):
        if event.required:
            group.required.add(index in found)
    for match in full:
        want, have = gold[match.gold], predicted[match.pred]
        if want.cameo:
            group.cameo_root.add(bool(have.cameo) and want.cameo[:2] == (have.cameo or "")[:2])
        if want.date is not None:
            exact, near = dates_agree(want.date, have)
            group.date_exact.add(exact)
            group.date_within_1.add(near)
        if want.place:
            group.place.add(have.place is not None and same_place(want.place, have.place))


def dates_agree(gold: GoldDate, event: Event) -> tuple[bool, bool]:
    """(exact, within one day) for our event's date against a gold date or range.

    Each end is compared with its counterpart (a single date is a range of one). Our end is *exact* when the
    days it covers lie within the gold end's days (gold ``2009`` accepts ``2009-03-10``; gold ``2009-03-10``
    does not accept ``2009-03``), and *within one day* when they lie within the gold days widened by one day
    each side.
    """
    if event.date is None:
        return False, False
    ours = (event.date.date, event.date_end or event.date.date)
    theirs = (gold.start, gold.end or gold.start)
    if any(d.year is None for d in ours):
        return False, False
    exact = all(_within(o, g, 0) for o, g in zip(ours, theirs, strict=True))
    near = all(_within(o, g, 1) for o, g in zip(ours, theirs, strict=True))
    return exact, near


def _within(ours: PartialDate, gold: PartialDate, slack_days: int) -> bool:
    low, high = day_interval(ours)
    gold_low, gold_high = day_interval(gold)
    slack = dt.timedelta(days=slack_days)
    return gold_low - slack <= low and high <= gold_high + slack


def _score_classification(record: GoldRecord, predicted: Sequence[Event], group: GroupScores) -> None:
    wanted = record.events[0].type if record.events else None
    if wanted is None:
        group.classification_unmapped += 1
        return
    if not predicted:
        group.classification.add(False)
        return
    best = max(enumerate(predicted), key=lambda item: (item[1].confidence, -item[0]))[1]
    group.classification.add(best.type == wanted)


# -------------------------------------------------------------------------------------------------- places


def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().replace("-", " ").split())


class GazetteerPlaces:
    """Gold place name vs our place: same name (folded), or the same city in the offline gazetteer.

    Same city: our place's GeoNames id (or one its name can have) is among those the gold name can have, or
    our place is a landmark in the gold city ("Kremlin" for "Moscow"). Without the gazetteer, names only.
    """

    def __init__(self) -> None:
        self._gazetteer: Any = None
        self._loaded = False

    def __call__(self, gold: str, ours: Place) -> bool:
        if fold(gold) == fold(ours.name):
            return True
        gazetteer = self._load()
        if gazetteer is None:
            return False
        gold_ids = {r.geonames_id for r in gazetteer.candidates(gold) if r.geonames_id is not None}
        our_records = gazetteer.candidates(ours.name)
        our_ids = {r.geonames_id for r in our_records if r.geonames_id is not None}
        if ours.geonames_id is not None:
            our_ids.add(ours.geonames_id)
        if gold_ids & our_ids:
            return True
        return any(r.city and fold(r.city) == fold(gold) for r in our_records if r.feature == "landmark")

    def _load(self) -> Any:
        if not self._loaded:
            self._loaded = True
            try:
                from communique.events.places import Gazetteer

                self._gazetteer = Gazetteer.load()
            except Exception:  # no gazetteer data here: names only
                self._gazetteer = None
        return self._gazetteer


# -------------------------------------------------------------------------------------------------- actors

Spans = list[tuple[int, int]]


@lru_cache(maxsize=4096)
def _pattern(needle: str) -> re.Pattern[str] | None:
    words = needle.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    acronym = len(words) == 1 and needle.isupper() and len(needle) <= 6  # "UN" is not "un"
    return re.compile(rf"(?<!\w){body}(?!\w)", 0 if acronym else re.IGNORECASE)


def occurrences(text: str, needle: str) -> Spans:
    """Where ``needle`` occurs in ``text`` as whole words (case- and space-insensitive; short acronyms match
    case); when it does not occur as a phrase, where its words occur (gold spans that are bags of words)."""
    pattern = _pattern(needle)
    if pattern is None:
        return []
    found = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if found:
        return found
    for word in needle.split():
        word_pattern = _pattern(word)
        if word_pattern is not None and sum(c.isalnum() for c in word) >= 2:
            found += [(m.start(), m.end()) for m in word_pattern.finditer(text)]
    return sorted(found)


def _touches(mention: Mention | EventActor, spans: Spans, needle: str) -> bool:
    if mention.span is None:
        return False
    start, end = mention.span.start, mention.span.end
    if any(start < s_end and s_start < end for s_start, s_end in spans):
        return True
    return " ".join(mention.span.text.casefold().split()) == " ".join(needle.casefold().split())


def _actor_agrees(actor: GoldActor, code: str | None) -> bool:
    if actor.kind == "place":
        return place_codes_agree(actor.code, code)
    return codes_agree(actor.code, code)


def _score_actors(record: GoldRecord, article: Article, group: GroupScores, notes: list[str]) -> None:
    spans: dict[int, Spans] = {}
    for index, actor in enumerate(record.actors):
        spans[index] = occurrences(article.text, actor.text)
        if not spans[index]:
            notes.append(f"{record.key}: gold actor {actor.text!r} does not occur in the article's text")
    mentions = article.mentions
    for index, actor in enumerate(record.actors):
        group.actors.n_gold += 1
        group.actors.matched_gold += any(
            _touches(m, spans[index], actor.text) and _actor_agrees(actor, m.code) for m in mentions
        )
    for mention in mentions:
        if not mention.code:
            continue
        covered = [a for i, a in enumerate(record.actors) if _touches(mention, spans[i], a.text)]
        if covered:
            group.actors.n_pred += 1
            group.actors.matched_pred += any(_actor_agrees(a, mention.code) for a in covered)


def _score_actor_codes(record: GoldRecord, article: Article, group: GroupScores, notes: list[str]) -> None:
    # the gold codes are its events' actors: where an event of ours has that actor, the code it gives it there
    # ("bombs in Kabul": the capital's government) is ours; elsewhere the mention's code out of any event
    in_events = [
        actor
        for event in article.events
        for actor in (event.source, event.target, *event.participants)
        if actor is not None and actor.span is not None
    ]
    for event in record.events:
        pairs = ((event.source_text, event.source), (event.target_text, event.target))
        for text, code in pairs:
            if not text or not text.strip() or not code:
                continue
            spans = occurrences(article.text, text)
            if not spans:
                notes.append(f"{record.key}: actor text {text!r} does not occur in the text")
            codes = [a.code for a in in_events if _touches(a, spans, text)] or [
                m.code for m in article.mentions if _touches(m, spans, text)
            ]
            group.actor_codes_dev.add(any(codes_agree(code, ours) for ours in codes))
