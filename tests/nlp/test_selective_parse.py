"""nlp.parse parses in full only the sentences that could hold an event, and that changes no seed event."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.components import make_parser
from communique.config import Config
from communique.events.lexicon import load_lexicon
from communique.ingest.article import new_article
from communique.ingest.readers import read_file
from communique.models import Article
from communique.nlp import TriggerWords, parse_of
from communique.nlp.models import has_parser, load
from communique.pipeline import Pipeline


def _words(language: str) -> TriggerWords:
    if not has_parser(language):
        pytest.skip(f"no spaCy model for {language}")
    return TriggerWords(load(language), load_lexicon(language).forms())


@pytest.mark.parametrize(
    ("language", "word"),
    [
        ("en", "met"),  # an irregular past, from the lemmatiser's exceptions
        ("en", "condemned"),  # a regular one, from its suffix rules run backwards
        ("en", "Urged"),
        ("fr", "rencontré"),
        ("fr", "condamnent"),
        ("es", "condenaron"),
        ("es", "reunieron"),
        ("es", "dio"),  # a stop word, but a form of "dar" that a whole-word rule gives
    ],
)
def test_inflected_triggers_are_trigger_words(language: str, word: str) -> None:
    assert word in _words(language)


@pytest.mark.parametrize(
    ("language", "word"),
    [("en", "weather"), ("fr", "soleil"), ("es", "lluvia"), ("es", "de"), ("es", "para")],  # not dar, parar
)
def test_other_words_are_not(language: str, word: str) -> None:
    assert word not in _words(language)


def test_a_sentence_without_a_trigger_word_gets_entities_only() -> None:
    if not has_parser("en"):
        pytest.skip("no English model")
    text = (
        "The weather in Paris was mild on Sunday. Crowds filled the cafés along the Seine.\n"
        "Iran's foreign minister met the secretary general of the Arab League in Cairo. It rained there too."
    )
    article = new_article(text=text, source="test", format="text")
    article.language = "en"
    parse = parse_of(make_parser(Config())(article))
    assert [s.parsed for s in parse.sentences] == [False, False, True, False]
    assert "Paris" in [e.text for e in parse.sentences[0].span.ents]  # entities either way
    busy = parse.sentences[2]
    assert "meet" in {t.lemma_ for t in busy.span}
    assert article.text[busy.start : busy.end].startswith("Iran's foreign minister met")
    assert "Cairo" in [e.text for e in busy.span.ents]
    assert [busy.char(e.start, e.end) for e in busy.span.ents if e.text == "Cairo"] == [
        (article.text.index("Cairo"), article.text.index("Cairo") + 5)
    ]


def test_the_seeds_give_the_same_events_parsed_in_full(seeds: Path) -> None:
    articles = [
        item
        for path in sorted(seeds.glob("*.txt"))
        for item in read_file(path, Config().ingest)
        if isinstance(item, Article)
    ]

    def events(config: Config) -> list[tuple[str, str, str | None, str | None]]:
        pipeline = Pipeline(config)
        done = [pipeline(a.model_copy(deep=True)) for a in articles]
        return sorted(
            (e.id, e.type, e.source.code if e.source else None, e.target.code if e.target else None)
            for a in done
            for e in a.events
        )

    selective = events(Config())
    assert selective
    assert selective == events(Config(parse_all=True))
