"""Actor recognition and resolution on the seeds: one actor across names and languages, tenures, chains."""

from __future__ import annotations

from communique.models import Article, Mention


def _by_text(article: Article, text: str) -> list[Mention]:
    return [m for m in article.mentions if m.span.text == text]


def test_the_oic_is_one_actor_across_its_names_and_languages(seed_articles: dict[str, Article]) -> None:
    names = {
        "000": ["Organization of the Islamic Conference", "OIC"],
        "001": ["Organisation de la Conférence islamique", "OCI"],
        "002": ["Organisation of Islamic Cooperation", "OIC"],
        "003": ["Organization of the Islamic Conference", "OIC"],
    }
    for seed, surfaces in names.items():
        for surface in surfaces:
            found = _by_text(seed_articles[seed], surface)
            assert found and {m.actor for m in found} == {"OIC"}, (seed, surface)
            assert {m.code for m in found} == {"IGO.OIC"}


def test_office_holders_are_coded_by_their_office_on_the_day(seed_articles: dict[str, Article]) -> None:
    expected = {
        ("000", "Mohammad Khatami"): ("mohammad-khatami", "IRN.GOV"),
        ("000", "Kamal Kharrazi"): ("kamal-kharazi", "IRN.GOV"),
        ("000", "Abdelouahed Belkeziz"): ("abdelouahed-belkeziz", "IGO.OIC"),
        ("000", "Ahmad Maher"): ("ahmed-maher", "EGY.GOV"),  # another transliteration than the KB's
        ("001", "Ekmal-e-din Ihsanoglu"): ("ekmeleddin-ihsanoglu", "IGO.OIC"),
        ("001", "Ayatollah Khamenei"): ("ali-khamenei", "IRN.GOV"),
        ("002", "Khaled Khiari"): ("khaled-khiari", "IGO.UN"),
        ("003", "Igor Ivanov"): ("igor-ivanov-1945", "RUS.GOV"),
        ("003", "Sergei Lavrov"): ("sergey-lavrov", "RUS.GOV"),
        ("003", "Syed Hamid bin Syed Jaafar Albar"): ("syed-hamid-albar", "MYS.GOV"),
    }
    for (seed, surface), (actor, code) in expected.items():
        found = _by_text(seed_articles[seed], surface)
        assert found, (seed, surface)
        assert (found[0].actor, found[0].code) == (actor, code), (seed, surface)


def test_roles_from_titles(seed_articles: dict[str, Article]) -> None:
    assert _by_text(seed_articles["000"], "Kamal Kharrazi")[0].role == "foreign minister"
    assert _by_text(seed_articles["001"], "Ayatollah Khamenei")[0].role == "supreme leader"
    assert _by_text(seed_articles["003"], "Igor Ivanov")[0].role == "security council secretary"


def test_later_mentions_join_the_chain(seed_articles: dict[str, Article]) -> None:
    khatami = seed_articles["000"]
    chain = {m.span.text for m in khatami.mentions if m.actor == "mohammad-khatami"}
    assert {"Mohammad Khatami", "Khatami", "He", "president"} <= chain
    khamenei = {m.span.text for m in seed_articles["001"].mentions if m.actor == "ali-khamenei"}
    assert {"Son Eminence", "Il"} <= khamenei
    putin = [m for m in seed_articles["003"].mentions if m.span.text == "Putin"]
    assert putin and all(m.actor == "vladimir-putin" and m.code == "RUS.GOV" for m in putin)


def test_government_metonyms_and_places(seed_articles: dict[str, Article]) -> None:
    assert {m.code for m in _by_text(seed_articles["000"], "Zionist regime")} == {"ISR.GOV"}
    assert {m.code for m in _by_text(seed_articles["001"], "régime sioniste")} == {"ISR.GOV"}
    assert {m.code for m in _by_text(seed_articles["001"], "République islamique")} == {"IRN"}
    tehran = _by_text(seed_articles["000"], "Tehran")
    assert tehran and tehran[0].kind.value == "place" and tehran[0].code == "IRN"


def test_page_clutter_and_common_nouns_are_not_people(seed_articles: dict[str, Article]) -> None:
    for article in seed_articles.values():
        for mention in article.mentions:
            if mention.span.text in {"Sputnik", "Onlinenews", "Islamophobia"}:
                assert mention.kind.value != "person" and mention.actor is None


def test_every_mention_is_resolved_or_says_why_not(seed_articles: dict[str, Article]) -> None:
    for article in seed_articles.values():
        for mention in article.mentions:
            assert (mention.actor is not None or mention.code is not None) or mention.unresolved_reason


def test_undated_articles_are_bounded_by_tenures(seed_articles: dict[str, Article]) -> None:
    khatami = seed_articles["000"].published
    assert khatami is not None and khatami.date.year == 2003 and khatami.provenance.value == "inferred"
    assert khatami.latest is not None and khatami.latest.isoformat() == "2003-05-27"
    ivanov = seed_articles["003"].published
    assert ivanov is not None and ivanov.date.iso == "2004-05-21" and ivanov.provenance.value == "inferred"
    assert "Lavrov" in (ivanov.note or "")
