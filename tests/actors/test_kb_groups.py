"""Armed groups, political parties and news outlets of ``groups.yaml``: names, codes, former names, checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from communique.actors.kb import KnowledgeBase
from communique.actors.kb.validate import validate
from communique.errors import KnowledgeBaseError
from communique.models import ActorKind


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def _ids(kb: KnowledgeBase, alias: str, language: str | None = None) -> list[str]:
    return [actor.id for actor in kb.lookup(alias, language)]


def test_the_shipped_kb_has_no_problems(kb: KnowledgeBase) -> None:
    assert [str(problem) for problem in validate(kb)] == []


def test_counts(kb: KnowledgeBase) -> None:
    from_groups = [actor for actor in kb.actors() if kb.source(actor.id).startswith("groups.yaml")]
    kinds = [actor.kind for actor in from_groups]
    assert kinds.count(ActorKind.ARMED_GROUP) >= 60
    assert kinds.count(ActorKind.PARTY) >= 60
    assert sum(actor.sector == "MED" for actor in from_groups) >= 30
    assert all(actor.cameo for actor in from_groups)


@pytest.mark.parametrize(
    ("alias", "language", "actor_id"),
    [
        ("las FARC", "es", "FARC"),
        ("Fuerzas Armadas Revolucionarias de Colombia", "es", "FARC"),
        ("FARC-EP", "en", "FARC"),
        ("Ejército de Liberación Nacional", "es", "ELN"),
        ("Autodefensas Unidas de Colombia", "es", "AUC-COL"),
        ("Ejército Zapatista de Liberación Nacional", "es", "EZLN"),
        ("Sendero Luminoso", "es", "SENDERO"),
        ("حماس", "ar", "HAMAS"),
        ("Хамас", "ru", "HAMAS"),
        ("Hamas", "fr", "HAMAS"),
        ("Hisbollah", "de", "HEZBOLLAH"),
        ("Hizbullah", "tr", "HEZBOLLAH"),
        ("حزب الله", "ar", "HEZBOLLAH"),
        ("talibanes", "es", "TALIBAN"),
        ("Daech", "fr", "ISIS"),
        ("داعش", "ar", "ISIS"),
        ("ИГИЛ", "ru", "ISIS"),
        ("Al-Qaïda au Maghreb islamique", "fr", "AQIM"),
        ("Liberation Tigers of Tamil Eelam", "en", "LTTE"),
        ("SPLM/A", "en", "SPLM-A"),
        ("Kürdistan İşçi Partisi", "tr", "PKK"),
        ("الحوثيين", "ar", "HOUTHIS"),
        ("Единая Россия", "ru", "UNITED-RUSSIA"),
        ("Likud", "es", "LIKUD"),
        ("Adalet ve Kalkınma Partisi", "tr", "AKP"),
        ("Frères musulmans", "fr", "MB"),
        ("OLP", "es", "PLO"),
        ("Reuters", "es", "REUTERS"),
        ("وكالة الأنباء السعودية", "ar", "SPA"),
        ("Associated Press", "en", "AP"),
    ],
)
def test_lookup_in_several_languages(kb: KnowledgeBase, alias: str, language: str, actor_id: str) -> None:
    assert _ids(kb, alias, language)[0] == actor_id


@pytest.mark.parametrize(
    ("actor_id", "code"),
    [
        ("FARC", "COL.REB"),
        ("ELN", "COL.REB"),
        ("AUC-COL", "COL.UAF"),  # paramilitaries: unaligned armed forces, as the gold files code them
        ("HAMAS", "PSE.REB"),
        ("HEZBOLLAH", "LBN.REB"),
        ("TALIBAN", "AFG.REB"),
        ("LTTE", "LKA.REB"),
        ("SPLM-A", "SDN.REB"),
        ("AQ", "IMG"),  # transnational: CAMEO's international militarised group
        ("ISIS", "IMG"),
        ("AQAP", "YEM.REB"),
        ("LIKUD", "ISR.PTY"),
        ("USA-GOP", "USA.PTY"),
        ("BJP", "IND.PTY"),
        ("AL-JAZEERA", "QAT.MED"),
        ("XINHUA", "CHN.MED"),
        ("PLO", "PSE.GOV"),
    ],
)
def test_codes(kb: KnowledgeBase, actor_id: str, code: str) -> None:
    assert kb.code(actor_id) == code


def test_cameo_codes_follow_the_dictionaries(kb: KnowledgeBase) -> None:
    assert kb.get("HAMAS").cameo == "PSEREBHMS"
    assert kb.get("AQ").cameo == "IMGMUSALQ"
    assert kb.get("FARC").cameo == "COLREB"


def test_branches_and_wings_record_their_parent(kb: KnowledgeBase) -> None:
    assert kb.parent("QASSAM") == "HAMAS"
    assert kb.parent("AQAP") == "AQ"
    assert kb.parent("ISKP") == "ISIS"


def test_former_names(kb: KnowledgeBase) -> None:
    assert _ids(kb, "Jabhat al-Nusra") == ["HTS"]
    assert kb.former_name_period("Jabhat al-Nusra") == dt.date(2016, 7, 28)
    assert kb.former_name_period("Jabhat Fateh al-Sham", "HTS") == dt.date(2017, 1, 28)
    assert kb.former_name_period("Islamic State of Iraq") == dt.date(2013, 4, 8)
    assert kb.former_name_period("Salafist Group for Preaching and Combat") == dt.date(2007, 1, 24)
    assert kb.former_name_period("Front national") == dt.date(2018, 6, 1)
    assert kb.former_name_period("ISIS") is None  # still in use


def test_shared_names_are_ambiguous(kb: KnowledgeBase) -> None:
    assert set(_ids(kb, "Labour Party", "en")) == {"GBR-LAB", "ISR-LABOR"}
    assert kb.is_ambiguous("Labour Party")
    assert set(_ids(kb, "RSF")) == {"RSF", "RSF-SDN"}
    assert kb.is_ambiguous("RSF")
    assert set(_ids(kb, "Partido Colorado", "es")) == {"PRY-ANR", "URY-PC"}


def test_common_words_are_no_names(kb: KnowledgeBase) -> None:
    # The matcher folds case: a party or paper named like an ordinary word needs a qualifier.
    for word, language in [
        ("podemos", "es"),
        ("morena", "es"),
        ("labour", "en"),
        ("el país", "es"),
        ("le monde", "fr"),
    ]:
        assert kb.lookup(word, language) == [], word


def test_a_user_file_extends_a_group(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "groups:\n  - id: HAMAS\n    aliases:\n      it: [Movimento di Resistenza Islamica]\n"
        "  - id: NEW-FRONT\n    name: New Front\n    kind: armed_group\n    country: COL\n    cameo: COLREB\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([extra])
    assert _ids(kb, "Movimento di Resistenza Islamica", "it") == ["HAMAS"]
    assert kb.code("NEW-FRONT") == "COL.REB"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("  - id: X1\n    name: X\n    kind: militia\n", "'kind' must be one of"),
        ("  - id: X1\n    kind: party\n", "needs a 'name'"),
        ("  - id: X1\n    name: X\n    kind: organisation\n", "needs a 'sector'"),
        ("  - id: X1\n    name: X\n    kind: party\n    country: Colombia\n", "ISO 3166 alpha-3"),
        ("  - id: IRN\n    name: X\n    kind: party\n", "already names a state"),
    ],
)
def test_malformed_entries_are_rejected(tmp_path: Path, entry: str, message: str) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text("groups:\n" + entry, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=message):
        KnowledgeBase.load([extra])


def test_validation_names_unknown_countries_and_sectors(tmp_path: Path) -> None:
    extra = tmp_path / "odd.yaml"
    extra.write_text(
        "groups:\n  - id: X1\n    name: X\n    kind: party\n    country: XXX\n    cameo: XXXPTY\n"
        "  - id: X2\n    name: Y\n    kind: organisation\n    sector: ZZZ\n    country: COL\n",
        encoding="utf-8",
    )
    problems = "\n".join(map(str, validate(KnowledgeBase.load([extra]))))
    assert "X1: unknown country XXX" in problems
    assert "X2: unknown sector ZZZ" in problems


def test_an_outlet_credited_in_parentheses_is_no_actor() -> None:
    from communique.actors.resolver import Candidate, _is_credit
    from communique.models import MentionKind

    kb = KnowledgeBase.load()
    text = "NEW YORK, 24 July (WAM) - The envoy met WAM reporters."
    credit = Candidate(text.index("WAM"), text.index("WAM") + 3, 0, MentionKind.ORGANISATION, [kb.get("WAM")])
    later = text.rindex("WAM")
    named = Candidate(later, later + 3, 0, MentionKind.ORGANISATION, [kb.get("WAM")])
    assert _is_credit(text, credit) and not _is_credit(text, named)
