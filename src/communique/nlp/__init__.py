"""The NLP layer: sentences, tokens, lemmas, dependencies and named entities, routed by language.

Paragraphs are parsed separately (a sentence never crosses a line break: titles and datelines stay apart), and
the parse is attached to the article for the later stages of the same pipeline run; it is not stored.

Only paragraphs that can hold an event are parsed in full (tagger, parser, lemmatizer). Every paragraph gets the
model's named entities, which have their own token vectors in the spaCy ``*_sm`` models, so they are the same
either way; a paragraph with no word that could be a trigger (:class:`TriggerWords`) gets them and a rule-based
sentence split, nothing more, and its sentences say ``parsed=False``. That is about half of a news article's
paragraphs, and the parser and tagger are about half of the model's time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from communique.models import Article, Sentence
from communique.nlp.models import has_parser, load
from communique.nlp.triggers import TriggerWords

__all__ = ["ParsedSentence", "Parser", "TriggerWords", "parse_of"]

PARSE_BATCH = 64


@dataclass(frozen=True)
class ParsedSentence:
    """One sentence: its index in the article, character offsets in ``article.text`` and its spaCy span."""

    index: int
    start: int
    end: int
    span: SpacySpan
    offset: int  # where the sentence's paragraph starts in article.text; token.idx + offset = article offset
    parsed: bool = True  # tagged, lemmatised and parsed; False: tokens and entities only (see the module doc)

    def char(self, token_start: int, token_end: int) -> tuple[int, int]:
        """Article offsets of tokens ``token_start:token_end`` (indexes in the paragraph doc)."""
        doc = self.span.doc
        end_token = doc[token_end - 1]
        return doc[token_start].idx + self.offset, end_token.idx + len(end_token.text) + self.offset


@dataclass
class Parse:
    language: str
    parsed: bool  # True when the language has a trained model; False for sentencizer-only languages
    sentences: list[ParsedSentence]


def parse_of(article: Article) -> Parse:
    """The parse attached by the ``nlp.parse`` component."""
    parse = article._parse
    if not isinstance(parse, Parse):
        raise LookupError(f"article {article.id} has not been through nlp.parse")
    return parse


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for line in text.split("\n"):
        if line.strip():
            yield start, line
        start += len(line) + 1


class Parser:
    """Component ``nlp.parse``: parse every paragraph with its language's pipeline, batched.

    ``trigger_words(language)`` gives the words that make a paragraph worth a full parse; None parses them all.
    """

    def __init__(self, trigger_words: Callable[[str], Iterable[str]] | None = None) -> None:
        self.trigger_words = trigger_words
        self._words: dict[str, TriggerWords] = {}
        self._sentencizer = Sentencizer()

    def __call__(self, article: Article) -> Article:
        return next(iter(self.pipe([article])))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        batch = list(articles)
        by_language: dict[str, list[Article]] = {}
        for article in batch:
            by_language.setdefault(article.language, []).append(article)
        for language, group in by_language.items():
            pieces = [
                (article, offset, text) for article in group for offset, text in _paragraphs(article.text)
            ]
            docs = self._docs(language, [text for _, _, text in pieces])
            sentences: dict[str, list[ParsedSentence]] = {a.id: [] for a in group}
            for (article, offset, _), doc in zip(pieces, docs, strict=True):
                sentences[article.id].extend(_sentences(doc, offset, len(sentences[article.id])))
            for article in group:
                found = sentences[article.id]
                article.sentences = [Sentence(start=s.start, end=s.end) for s in found]
                article._parse = Parse(language, has_parser(language), found)
        return iter(batch)

    def _docs(self, language: str, texts: list[str]) -> list[Doc]:
        nlp = load(language)
        if self.trigger_words is None or not has_parser(language) or "ner" not in nlp.pipe_names:
            return list(nlp.pipe(texts, batch_size=PARSE_BATCH))
        words = self._words.get(language)
        if words is None:
            words = self._words[language] = TriggerWords(nlp, self.trigger_words(language))
        others = [name for name in nlp.pipe_names if name != "ner"]
        docs = list(nlp.pipe(texts, batch_size=PARSE_BATCH, disable=others))  # tokens and entities
        wanted = [i for i, doc in enumerate(docs) if words.any_in(doc)]
        parsed = nlp.pipe((docs[i] for i in wanted), batch_size=PARSE_BATCH, disable=["ner"])
        for i, doc in zip(wanted, parsed, strict=True):
            docs[i] = doc
        chosen = set(wanted)
        for i, doc in enumerate(docs):
            if i not in chosen:
                self._sentencizer(doc)
        return docs


def _sentences(doc: Doc, offset: int, first_index: int) -> Iterator[ParsedSentence]:
    parsed = doc.has_annotation("DEP")
    sents = [sent for sent in doc.sents if sent.text.strip()]
    for i, sent in enumerate(sents, start=first_index):
        yield ParsedSentence(i, sent.start_char + offset, sent.end_char + offset, sent, offset, parsed)
