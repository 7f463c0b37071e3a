"""Event merging rules: type, sides (either order for CONSULT), dates, places; counts and evidence."""

from __future__ import annotations

import pytest
from story_builders import event

from communique.models import PartialDate
from communique.stories.merge import RawEvent, dates_compatible, merge_story_events


@pytest.mark.parametrize(
    ("a", "b", "fits"),
    [
        ("2004-05-21", "2004-05-22", True),  # within a day
        ("2004-05-21", "2004-05-23", False),
        ("2004-05", "2004-05-21", True),  # overlapping partial dates
        ("2004", "2004-05-21", True),
        ("2004-06", "2004-05-21", False),
        ("XXXX-05-21", "2004-05-21", True),  # year unknown: month and day agree
        ("XXXX-05-21", "2004-06-21", False),
        ("2003-12-31", "2004-01-01", True),
        ("2003", "2004", False),
    ],
)
def test_dates_compatible(a: str, b: str, fits: bool) -> None:
    assert dates_compatible(PartialDate.parse(a), PartialDate.parse(b)) is fits
    assert dates_compatible(PartialDate.parse(b), PartialDate.parse(a)) is fits


def test_consult_merges_in_either_order_with_counts_and_evidence() -> None:
    raw = [
        RawEvent(event("e1", "a1"), "en", "irna"),
        RawEvent(event("e2", "a2", source="IGOMOSOIC", target="IRN.GOV", date="2004-05-22"), "fr", "afp"),
        RawEvent(
            event("e3", "a3", date="2004-05-21"), "en", "irna"
        ),  # same outlet again: a mention, not a source
    ]
    [merged] = merge_story_events("st-x", raw)
    assert (merged.n_mentions, merged.n_sources, merged.n_articles) == (3, 2, 3)
    assert merged.languages == ["en", "fr"]
    assert [e["event"] for e in merged.evidence()] == ["e1", "e3", "e2"]
    assert merged.evidence()[0]["spans"]["trigger"]["text"] == "met"
    assert "either order" in merged.reason() and "e2" in merged.reason()


@pytest.mark.parametrize(
    "other",
    [
        {"type": "ACCUSE"},
        {"target": "RUS.GOV"},
        {"date": "2004-05-25"},
        {"place": "Moscow"},
    ],
)
def test_different_events_stay_apart(other: dict[str, str]) -> None:
    first = event("e1", "a1", place="Tehran")
    second = event("e2", "a2", **({"place": "Tehran"} | other))
    merged = merge_story_events("st-x", [RawEvent(first, "en", "x"), RawEvent(second, "en", "y")])
    assert len(merged) == 2


def test_directed_types_keep_their_direction() -> None:
    one = event("e1", "a1", type="ACCUSE")
    two = event("e2", "a2", type="ACCUSE", source="IGOMOSOIC", target="IRN.GOV")
    assert len(merge_story_events("st-x", [RawEvent(one, "en", "x"), RawEvent(two, "en", "y")])) == 2


def test_merge_ids_are_recomputable() -> None:
    raw = [RawEvent(event("e1", "a1"), "en", "x"), RawEvent(event("e2", "a2"), "en", "y")]
    assert [m.id for m in merge_story_events("s", raw)] == [m.id for m in merge_story_events("s", raw[::-1])]
