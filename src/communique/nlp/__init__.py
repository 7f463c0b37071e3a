"""The NLP layer: sentences, tokens, lemmas, dependencies and named entities, routed by language.

Paragraphs are parsed separately (a sentence never crosses a line break: titles and datelines stay apart), and
the parse is attached to the article for the later stages of the same pipeline run; it is not stored.

Only sentences that can hold an event are parsed in full (tagger, parser, lemmatizer). Each paragraph first gets
the model's named entities (they have their own token vectors in the spaCy ``*_sm`` models, so they are found in
the paragraph's context as before) and a rule-based sentence split; a sentence with a word that could be a
trigger (:class:`TriggerWords`) is then parsed as a doc of its own (the parser may split it further), the others
keep tokens and entities only and say ``parsed=False``. In English news that leaves out about a third of the
tokens, and the tagger and parser are about half of the model's time. ``Config.parse_all`` parses everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Token
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
    offset: int  # where the span's doc (its paragraph, or the sentence parsed alone) starts in article.text
    # token.idx + offset = article offset
    # the article's text: slice it rather than ``span.doc.text``, which spaCy joins anew each time
    article_text: str
    parsed: bool = True  # tagged, lemmatised and parsed; False: tokens and entities only (see the module doc)

    def char(self, token_start: int, token_end: int) -> tuple[int, int]:
        """Article offsets of tokens ``token_start:token_end`` (indexes in the span's doc)."""
        doc = self.span.doc
        end_token = doc[token_end - 1]
        return doc[token_start].idx + self.offset, end_token.idx + len(end_token.text) + self.offset

    def tokens(self, start: int, end: int) -> list[Token]:
        """The sentence's tokens that start within article offsets ``start:end``."""
        return [t for t in self.span if start <= t.idx + self.offset < end]

    def head(self, start: int, end: int) -> Token | None:
        """The first token within ``start:end`` whose head lies outside it: the phrase's head ("Beirut" in
        "eastern Beirut")."""
        inside = self.tokens(start, end)
        indexes = {t.i for t in inside}
        return next((t for t in inside if t.head.i == t.i or t.head.i not in indexes), None)


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
    """Component ``nlp.parse``: each paragraph through its language's pipeline, batched; the full parse only
    for the sentences that could hold an event (the module's doc).

    ``trigger_words(language)`` gives the words that make a sentence worth a full parse; None parses them all.
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
            sentences: dict[str, list[ParsedSentence]] = {a.id: [] for a in group}
            units = self._units(language, [text for _, _, text in pieces])
            for (article, offset, _), paragraph in zip(pieces, units, strict=True):
                found = sentences[article.id]
                for span, start, parsed in paragraph:
                    if span.text.strip():
                        at = offset + start  # where the span's doc starts in the article
                        found.append(
                            ParsedSentence(
                                len(found),
                                span.start_char + at,
                                span.end_char + at,
                                span,
                                at,
                                article.text,
                                parsed,
                            )
                        )
            for article in group:
                found = sentences[article.id]
                article.sentences = [Sentence(start=s.start, end=s.end) for s in found]
                article._parse = Parse(language, has_parser(language), found)
        return iter(batch)

    def _units(self, language: str, texts: list[str]) -> list[list[tuple[SpacySpan, int, bool]]]:
        """Each paragraph's sentences: (span, where its doc starts in the paragraph, whether it is parsed)."""
        nlp = load(language)
        parser = has_parser(language)
        if self.trigger_words is None or not parser or "ner" not in nlp.pipe_names:
            return [[(s, 0, parser) for s in doc.sents] for doc in nlp.pipe(texts, batch_size=PARSE_BATCH)]
        words = self._words.get(language)
        if words is None:
            words = self._words[language] = TriggerWords(nlp, self.trigger_words(language))
        others = [name for name in nlp.pipe_names if name != "ner"]
        units: list[list[tuple[SpacySpan, int, bool]]] = []
        wanted: list[tuple[int, int, Doc]] = []  # (paragraph, its slot, the sentence as a doc of its own)
        for doc in nlp.pipe(texts, batch_size=PARSE_BATCH, disable=others):  # tokens and entities
            paragraph: list[tuple[SpacySpan, int, bool]] = []
            for sent in self._sentencizer(doc).sents:
                if words.any_in(sent):
                    alone = sent.as_doc()  # keeps the entities found in the paragraph's context
                    for token in alone[1:]:
                        token.is_sent_start = None  # the parser may still split it
                    wanted.append((len(units), len(paragraph), alone))
                paragraph.append((sent, 0, False))
            units.append(paragraph)
        parsed = nlp.pipe((doc for _, _, doc in wanted), batch_size=PARSE_BATCH, disable=["ner"])
        # from the last, so that a sentence the parser splits in two does not move the slots before it
        for (p, slot, _), doc in reversed(list(zip(wanted, parsed, strict=True))):
            start = units[p][slot][0].start_char
            units[p][slot : slot + 1] = [(s, start, True) for s in doc.sents]
        return units
