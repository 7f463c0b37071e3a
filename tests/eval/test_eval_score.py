from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from eval_builders import article, event, gold_event, mention, mention_of, oracle, record

from communique.eval import EvalReport, GoldActor, GoldRecord, articles_for, codes_agree, load_gold, score
from communique.eval.report import GroupScores
from communique.eval.scoring import GazetteerPlaces
from communique.models import Article, Place


def names_only(gold: str, ours: Place) -> bool:
    return gold.casefold() == ours.name.casefold()


def scores(gold: Sequence[GoldRecord], predicted: Sequence[Article]) -> GroupScores:
    return score(gold, predicted, places=names_only).overall


# ------------------------------------------------------------------------------------------- whole gold files


@pytest.fixture(scope="module")
def all_gold(shared: Path) -> tuple[list[GoldRecord], list[Article]]:
    records = load_gold(sorted((shared / "gold").glob("*.jsonl")))
    return records, articles_for(records)


def test_perfect_predictions_score_one(all_gold: tuple[list[GoldRecord], list[Article]]) -> None:
    records, bare = all_gold
    report = score(records, [oracle(r, a) for r, a in zip(records, bare, strict=True)])
    overall = report.overall
    for prf in (overall.events, overall.type_only, overall.dyad_only, overall.actors):
        assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0)
    for ratio in (
        overall.required,
        overall.cameo_root,
        overall.date_exact,
        overall.date_within_1,
        overall.place,
    ):
        assert ratio.value == 1.0 and ratio.total > 0
    assert overall.classification.value == 1.0 and overall.classification_unmapped == 110
    assert overall.detection.accuracy == 1.0 and overall.detection.f1 == 1.0
    assert overall.actor_codes_dev.value == 1.0 and overall.actor_codes_dev.total == 620
    assert overall.required.total == 14
    assert set(report.datasets) == {r.dataset for r in records}
    assert set(report.languages) == {"ar", "en", "es", "fr"}
    assert report.datasets["seeds"].events.n_gold == 28
    assert report.languages["fr"].records == 1


def test_empty_predictions(all_gold: tuple[list[GoldRecord], list[Article]]) -> None:
    records, bare = all_gold
    overall = score(records, bare).overall
    assert overall.events.recall == 0.0 and overall.events.precision is None and overall.events.f1 is None
    assert overall.required.value == 0.0 and overall.actors.recall == 0.0 and overall.actors.precision is None
    assert overall.detection.recall == 0.0 and overall.classification.value == 0.0
    assert overall.records == len(records) and overall.predicted_events == 0


# -------------------------------------------------------------------------------------------------- codes


@pytest.mark.parametrize(
    ("gold", "ours", "agree"),
    [
        ("USA", "USA", True),
        ("USA", "USA.GOV", True),  # gold bare country: any sector of it
        ("USA.GOV", "USA", False),  # not the converse: the sector is lost
        ("USA.GOV", "USA.GOV.DIP", True),
        ("USA.GOV", "USA.MIL", False),
        ("usa.gov", "USA.GOV", True),
        ("---.REB", "COL.REB", True),
        ("---.REB", "COL.GOV", False),
        ("---.REB", "COL", False),
        ("IGO", "IGO.OIC", True),
        ("IGO.OIC", "IGO.UN", False),
        (None, None, True),
        ("", "IRN", True),
        ("IRN", None, False),
    ],
)
def test_codes_agree(gold: str | None, ours: str | None, agree: bool) -> None:
    assert codes_agree(gold, ours) is agree


# ------------------------------------------------------------------------------------------------- events


def test_swapped_consult_matches_but_swapped_accuse_does_not() -> None:
    gold = [record([gold_event("CONSULT", "IRN.GOV", "IGO.OIC"), gold_event("ACCUSE", "IRN.GOV", "ISR.GOV")])]
    ours = [article(events=[event("CONSULT", "IGO.OIC", "IRN.GOV"), event("ACCUSE", "ISR.GOV", "IRN.GOV")])]
    result = scores(gold, ours)
    assert (result.events.matched_gold, result.events.matched_pred, result.events.n_pred) == (1, 1, 2)
    assert result.events.precision == 0.5 and result.events.recall == 0.5
    assert result.type_only.f1 == 1.0
    assert result.dyad_only.matched_gold == 1  # ACCUSE's order matters, in dyad-only too


def test_usa_vs_usa_gov() -> None:
    gold = [
        record([gold_event("ACCUSE", "IRN.GOV", "USA")]),
        record([gold_event("ACCUSE", "USA.GOV", "IRN")]),
    ]
    ours = [
        article(events=[event("ACCUSE", "IRN.GOV", "USA.GOV")]),
        article(events=[event("ACCUSE", "USA", "IRN")]),
    ]
    result = scores(gold, ours)
    assert result.events.matched_gold == 1 and result.events.recall == 0.5
    assert result.type_only.recall == 1.0


def test_wildcards_and_unknown_country() -> None:
    gold = [record([gold_event("PROTEST", "---.CVL", None), gold_event("ASSAULT", None, "IRQ.GOV")])]
    ours = [article(events=[event("PROTEST", "EGY.CVL", "EGY.GOV"), event("ASSAULT", None, "IRQ.GOV")])]
    assert scores(gold, ours).events.f1 == 1.0
    ours = [article(events=[event("PROTEST", "EGY.GOV"), event("ASSAULT", "IRQ.GOV", None)])]
    assert scores(gold, ours).events.matched_gold == 0


def test_one_to_one_and_best_first() -> None:
    gold = [
        record(
            [
                gold_event("CONSULT", "RUS.GOV", "IGO.OIC", cameo="043"),
                gold_event("CONSULT", "RUS", "IGO.OIC"),
            ]
        )
    ]
    ours = [article(events=[event("CONSULT", "RUS.GOV", "IGO.OIC", cameo="043")])]
    result = scores(gold, ours)
    assert (result.events.matched_gold, result.events.matched_pred) == (1, 1)
    assert result.cameo_root.value == 1.0  # went to the gold event with equal codes and CAMEO
    ours = [article(events=[event("CONSULT", "RUS.GOV", "IGO.OIC")] * 3)]
    result = scores(gold, ours)
    assert (result.events.matched_gold, result.events.matched_pred, result.events.n_pred) == (2, 2, 3)


def test_multilateral_event_matches_every_dyad_of_its_cluster() -> None:
    text = "The US, Russia, and Switzerland met yesterday"
    pairs = [("USA", "RUS"), ("USA", "CHE"), ("CHE", "USA"), ("RUS", "USA"), ("RUS", "CHE"), ("CHE", "RUS")]
    gold = [record([gold_event("CONSULT", s, t) for s, t in pairs], text=text)]
    multilateral = event("CONSULT", "USA", "RUS", participants=["CHE"])
    result = scores(gold, [article(text, events=[multilateral])])
    # swapped repeats of a symmetric event count once: three dyads, all covered by one prediction
    assert result.gold_events == 3 and result.events.recall == 1.0 and result.events.precision == 1.0
    dyadic = [event("CONSULT", "USA", "RUS"), event("CONSULT", "RUS", "CHE")]
    result = scores(gold, [article(text, events=dyadic)])
    assert result.events.recall == pytest.approx(2 / 3) and result.events.precision == 1.0


def test_multilateral_event_does_not_match_two_happenings() -> None:
    gold = [
        record(
            [
                gold_event("CONSULT", "RUS.GOV", "IGO.OIC", evidence="Ivanov met the delegation"),
                gold_event("CONSULT", "IGO.OIC", "RUS.GOV", evidence="they discussed with Lavrov"),
                gold_event("AGREE", "IGO.EU", "ROU", evidence="aid for Romania and Poland"),
                gold_event("AGREE", "IGO.EU", "POL", evidence="aid for Romania and Poland"),
            ]
        )
    ]
    ours = [
        article(
            events=[
                event("CONSULT", "RUS.GOV", "IGO.OIC", participants=["IGO.EU"]),
                event("AGREE", "IGO.EU", "ROU", participants=["POL"]),
            ]
        )
    ]
    result = scores(gold, ours)
    assert (result.events.matched_gold, result.events.matched_pred) == (3, 2)


def test_required_recall() -> None:
    gold = [
        record(
            [
                gold_event("CONSULT", "IRN.GOV", "IGO.OIC", required=True),
                gold_event("REQUEST", "IRN.GOV", "IGO.OIC", required=True),
                gold_event("SUPPORT", "IGO.OIC", "IGO.OIC", required=False),
            ]
        )
    ]
    ours = [article(events=[event("CONSULT", "IRN.GOV", "IGO.OIC"), event("SUPPORT", "IGO.OIC", "IGO.OIC")])]
    result = scores(gold, ours)
    assert (result.required.hit, result.required.total) == (1, 2)
    assert result.events.recall == pytest.approx(2 / 3)


def test_unmapped_gold_is_not_scored_and_excuses_one_prediction() -> None:
    gold = [record([gold_event(None, "SOM.UAF", "KEN"), gold_event("ASSAULT", "SOM.UAF", "KEN")])]
    ours = [article(events=[event("ASSAULT", "SOM.UAF", "KEN"), event("THREATEN", "SOM.UAF", "KEN")])]
    result = scores(gold, ours)
    assert result.gold_events == 1 and result.unmapped_gold == 1
    assert result.events.precision == 1.0 and result.events.recall == 1.0
    ours = [article(events=[event("ASSAULT", "SOM.UAF", "KEN"), event("THREATEN"), event("COERCE")])]
    assert scores(gold, ours).events.precision == 0.5  # one excused, one false positive


def test_detection() -> None:
    gold = [
        record([gold_event("PROTEST")], task="detection", detection_type="PROTEST"),
        record([], task="detection", detection_type="PROTEST"),
        record([], task="detection", detection_type="ASSAULT"),
        record([gold_event("ASSAULT")], task="detection", detection_type="ASSAULT"),
    ]
    ours = [
        article(events=[event("PROTEST", "FRA.CVL")]),
        article(events=[event("ASSAULT")]),  # an event, but not of the type asked about
        article(events=[event("ASSAULT")]),
        article(),
    ]
    result = scores(gold, ours)
    assert (result.detection.tp, result.detection.fp, result.detection.fn, result.detection.tn) == (
        1,
        1,
        1,
        1,
    )
    assert result.detection.accuracy == 0.5 and result.detection.f1 == 0.5
    assert result.events.n_pred == 0 and result.predicted_events == 0  # detection records are not extraction


def test_classification_uses_most_confident_event() -> None:
    gold = [
        record([gold_event("ASSAULT")], task="classification"),
        record([gold_event("PROTEST")], task="classification"),
        record([gold_event(None)], task="classification"),
    ]
    ours = [
        article(events=[event("PROTEST", confidence=0.4), event("ASSAULT", confidence=0.8)]),
        article(),
        article(events=[event("CONSULT")]),
    ]
    result = scores(gold, ours)
    assert (result.classification.hit, result.classification.total, result.classification_unmapped) == (
        1,
        2,
        1,
    )


# -------------------------------------------------------------------------------------------- dates, places


@pytest.mark.parametrize(
    ("gold", "date", "end", "exact", "near"),
    [
        ("2003-05-27", "2003-05-27", None, True, True),
        ("2003-05-27", "2003-05-26", None, False, True),
        ("2003-05-27", "2003-05-29", None, False, False),
        ("2003-05-27", "2003-05", None, False, False),  # less precise than gold
        ("2009", "2009-03-10", None, True, True),
        ("2009", "2009", None, True, True),
        ("2009", "2008-12-31", None, False, True),
        ("2004-05", "2004-05-21", None, True, True),
        ("2003-05-28/2003-05-31", "2003-05-28", "2003-05-31", True, True),
        ("2003-05-28/2003-05-31", "2003-05-27", "2003-06-01", False, True),
        ("2003-05-28/2003-05-31", "2003-05-28", None, False, False),  # a range is not its first day
        ("2003-05-27", "2003-05-27", "2003-05-28", False, True),
        ("2003-05-27", "XXXX-05-27", None, False, False),
        ("2003-05-27", None, None, False, False),
    ],
)
def test_dates(gold: str, date: str | None, end: str | None, exact: bool, near: bool) -> None:
    records = [record([gold_event("CONSULT", "IRN", "IGO.OIC", date=gold)])]
    ours = [article(events=[event("CONSULT", "IRN", "IGO.OIC", date=date, date_end=end)])]
    result = scores(records, ours)
    assert (result.date_exact.hit, result.date_within_1.hit) == (int(exact), int(near))
    assert result.date_exact.total == result.date_within_1.total == 1


def test_places_by_name() -> None:
    gold = [
        record([gold_event("CONSULT", "IRN", "IGO.OIC", place=p)])
        for p in ("New York", "Tehran", "Dakar", "Moscow")
    ]
    ours = [
        article(events=[event("CONSULT", "IRN", "IGO.OIC", place=p)])
        for p in ("NEW YORK", "Téhéran", None, "Moscou")
    ]
    result = score(gold, ours, places=GazetteerPlaces()).overall
    assert result.place.total == 4
    assert result.place.hit >= 1  # "NEW YORK"; the rest need the gazetteer (next test)


def test_places_same_city() -> None:
    places = GazetteerPlaces()
    if places._load() is None:
        pytest.skip("no gazetteer here")
    assert places("Tehran", Place(name="Téhéran"))
    assert places("Moscow", Place(name="Kremlin"))
    assert places("Moscow", Place(name="Moscou", geonames_id=524901))
    assert not places("Moscow", Place(name="Kuala Lumpur"))
    assert not places("Tehran", Place(name="Iran"))


# ------------------------------------------------------------------------------------------------- actors

TEXT = (
    "President Mohammad Khatami told the Secretary General of the Organization of the Islamic Conference (OIC) "
    "in Tehran that the UN must act; un diplomate said so."
)
ACTORS = [
    GoldActor("Mohammad Khatami", "IRN.GOV"),
    GoldActor("Organization of the Islamic Conference", "IGO.OIC"),
    GoldActor("OIC", "IGO.OIC"),
    GoldActor("UN", "IGO.UN"),
    GoldActor("Tehran", "IRN", kind="place"),
]


def test_actor_linking_with_overlaps() -> None:
    mentions = [
        mention_of(TEXT, "President Mohammad Khatami", "IRN.GOV"),  # overlaps, longer than gold: found
        mention_of(
            TEXT, "the Organization of the Islamic Conference (OIC)", "IGO.OIC"
        ),  # covers two gold actors
        mention_of(TEXT, "Tehran", "IRN.GOV"),  # a place: its country is enough
        mention_of(TEXT, "UN", "USA"),  # wrong code
        mention_of(TEXT, "Secretary General", "IGO.OIC"),  # overlaps no gold actor: not in precision
        mention_of(TEXT, "un diplomate", "FRA"),  # lowercase "un" is not the acronym
    ]
    result = scores([record(text=TEXT, actors=ACTORS)], [article(TEXT, mentions=mentions)])
    assert (result.actors.matched_gold, result.actors.n_gold) == (4, 5)
    assert (result.actors.matched_pred, result.actors.n_pred) == (3, 4)


def test_unresolved_mentions_find_nothing_and_cost_nothing() -> None:
    mentions = [mention_of(TEXT, "Mohammad Khatami", None), mention_of(TEXT, "OIC", "IGO.OIC")]
    result = scores([record(text=TEXT, actors=ACTORS)], [article(TEXT, mentions=mentions)])
    # "OIC" alone finds the gold "OIC", not the full name it follows
    assert (result.actors.matched_gold, result.actors.matched_pred, result.actors.n_pred) == (1, 1, 1)


def test_actor_found_by_equal_text_where_the_gold_text_is_not_in_the_article() -> None:
    text = "Talks with the u.n. envoy went on."
    mentions = [mention_of(text, "u.n.", "IGO.UN")]
    result = scores(
        [record(text=text, actors=[GoldActor("U.N.", "IGO.UN")])], [article(text, mentions=mentions)]
    )
    assert (result.actors.matched_gold, result.actors.matched_pred) == (1, 1)


def test_actor_codes_dev_with_bag_of_words_spans() -> None:
    text = "اعلن عضو مقتل خمسة من فريق الحماية التابع للرئيس العراقي في انفجار"
    gold = [
        record(
            [
                gold_event(
                    "ASSAULT",
                    None,
                    "IRQ.GOV",
                    target_text="للرئيس فريق التابع العراقي الحماية",
                    source_text="عضو",
                )
            ]
        )
    ]
    start = text.index("فريق")
    ours = [article(text, mentions=[mention(text, start, text.index(" في"), "IRQ.GOV")])]
    result = scores(gold, ours)
    assert (result.actor_codes_dev.hit, result.actor_codes_dev.total) == (
        1,
        1,
    )  # no code for the source: unscored
    ours = [article(text, mentions=[mention(text, start, text.index(" في"), "IRQ")])]
    assert scores(gold, ours).actor_codes_dev.hit == 0


def test_actor_codes_dev_take_the_code_our_event_gives_the_actor() -> None:
    text = "Rebels exploded bombs in Kabul."
    gold = [record([gold_event("ASSAULT", "AFG.REB", "AFG.GOV", source_text="Rebels", target_text="Kabul")])]
    kabul = mention_of(text, "Kabul", "AFG")  # the place, out of any event
    bombing = event("ASSAULT", "AFG.REB", "AFG.GOV")
    assert bombing.target is not None
    bombing.target.span = kabul.span  # the capital as the bombing's target: its government
    result = scores(gold, [article(text, mentions=[kabul], events=[bombing])])
    assert (result.actor_codes_dev.hit, result.actor_codes_dev.total) == (1, 2)  # no mention of the rebels
    # where our event names the actor, its code there is ours, even if the mention's alone would agree
    bombing.target.code = "AFG.CVL"
    kabul.code = "AFG.GOV"
    assert scores(gold, [article(text, mentions=[kabul], events=[bombing])]).actor_codes_dev.hit == 0


# ------------------------------------------------------------------------------------------------- report


def test_groups_and_json_round_trip() -> None:
    gold = [
        record([gold_event("PROTEST", "FRA.CVL")], dataset="a", language="fr"),
        record([gold_event("ASSAULT", "COL.REB", "---.CVL")], dataset="b", language="es"),
        record(
            [gold_event("PROTEST")], dataset="b", language="fr", task="detection", detection_type="PROTEST"
        ),
    ]
    ours = [
        article(events=[event("PROTEST", "FRA.CVL")]),
        article(events=[event("ASSAULT", "COL.REB", "COL.GOV")]),
        article(events=[event("PROTEST")]),
    ]
    report = score(gold, ours, places=names_only)
    assert report.datasets["a"].events.f1 == 1.0 and report.datasets["b"].events.f1 == 0.0
    assert report.languages["fr"].records == 2 and report.languages["fr"].detection.tp == 1
    assert report.overall.events.matched_gold == 1 and report.overall.records == 3
    text = report.to_json()
    assert '"f1": 0.5' in text and '"precision"' in text
    again = EvalReport.from_json(text)
    assert again == report and again.to_json() == text


def test_table_renders() -> None:
    gold = [record([gold_event("PROTEST", "FRA.CVL")], dataset="plover", language="en")]
    table = score(gold, [article(events=[event("PROTEST", "FRA.CVL")])], places=names_only).table()
    for expected in (
        "Event extraction",
        "Tasks and actors",
        "overall",
        "dataset plover",
        "lang en",
        "1.000",
        "–",
    ):
        assert expected in table
    assert "\x1b[" not in table  # plain text


def test_lengths_must_agree() -> None:
    with pytest.raises(ValueError, match="1 gold records but 0"):
        score([record()], [])
